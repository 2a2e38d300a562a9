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

/**
 * A worker thread that keeps the last TypeScript program and hands it to the next check as
 * `oldProgram`, so the ES2022 library is parsed once per session, not once per grading.
 */
export class TypecheckWorker {
  private worker: Worker | undefined;
  private next = 0;
  private readonly waiting = new Map<number, (result: TypecheckResult) => void>();

  check(request: TypecheckRequest): Promise<TypecheckResult> {
    const worker = this.start();
    const id = this.next++;
    worker.ref(); // keep the process alive while a check is pending
    return new Promise((resolve) => {
      this.waiting.set(id, resolve);
      worker.postMessage({ id, request });
    });
  }

  private start(): Worker {
    if (this.worker) return this.worker;
    const worker = new Worker(__filename, { workerData: { persistent: true } });
    worker.unref();
    worker.on('message', ({ id, result }: { id: number; result: TypecheckResult }) => {
      this.waiting.get(id)?.(result);
      this.waiting.delete(id);
      if (this.waiting.size === 0) worker.unref();
    });
    // A broken checker reports nothing rather than failing the grading.
    const drop = () => {
      for (const resolve of this.waiting.values()) resolve({});
      this.waiting.clear();
      this.worker = undefined;
    };
    worker.on('error', drop);
    worker.on('exit', drop);
    this.worker = worker;
    return worker;
  }

  close(): void {
    void this.worker?.terminate();
    this.worker = undefined;
  }
}

let previous: import('typescript').Program | undefined;

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
  const program = ts.createProgram([...request.files, request.ambient], options, undefined, previous);
  previous = program;
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

if (!isMainThread && parentPort && (workerData as { persistent?: boolean } | undefined)?.persistent) {
  const port = parentPort;
  port.on('message', ({ id, request }: { id: number; request: TypecheckRequest }) => {
    let result: TypecheckResult = {};
    try {
      result = typecheck(request);
    } catch {
      /* reported as no diagnostics */
    }
    port.postMessage({ id, result });
  });
}

/** One check in a worker of its own (prefer a session's TypecheckWorker, which stays warm). */
export function typecheckInWorker(request: TypecheckRequest): Promise<TypecheckResult> {
  const worker = new TypecheckWorker();
  return worker.check(request).finally(() => worker.close());
}
