/**
 * Type diagnostics for learner files, with the TypeScript compiler API. They are reported
 * (file, line, column) but never stop the tests. Runs in a worker thread so the grader's
 * watchdogs keep ticking while the checker is busy, in parallel with the test child.
 */
import * as path from 'node:path';
import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';
import type { Diagnostic } from '../result';

export interface TypecheckRequest {
  /** Absolute paths of the learner files to check. */
  files: string[];
  /** The ambient declarations learner files may use (console, timers). */
  ambient: string;
}

/** Diagnostics by absolute file path. */
export type TypecheckResult = Record<string, Diagnostic[]>;

/** Checks `files` in a worker thread; never rejects (a broken checker reports nothing). */
export function typecheckInWorker(request: TypecheckRequest): Promise<TypecheckResult> {
  return new Promise((resolve) => {
    const worker = new Worker(__filename, { workerData: request });
    worker.once('message', (result: TypecheckResult) => resolve(result));
    worker.once('error', () => resolve({}));
    worker.once('exit', () => resolve({}));
  });
}

export function typecheck(request: TypecheckRequest): TypecheckResult {
  // Loaded here, not at the top: the grader's main thread never pays for the compiler.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const ts = require('typescript') as typeof import('typescript');
  const options: import('typescript').CompilerOptions = {
    strict: true,
    noEmit: true,
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.CommonJS,
    lib: ['lib.es2022.d.ts'],
    types: [],
    skipLibCheck: true,
    // Learner files stand alone: never follow an import or a reference out of the workspace.
    noResolve: true,
    isolatedModules: true,
  };
  const program = ts.createProgram([...request.files, request.ambient], options);
  const result: TypecheckResult = {};
  for (const file of request.files) {
    const source = program.getSourceFile(file);
    if (!source) continue;
    const diagnostics = [...program.getSyntacticDiagnostics(source), ...program.getSemanticDiagnostics(source)];
    result[file] = diagnostics.map((d) => {
      const { line, character } = d.start !== undefined ? source.getLineAndCharacterOfPosition(d.start) : { line: 0, character: 0 };
      return {
        file: path.basename(file),
        line: line + 1,
        column: character + 1,
        message: `TS${d.code}: ${ts.flattenDiagnosticMessageText(d.messageText, '\n').split('\n')[0]}`,
      };
    });
  }
  return result;
}

if (!isMainThread && parentPort && (workerData as TypecheckRequest | undefined)?.files) {
  parentPort.postMessage(typecheck(workerData as TypecheckRequest));
}
