/**
 * Type diagnostics for learner files, with the TypeScript compiler API. They are reported
 * (file, line, column) but never stop the tests. Runs in a worker thread so the grader's
 * watchdogs keep ticking while the checker is busy, in parallel with the test child.
 */
import * as fs from 'node:fs';
import Module from 'node:module';
import * as path from 'node:path';
import * as vm from 'node:vm';
import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';
import { projectRoot } from '../paths';
import type { Diagnostic } from '../result';

export interface TypecheckRequest {
  /** Absolute paths of the learner files to check. */
  files: string[];
  /** The ambient declarations learner files may use (console, timers). */
  ambient: string;
}

/** Diagnostics by absolute file path. */
export type TypecheckResult = Record<string, Diagnostic[]>;

/** How long one check may take before the thread is ended and started again (a type a learner wrote can take minutes). */
export const CHECK_DEADLINE_MS = 20_000;

/**
 * A worker thread that keeps the TypeScript compiler, its parsed library and its last program
 * between checks (see typecheck() below), so a session pays for them once. Checks run one at a
 * time, in the order asked. The check that runs past the deadline, or ends the thread (a heap
 * blown by its types), gets a diagnostic that says so, and the thread is started again for the
 * checks that were waiting behind it: one file cannot hold up or lose anyone else's.
 */
export class TypecheckWorker {
  private worker: Worker | undefined;
  private next = 0;
  private readonly waiting = new Map<number, { request: TypecheckRequest; resolve: (result: TypecheckResult) => void }>();
  /** The check the thread is on, and its deadline's timer. */
  private running: { id: number; timer: NodeJS.Timeout } | undefined;
  private closed = false;

  constructor(private readonly deadlineMs = CHECK_DEADLINE_MS) {}

  check(request: TypecheckRequest): Promise<TypecheckResult> {
    if (this.closed) return Promise.resolve({});
    const worker = this.start();
    const id = this.next++;
    worker.ref(); // keep the process alive while a check is pending
    return new Promise((resolve) => {
      this.waiting.set(id, { request, resolve });
      worker.postMessage({ id, request });
    });
  }

  /**
   * Starts the thread and has it load the compiler and parse the library now, while the caller
   * does something else (a check asked for later starts from there). For a session that will
   * type-check: calling it as the session opens takes the compiler's start off a grading's path.
   */
  warmUp(): void {
    this.start();
  }

  private start(): Worker {
    if (this.worker) return this.worker;
    // A bounded heap: the checker needs ~100 MiB, and V8 lets a heap with no bound grow far past
    // what it holds (measured: 300 MiB resident after a class of 100, 170 MiB with the bound, for
    // the same CPU). A learner file that blows it ends the thread (see stopped()).
    const worker = new Worker(__filename, { workerData: { persistent: true }, resourceLimits: { maxOldGenerationSizeMb: 384 } });
    worker.unref();
    worker.on('message', (message: { id: number; started: true } | { id: number; result: TypecheckResult }) => {
      if (this.worker !== worker) return; // a thread already ended: what it was asked is asked again
      if ('started' in message) {
        const timer = setTimeout(() => this.stopped(worker, `type checking was stopped after ${this.deadlineMs / 1000} s: the types in this file are too costly to check; the tests ran as usual`), this.deadlineMs);
        timer.unref(); // the worker's ref keeps the process alive while the check is pending
        this.running = { id: message.id, timer };
        return;
      }
      if (this.running?.id === message.id) this.endRunning();
      this.waiting.get(message.id)?.resolve(message.result);
      this.waiting.delete(message.id);
      if (this.waiting.size === 0) worker.unref();
    });
    const died = () => this.stopped(worker, 'type checking of this file ended the type checker (its types took too much memory); the tests ran as usual');
    worker.on('error', died);
    worker.on('exit', died);
    this.worker = worker;
    return worker;
  }

  private endRunning(): void {
    if (this.running) clearTimeout(this.running.timer);
    this.running = undefined;
  }

  /**
   * The thread ended, or is ended here: the check it was on is answered with `why` on each of
   * its files, and the checks waiting behind it go to a new thread, in their order.
   */
  private stopped(worker: Worker, why: string): void {
    if (this.worker !== worker) return; // already handled (an error is followed by an exit)
    this.worker = undefined;
    void worker.terminate();
    const culprit = this.running?.id;
    this.endRunning();
    const entry = culprit === undefined ? undefined : this.waiting.get(culprit);
    if (culprit !== undefined && entry) {
      this.waiting.delete(culprit);
      entry.resolve(Object.fromEntries(entry.request.files.map((file) => [file, [{ file: path.basename(file), line: 1, column: 1, message: why }]])));
    }
    const rest = [...this.waiting.entries()].sort(([a], [b]) => a - b);
    if (rest.length === 0) return;
    if (entry === undefined) {
      // Ended before any check began (the thread could not start): what waits reports nothing,
      // as it did before, rather than starting thread after thread.
      for (const [, { resolve }] of rest) resolve({});
      this.waiting.clear();
      return;
    }
    const fresh = this.start();
    fresh.ref();
    for (const [id, { request }] of rest) fresh.postMessage({ id, request });
  }

  close(): void {
    this.closed = true;
    this.endRunning();
    void this.worker?.terminate();
    this.worker = undefined;
    for (const { resolve } of this.waiting.values()) resolve({});
    this.waiting.clear();
  }
}

type TS = typeof import('typescript');

/** Where compiled code of the compiler is kept between processes (beside jest's cache). */
const CODE_CACHE_DIR = path.join(projectRoot, 'node_modules', '.cache', 'iteration-grader');

/**
 * The compiler, loaded as Node would load it, but with V8's code cache: TypeScript is one 9 MB
 * file whose compilation costs each process a few hundred milliseconds. The cache is made once
 * the library is parsed (measured: a cache made later, holding more functions, loads slower than
 * it saves) and keyed by the compiler's, Node's and V8's versions; V8 checks it again and refuses
 * a cache that does not fit, and the file is then compiled as usual (and cached anew). Nothing is
 * cached when the folder cannot be written.
 */
function loadTypeScript(): { ts: TS; saveCodeCache(): void } {
  const file = require.resolve('typescript');
  let version = 'unknown';
  try {
    version = (JSON.parse(fs.readFileSync(path.join(path.dirname(file), '..', 'package.json'), 'utf8')) as { version: string }).version;
  } catch {
    /* cached under "unknown": V8 still refuses a cache that does not fit */
  }
  const cacheFile = path.join(CODE_CACHE_DIR, `typescript-${version}-node${process.versions.node}-v8-${process.versions.v8}-${process.arch}.code`);
  const cached = require.cache[file];
  if (cached?.loaded) return { ts: cached.exports as TS, saveCodeCache: () => undefined };
  let cachedData: Buffer | undefined;
  try {
    cachedData = fs.readFileSync(cacheFile);
  } catch {
    /* first run: compiled from source, cached after the first check */
  }
  const source = fs.readFileSync(file, 'utf8');
  const script = new vm.Script(Module.wrap(source), { filename: file, cachedData });
  const module = new Module(file, undefined);
  module.filename = file;
  module.paths = (Module as unknown as { _nodeModulePaths(dir: string): string[] })._nodeModulePaths(path.dirname(file));
  (script.runInThisContext() as (...args: unknown[]) => void).call(module.exports, module.exports, Module.createRequire(file), module, file, path.dirname(file));
  module.loaded = true;
  require.cache[file] = module;
  const fresh = !cachedData || script.cachedDataRejected === true;
  return {
    ts: module.exports as TS,
    saveCodeCache: () => {
      if (!fresh) return;
      try {
        fs.mkdirSync(CODE_CACHE_DIR, { recursive: true });
        const temporary = `${cacheFile}.${process.pid}.tmp`;
        fs.writeFileSync(temporary, script.createCachedData());
        fs.renameSync(temporary, cacheFile);
      } catch {
        /* a read-only installation: compiled each time */
      }
    },
  };
}

/**
 * What stays between checks in one worker: the compiler options, a host that hands back the
 * same parsed SourceFile for a file whose text has not changed (the library files, the ambient
 * file, a learner file saved again unchanged), and the last program, given to the next one as
 * `oldProgram`. TypeScript's default host reads and parses every file again, the whole ES2022
 * library included, even when the old program could be reused: that was most of each check.
 * A new program still gets a new type checker, so nothing a learner file declares survives it.
 */
interface Checker {
  ts: TS;
  options: import('typescript').CompilerOptions;
  host: import('typescript').CompilerHost;
  previous?: import('typescript').Program;
  saveCodeCache(): void;
}

let checker: Checker | undefined;

/** Parsed files by name, with the text they were parsed from; learner files are dropped after each check. */
const parsed = new Map<string, { text: string; source: import('typescript').SourceFile }>();

function createChecker(): Checker {
  // Loaded here, not at the top: the grader's main thread never pays for the compiler.
  const { ts, saveCodeCache } = loadTypeScript();
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
  const host = ts.createCompilerHost(options);
  const read = host.readFile.bind(host);
  const libraryDir = path.dirname(host.getDefaultLibFileName(options));
  host.getSourceFile = (fileName, languageVersion, onError) => {
    const known = parsed.get(fileName);
    // The library does not change while the grader runs: never read it twice.
    if (known && path.dirname(fileName) === libraryDir) return known.source;
    let text: string | undefined;
    try {
      text = read(fileName);
    } catch (error) {
      onError?.((error as Error).message);
    }
    if (text === undefined) return undefined;
    if (known && known.text === text) return known.source;
    // As tsc does: JSDoc in TypeScript files is not parsed (it cannot change a type error).
    const source = ts.createSourceFile(fileName, text, {
      ...(typeof languageVersion === 'object' ? languageVersion : { languageVersion }),
      jsDocParsingMode: ts.JSDocParsingMode.ParseForTypeErrors,
    });
    parsed.set(fileName, { text, source });
    return source;
  };
  return { ts, options, host, saveCodeCache };
}

export function typecheck(request: TypecheckRequest): TypecheckResult {
  checker ??= createChecker();
  const { ts, options, host } = checker;
  const program = ts.createProgram([...request.files, request.ambient], options, host, checker.previous);
  checker.previous = program;
  // Forget learner files of earlier checks (a batch grades hundreds): keep what this program holds.
  for (const name of parsed.keys()) if (!program.getSourceFile(name)) parsed.delete(name);
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

/**
 * Before the first request: the compiler, and a program of the ambient file alone, which parses
 * and binds the whole library (kept by the host for every later program).
 */
function prepare(ambient: string): void {
  checker ??= createChecker();
  const { ts, options, host } = checker;
  const program = ts.createProgram([ambient], options, host, checker.previous);
  checker.saveCodeCache();
  // A type checker binds every library file: the binding stays on the parsed files, which every
  // later program shares, so a learner's first check does not wait for it.
  program.getSemanticDiagnostics(program.getSourceFile(ambient));
  checker.previous = program;
}

if (!isMainThread && parentPort && (workerData as { persistent?: boolean } | undefined)?.persistent) {
  const port = parentPort;
  port.on('message', ({ id, request }: { id: number; request: TypecheckRequest }) => {
    port.postMessage({ id, started: true });
    let result: TypecheckResult = {};
    try {
      result = typecheck(request);
    } catch {
      /* reported as no diagnostics */
    }
    port.postMessage({ id, result });
  });
  // Requests wait in the port while this runs: the first check starts where it left off.
  try {
    prepare(path.join(projectRoot, 'grader', 'types', 'ambient.d.ts'));
  } catch {
    /* the first check reports what is wrong */
  }
}
