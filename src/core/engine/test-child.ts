/**
 * A warm test child: a Node process with jest loaded, in its own process group, under the
 * permission model, that grades one request at a time (child/main.ts). Starting jest costs
 * most of a grading, so a session keeps one child for many gradings and only a watchdog kill or
 * a crash costs a new one.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { ChildEvent, ChildRequest } from './protocol';

const CHILD_MAIN = path.join(__dirname, 'child', 'main.js');
/**
 * A child that is busy (a learner's loop) when its grader dies would never see its stdin close:
 * on Linux it is started through util-linux's setpriv, which asks the kernel to kill it with
 * its parent (PR_SET_PDEATHSIG) and then becomes it, same process. Elsewhere the grader's own
 * exit handlers and the process group are all there is.
 */
const SETPRIV = '/usr/bin/setpriv';
const DIES_WITH_PARENT = process.platform === 'linux' && fs.existsSync(SETPRIV);

export interface ChildOptions {
  /** Node flags besides the permission model's (memory ceiling). */
  nodeFlags: string[];
  /** Folders the child may read besides its own root (the project, the suites). */
  reads: string[];
  /** Folders the child may write besides its own root (jest's cache). */
  writes: string[];
  /** Where the child keeps its caches (jest's transforms, V8's code cache of SES). */
  cacheDir: string;
}

export interface RunHandlers {
  onEvent(event: ChildEvent): void;
  onOutput(chunk: Buffer): void;
}

export type RunEnd = { kind: 'finished' } | { kind: 'exited'; code: number | null; signal: NodeJS.Signals | null; stderr: string };

export class TestChild {
  private readonly process: ChildProcess;
  private handlers: (RunHandlers & { token: string; done(end: RunEnd): void }) | undefined;
  private stderr = '';
  private exit: { code: number | null; signal: NodeJS.Signals | null } | undefined;
  /** Set by close(): not alive any more, even before its exit is seen. */
  private closed = false;

  /** `root`: the session's folder (see createSessionRoot); every workspace the child grades is inside it. */
  constructor(readonly root: string, options: ChildOptions) {
    const args = [...options.nodeFlags, ...permissionFlags([root, ...options.reads], [root, ...options.writes]), CHILD_MAIN];
    this.process = spawn(DIES_WITH_PARENT ? SETPRIV : process.execPath, DIES_WITH_PARENT ? ['--pdeathsig', 'KILL', '--', process.execPath, ...args] : args, {
      cwd: root,
      env: scrubbedEnvironment(root, options.cacheDir),
      stdio: ['pipe', 'pipe', 'pipe', 'pipe'],
      detached: true, // its own process group: killing -pid ends everything it started
    });
    let buffered = '';
    this.process.stdio[3]!.on('data', (chunk: Buffer) => {
      buffered += chunk.toString();
      let newline: number;
      while ((newline = buffered.indexOf('\n')) >= 0) {
        const line = buffered.slice(0, newline);
        buffered = buffered.slice(newline + 1);
        this.line(line);
      }
      if (buffered.length > 1 << 20) buffered = ''; // no line of ours is this long
    });
    const output = (chunk: Buffer) => this.handlers?.onOutput(chunk);
    this.process.stdout!.on('data', output);
    this.process.stderr!.on('data', (chunk: Buffer) => {
      if (this.stderr.length < 16_384) this.stderr += chunk.toString();
      output(chunk);
    });
    this.process.stdin!.on('error', () => undefined); // a dead child: its exit is reported instead
    this.process.on('exit', (code, signal) => {
      this.exit = { code, signal };
      this.killGroup();
      // What the child wrote last (V8's "heap out of memory") may arrive after its exit: wait
      // for stderr to end, but not for long, since a grandchild that left the group may hold it.
      const report = () => {
        for (const stream of this.process.stdio) stream?.destroy();
        this.handlers?.done({ kind: 'exited', code, signal, stderr: this.stderr });
      };
      if (this.process.stderr!.readableEnded) report();
      else {
        const timer = setTimeout(report, 300);
        this.process.stderr!.once('end', () => {
          clearTimeout(timer);
          report();
        });
      }
    });
  }

  get alive(): boolean {
    return this.exit === undefined && !this.closed;
  }

  /** Its resident memory now, in MiB (Linux; undefined elsewhere or once gone). */
  residentMb(): number | undefined {
    try {
      const status = fs.readFileSync(`/proc/${this.process.pid}/status`, 'utf8');
      const kb = /^VmRSS:\s+(\d+)\s+kB/m.exec(status)?.[1];
      return kb ? Number(kb) / 1024 : undefined;
    } catch {
      return undefined;
    }
  }

  /**
   * The CPU time the child has used so far (user and system, all its threads), in ms; Linux
   * only (/proc), undefined elsewhere or once gone: the watchdogs then go by wall clock alone.
   */
  cpuMs(): number | undefined {
    if (this.exit) return undefined;
    try {
      const stat = fs.readFileSync(`/proc/${this.process.pid}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      // utime and stime are fields 14 and 15 of stat(5), in clock ticks (100 a second on Linux).
      return (Number(fields[11]) + Number(fields[12])) * 10;
    } catch {
      return undefined;
    }
  }

  /** Sends a request whose events nobody reads (a warm-up: its token matches no run's). */
  warmUp(request: ChildRequest): void {
    if (this.alive) this.process.stdin!.write(`${JSON.stringify({ ...request, warmUp: true, suiteFiles: [] })}\n`);
  }

  /** Sends one request; resolves when the child says it is done with it, or dies. */
  run(request: ChildRequest, handlers: RunHandlers): Promise<RunEnd> {
    if (this.handlers) throw new Error('a test child grades one request at a time');
    this.stderr = '';
    if (this.exit) return Promise.resolve({ kind: 'exited', ...this.exit, stderr: this.stderr });
    return new Promise((resolve) => {
      this.handlers = {
        ...handlers,
        token: request.token,
        done: (end) => {
          this.handlers = undefined;
          resolve(end);
        },
      };
      this.process.stdin!.write(`${JSON.stringify(request)}\n`);
    });
  }

  private line(line: string): void {
    const handlers = this.handlers;
    if (!handlers) return;
    let event: (ChildEvent & { t?: string }) | undefined;
    try {
      event = JSON.parse(line);
    } catch {
      return;
    }
    if (!event || event.t !== handlers.token) return; // not the grader's: learner code wrote it
    if (event.e === 'finished') handlers.done({ kind: 'finished' });
    else handlers.onEvent(event);
  }

  /** Ends the child and everything it started, now. */
  kill(): void {
    this.killGroup();
    try {
      this.process.kill('SIGKILL');
    } catch {
      /* already gone */
    }
  }

  private killGroup(): void {
    try {
      process.kill(-this.process.pid!, 'SIGKILL');
    } catch {
      /* the group is already gone */
    }
  }

  /** Ends the child and everything it started. */
  close(): void {
    if (this.alive) {
      this.closed = true;
      this.process.stdin!.end();
      this.kill();
    }
  }
}

/**
 * A session's folder: the only place its children may write, holding one workspace per grading.
 * Its package.json is a package root: module resolution stops there instead of walking up into
 * folders the permission-restricted child may not read.
 */
export function createSessionRoot(): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'iteration-grade-'));
  fs.mkdirSync(path.join(root, '.tmp'));
  fs.writeFileSync(path.join(root, 'package.json'), '{ "private": true }\n');
  return root;
}

/**
 * Node's permission model for the test child: it may write only its own folder and jest's
 * cache, start no process or worker thread, and read only its folder, the suites and the project.
 * (jest resolves modules by walking up from them and fails when a parent folder is denied, so the
 * project root has to be readable; solutions/ is kept from learner code by child/main.ts.)
 * Native addons stay allowed: @swc/core is one.
 */
export function permissionFlags(reads: string[], writes: string[]): string[] {
  const modern = Number(process.versions.node.split('.')[0]) >= 22;
  return [
    modern ? '--permission' : '--experimental-permission',
    ...outermost(reads).map((r) => `--allow-fs-read=${r}`),
    ...outermost(writes).map((w) => `--allow-fs-write=${w}`),
    '--allow-addons',
    '--no-warnings',
  ];
}

/** Node 20 mishandles an allowed path inside another allowed path: keep only the outermost. */
function outermost(dirs: string[]): string[] {
  const unique = [...new Set(dirs.map((d) => path.resolve(d)))];
  return unique.filter((d) => !unique.some((other) => other !== d && d.startsWith(`${other}${path.sep}`)));
}

/** Nothing of the grader's environment (tokens, secrets) reaches learner code. */
function scrubbedEnvironment(root: string, cacheDir: string): NodeJS.ProcessEnv {
  return {
    GRADER_CACHE_DIR: cacheDir,
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    HOME: root,
    TMPDIR: path.join(root, '.tmp'),
    LANG: 'C.UTF-8',
    NODE_ENV: 'test',
    FORCE_COLOR: '0',
  };
}
