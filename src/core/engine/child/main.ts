/**
 * The grading child: runs the hidden suites in band with jest's programmatic API. Started by
 * the grader (../runner.ts) with its request on stdin and the side channel on fd 3; it runs in
 * its own process group so the grader can end it, and everything it started, at once.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { ChildRequest } from '../protocol';
import { emit, openChannel } from './channel';

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * Jest needs the project root readable under the permission model (see grade.ts), and
 * solutions/ sits inside it. Every path-taking fs function of the real module object (which
 * learner code gets from require('fs')) refuses paths inside the forbidden folders, after
 * resolving links, and learner code cannot make new links to reach them.
 */
function forbidReads(forbidden: string[]): void {
  if (forbidden.length === 0) return;
  const nodeFs = require('node:fs') as Record<string, unknown> & { promises: Record<string, unknown> };
  const realpath = fs.realpathSync.native;
  const denied = (target: unknown): boolean => {
    if (typeof target !== 'string' && !(target instanceof URL) && !Buffer.isBuffer(target)) return false;
    let resolved = path.resolve(String(target instanceof URL ? target.pathname : target));
    try {
      resolved = realpath(resolved);
    } catch {
      /* not there (yet): judge the path as written */
    }
    return forbidden.some((dir) => resolved === dir || resolved.startsWith(`${dir}${path.sep}`));
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
  const onePath = ['readFile', 'readFileSync', 'open', 'openSync', 'createReadStream', 'readdir', 'readdirSync', 'opendir', 'opendirSync', 'stat', 'statSync', 'lstat', 'lstatSync', 'access', 'accessSync', 'existsSync', 'readlink', 'readlinkSync', 'watch', 'watchFile'];
  const twoPaths = ['copyFile', 'copyFileSync', 'cp', 'cpSync', 'link', 'linkSync', 'symlink', 'symlinkSync', 'rename', 'renameSync'];
  for (const name of onePath) wrap(nodeFs, name, false);
  for (const name of twoPaths) wrap(nodeFs, name, true);
  for (const name of ['readFile', 'open', 'readdir', 'opendir', 'stat', 'lstat', 'access', 'readlink', 'copyFile', 'cp', 'link', 'symlink', 'rename']) {
    wrap(nodeFs.promises, name, ['copyFile', 'cp', 'link', 'symlink', 'rename'].includes(name));
  }
  // The old native-binding back door around the fs module.
  (process as unknown as { binding: unknown }).binding = () => {
    throw refuse('process.binding', 'internal bindings');
  };
}

let guarded = false;

/** Grades one request: the suites it names against its workspace, in band. */
async function gradeOne(request: ChildRequest, runCLI: typeof import('@jest/core').runCLI): Promise<void> {
  openChannel(request.token);
  if (!guarded) {
    forbidReads(request.forbiddenReads);
    guarded = true;
  }
  process.env.GRADER_WORKSPACE = request.workspace;
  process.env.GRADER_OUTPUT_CAP = String(request.outputCapBytes);
  const config = {
    rootDir: request.workspace,
    roots: [request.suitesDir],
    testMatch: ['**/*.test.ts'],
    testEnvironment: path.join(__dirname, 'environment.js'),
    reporters: [path.join(__dirname, 'reporter.js')],
    transform: {
      '^.+\\.ts$': [require.resolve('@swc/jest'), {
        jsc: { parser: { syntax: 'typescript' }, target: 'es2022' },
        module: { type: 'commonjs' },
        sourceMaps: 'inline',
      }],
    },
    moduleNameMapper: { '^@submission/(.*)$': `${request.workspace}/$1` },
    moduleDirectories: ['node_modules', path.join(request.projectRoot, 'node_modules')],
    cacheDirectory: request.cacheDir,
    testTimeout: request.testTimeoutMs,
    watchman: false,
    haste: { enableSymlinks: false },
    injectGlobals: true,
  };
  await runCLI(
    {
      _: request.suiteFiles,
      $0: 'grader',
      runTestsByPath: true,
      runInBand: true,
      config: JSON.stringify(config),
      testNamePattern: request.onlyTests ? `^(${request.onlyTests.map(escapeRegExp).join('|')})$` : undefined,
      silent: true,
      ci: true,
      watchman: false,
      passWithNoTests: true,
    } as unknown as Parameters<typeof runCLI>[0],
    [request.workspace],
  );
  emit({ e: 'finished' });
}

/**
 * A warm child: jest is loaded once, then requests arrive one JSON line at a time on stdin and
 * are graded one after the other (each suite file still gets its own fresh module registry and
 * realm). The child ends when stdin closes.
 */
async function main(): Promise<void> {
  const { runCLI } = await import('@jest/core');
  let pending = '';
  const queue: ChildRequest[] = [];
  let busy = false;
  const next = async (): Promise<void> => {
    if (busy) return;
    const request = queue.shift();
    if (!request) return;
    busy = true;
    await gradeOne(request, runCLI);
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
}

function fail(error: unknown): never {
  process.stderr.write(`grading child failed: ${(error as Error)?.stack ?? error}\n`);
  process.exit(70);
}

main().catch(fail);
