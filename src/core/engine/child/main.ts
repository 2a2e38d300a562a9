/**
 * The grading child: runs the hidden suites in band with jest (child/jest.ts: jest-runner,
 * jest-runtime and jest-circus, set up once per child). Started by the grader (../runner.ts) with
 * its requests on stdin and the side channel on fd 3; it runs in its own process group so the
 * grader can end it, and everything it started, at once.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { ChildRequest } from '../protocol';
import { emit, openChannel } from './channel';
import { InBandJest, type Setup } from './jest';

/** The child's own folder (its cwd when started): writable, like everything under it. */
const ownRoot = process.cwd();

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * Jest needs the project root readable under the permission model (see grade.ts), and
 * solutions/ sits inside it. Every path-taking fs function of the real module object (which
 * learner code gets from require('fs')), and of graceful-fs's copy of it that jest reads through,
 * refuses paths inside the forbidden folders, after resolving links, and learner code cannot make
 * new links to reach them.
 *
 * jest itself reads through these functions too (hundreds of files per suite file), so a path's
 * verdict is remembered when it cannot change: a path with no link in it (its real path is
 * itself, or it does not exist), outside the folders the child may write. Nothing can turn such
 * a path into a link or make it appear: that needs writing its parent folder. Paths in the
 * writable folders are resolved every time.
 */
function forbidReads(forbidden: string[], writable: string[]): void {
  if (forbidden.length === 0) return;
  const nodeFs = require('node:fs') as Record<string, unknown> & { promises: Record<string, unknown> };
  const realpath = fs.realpathSync.native;
  const under = (dirs: string[], file: string) => dirs.some((dir) => file === dir || file.startsWith(`${dir}${path.sep}`));
  const settled = new Map<string, boolean>();
  const denied = (target: unknown): boolean => {
    if (typeof target !== 'string' && !(target instanceof URL) && !Buffer.isBuffer(target)) return false;
    const absolute = path.resolve(String(target instanceof URL ? target.pathname : target));
    const known = settled.get(absolute);
    if (known !== undefined) return known;
    let resolved = absolute;
    try {
      resolved = realpath(absolute);
    } catch {
      /* not there: judged as written (outside the writable folders, it cannot appear either) */
    }
    const verdict = under(forbidden, resolved);
    if (resolved === absolute && !under(writable, absolute) && settled.size < 100_000) settled.set(absolute, verdict);
    return verdict;
  };
  const refuse = (name: string, target: unknown) =>
    Object.assign(new Error(`${name}: reading ${String(target)} is not allowed while grading`), { code: 'ERR_ACCESS_DENIED' });
  const wrap = (owner: Record<string, unknown>, name: string, twoPaths: boolean) => {
    const original = owner[name];
    if (typeof original !== 'function') return;
    owner[name] = function guarded(this: unknown, ...args: unknown[]) {
      if (denied(args[0]) || (twoPaths && denied(args[1]))) throw refuse(name, args[0]);
      return (original as (...a: unknown[]) => unknown).apply(this, args);
    };
  };
  const onePath = ['readFile', 'readFileSync', 'open', 'openSync', 'openAsBlob', 'createReadStream', 'readdir', 'readdirSync', 'opendir', 'opendirSync', 'stat', 'statSync', 'lstat', 'lstatSync', 'access', 'accessSync', 'existsSync', 'readlink', 'readlinkSync', 'watch', 'watchFile'];
  const twoPaths = ['copyFile', 'copyFileSync', 'cp', 'cpSync', 'link', 'linkSync', 'symlink', 'symlinkSync', 'rename', 'renameSync'];
  // graceful-fs (what jest reads through) keeps a copy of the fs functions it found when loaded.
  const gracefulPath = (() => {
    try {
      return require.resolve('graceful-fs', { paths: [path.dirname(require.resolve('jest-runtime', { paths: [path.dirname(require.resolve('jest-runner'))] }))] });
    } catch {
      return undefined;
    }
  })();
  const graceful = gracefulPath && require.cache[gracefulPath] ? (require.cache[gracefulPath]!.exports as Record<string, unknown> & { promises?: Record<string, unknown> }) : undefined;
  for (const owner of graceful ? [nodeFs, graceful] : [nodeFs]) {
    for (const name of onePath) wrap(owner, name, false);
    for (const name of twoPaths) wrap(owner, name, true);
  }
  for (const promises of new Set([nodeFs.promises, graceful?.promises].filter((p): p is Record<string, unknown> => Boolean(p)))) {
    for (const name of ['readFile', 'open', 'readdir', 'opendir', 'stat', 'lstat', 'access', 'readlink', 'copyFile', 'cp', 'link', 'symlink', 'rename']) {
      wrap(promises, name, ['copyFile', 'cp', 'link', 'symlink', 'rename'].includes(name));
    }
  }
  // The old native-binding back door around the fs module.
  (process as unknown as { binding: unknown }).binding = () => {
    throw refuse('process.binding', 'internal bindings');
  };
}

let guarded = false;
/** jest, set up for the suites of the first request (a session grades with one suites folder). */
let jest: { setup: string; engine: Promise<InBandJest> } | undefined;

/** Grades one request: the suites it names against its workspace, in band. */
async function gradeOne(request: ChildRequest): Promise<void> {
  openChannel(request.token);
  if (!guarded) {
    forbidReads(request.forbiddenReads, [ownRoot, request.cacheDir]);
    guarded = true;
  }
  process.env.GRADER_WORKSPACE = request.workspace;
  process.env.GRADER_OUTPUT_CAP = String(request.outputCapBytes);
  const setup: Setup = { projectRoot: request.projectRoot, suitesDir: request.suitesDir, cacheDir: request.cacheDir };
  const key = JSON.stringify(setup);
  if (jest?.setup !== key) jest = { setup: key, engine: InBandJest.start(setup) };
  const engine = await jest.engine;
  if (request.warmUp) return;
  await engine.run(
    {
      workspace: request.workspace,
      files: request.suiteFiles,
      testTimeoutMs: request.testTimeoutMs,
      testNamePattern: request.onlyTests ? `^(${request.onlyTests.map(escapeRegExp).join('|')})$` : undefined,
    },
    { fileError: (file, message) => emit({ e: 'file-error', file, message }) },
  );
  emit({ e: 'finished' });
}

/**
 * A warm child: jest is loaded once, then requests arrive one JSON line at a time on stdin and
 * are graded one after the other (each suite file still gets its own fresh module registry and
 * realm). The child ends when stdin closes.
 */
async function main(): Promise<void> {
  let pending = '';
  const queue: ChildRequest[] = [];
  let busy = false;
  const next = async (): Promise<void> => {
    if (busy) return;
    const request = queue.shift();
    if (!request) return;
    busy = true;
    await gradeOne(request);
    busy = false;
    void next();
  };
  process.stdin.setEncoding('utf8');
  process.stdin.on('data', (chunk: string) => {
    pending += chunk;
    let newline: number;
    while ((newline = pending.indexOf('\n')) >= 0) {
      const line = pending.slice(0, newline);
      pending = pending.slice(newline + 1);
      if (line.trim()) queue.push(JSON.parse(line) as ChildRequest);
    }
    void next().catch(fail);
  });
  process.stdin.on('end', () => {
    const wait = setInterval(() => {
      if (!busy && queue.length === 0) process.exit(0);
    }, 5);
    void wait;
  });
  // While the grader prepares the first request: load what every grading needs.
  preload();
}

/** jest's modules and the transformer's native binding, loaded before the first request asks. */
function preload(): void {
  for (const name of ['jest-config', 'jest-haste-map', 'jest-resolve', 'jest-runtime', 'jest-runner', 'jest-environment-node']) {
    try {
      require(require.resolve(name, { paths: [path.dirname(require.resolve('jest-runner'))] }));
    } catch {
      /* loaded (and reported) when a request needs it */
    }
  }
  for (const file of ['./environment', './circus', './runtime', './resolver', './transformer']) require(file);
  try {
    // The hardened realm the suites run in (SES's lockdown, once per child), and the learner's
    // compiler with its first (slowest) call.
    (require('./suite-realm') as typeof import('./suite-realm')).suiteRealm();
    (require('../../sandbox/source') as typeof import('../../sandbox/source')).prepareLearnerModule('export {};', 'warm-up.ts');
  } catch {
    /* reported by the first suite file that needs them */
  }
}

function fail(error: unknown): never {
  process.stderr.write(`grading child failed: ${(error as Error)?.stack ?? error}\n`);
  process.exit(70);
}

main().catch(fail);
