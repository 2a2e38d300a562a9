/**
 * Runs lesson blocks: TypeScript (transpiled, then node) and Python (python3), each in its own
 * child process with a time limit, a few at a time.
 */
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import ts from 'typescript';
import { paths } from '../paths';

export type RunLanguage = 'ts' | 'python';

export interface RunJob {
  key: string;
  language: RunLanguage;
  code: string;
}

/** How a block's process ended. */
export interface RunResult {
  stdout: string;
  stderr: string;
  exitCode: number | null;
  /** The uncaught error the program ended with, if it ended with one. */
  uncaught?: {
    /** `TypeError: x is not a function` (Python: the traceback's last line). */
    summary: string;
    /** 1-based line inside the block where it was thrown, when known. */
    line?: number;
  };
  /** A Python syntax error: not "raising", the block is broken. */
  syntaxError?: { summary: string; line?: number };
  timedOut: boolean;
  /** It printed more than the limit and was stopped. */
  tooMuchOutput: boolean;
  durationMs: number;
}

export interface RunOptions {
  timeoutMs: number;
  concurrency: number;
  /** Called after each block finished (for progress). */
  onDone?: (done: number, total: number) => void;
}

const OUTPUT_LIMIT = 1024 * 1024;

/** Two cores here; never more than 4 at once anywhere, to keep timer-based blocks honest. */
export function defaultConcurrency(): number {
  const cores = typeof os.availableParallelism === 'function' ? os.availableParallelism() : os.cpus().length;
  return Math.max(1, Math.min(cores, 4));
}

// Reports an uncaught error (and whether it came from a rejected promise) on fd 3, without
// changing what node does with it: 'uncaughtExceptionMonitor' only watches.
const HOOK = `'use strict';
const fs = require('node:fs');
process.on('uncaughtExceptionMonitor', (error, origin) => {
  let report;
  try {
    if (error instanceof Error) report = { origin, name: String(error.name), message: String(error.message), stack: String(error.stack) };
    else report = { origin, name: 'a thrown ' + (error === null ? 'null' : typeof error), message: String(error), stack: '' };
  } catch (e) {
    report = { origin, name: 'an error', message: '(could not be described)', stack: '' };
  }
  try { fs.writeSync(3, JSON.stringify(report)); } catch (e) {}
});
`;

function cleanEnv(): NodeJS.ProcessEnv {
  // Not the parent's environment: jest's FORCE_COLOR would colour console.log, NODE_OPTIONS
  // would change node; hash seeds and time zone are fixed so output is the same everywhere.
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH ?? '/usr/local/bin:/usr/bin:/bin',
    HOME: process.env.HOME ?? os.tmpdir(),
    TMPDIR: os.tmpdir(),
    LANG: 'C.UTF-8',
    LC_ALL: 'C.UTF-8',
    TZ: 'UTC',
    NO_COLOR: '1',
    NODE_PATH: paths.nodeModules,
    PYTHONHASHSEED: '0',
    PYTHONDONTWRITEBYTECODE: '1',
    PYTHONIOENCODING: 'utf-8',
    PYTHONUNBUFFERED: '1',
  };
  return env;
}

function safeName(key: string): string {
  return key.replace(/[^A-Za-z0-9._-]+/g, '_');
}

/** Transpiles a TypeScript block to CommonJS with an inline source map (so stacks name block lines). */
export function transpileBlock(code: string, fileName: string): string {
  return ts.transpileModule(code, {
    fileName,
    compilerOptions: {
      module: ts.ModuleKind.CommonJS,
      target: ts.ScriptTarget.ES2022,
      esModuleInterop: true,
      inlineSourceMap: true,
      inlineSources: false,
    },
    reportDiagnostics: false,
  }).outputText;
}

function lineIn(text: string, fileName: string): number | undefined {
  const escaped = fileName.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const match = new RegExp(`${escaped}:(\\d+)(?::\\d+)?`).exec(text);
  return match ? Number(match[1]) : undefined;
}

function runOne(job: RunJob, dir: string, hook: string, timeoutMs: number): Promise<RunResult> {
  const base = safeName(job.key);
  let command: string;
  let args: string[];
  let sourceName: string;
  if (job.language === 'ts') {
    sourceName = `${base}.ts`;
    const jsFile = path.join(dir, `${base}.js`);
    fs.writeFileSync(jsFile, transpileBlock(job.code, sourceName));
    command = process.execPath;
    args = ['--enable-source-maps', '--require', hook, jsFile];
  } else {
    sourceName = `${base}.py`;
    fs.writeFileSync(path.join(dir, sourceName), job.code);
    command = 'python3';
    args = ['-X', 'utf8', path.join(dir, sourceName)];
  }

  return new Promise((resolve) => {
    const started = Date.now();
    const child = spawn(command, args, { cwd: dir, env: cleanEnv(), stdio: ['ignore', 'pipe', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    const side: Buffer[] = [];
    let size = 0;
    let timedOut = false;
    let tooMuchOutput = false;
    let spawnError: Error | undefined;
    const collect = (into: Buffer[]) => (chunk: Buffer) => {
      size += chunk.length;
      if (size > OUTPUT_LIMIT) {
        if (!tooMuchOutput) {
          tooMuchOutput = true;
          child.kill('SIGKILL');
        }
        return;
      }
      into.push(chunk);
    };
    child.stdout!.on('data', collect(out));
    child.stderr!.on('data', collect(err));
    (child.stdio[3] as NodeJS.ReadableStream | null)?.on('data', (chunk: Buffer) => side.push(chunk));
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, timeoutMs);
    child.on('error', (error) => {
      spawnError = error;
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      const stdout = Buffer.concat(out).toString('utf8');
      const stderr = spawnError ? `could not start ${command}: ${spawnError.message}` : Buffer.concat(err).toString('utf8');
      const result: RunResult = { stdout, stderr, exitCode: code, timedOut, tooMuchOutput, durationMs: Date.now() - started };
      if (job.language === 'ts') {
        const reported = Buffer.concat(side).toString('utf8');
        if (reported && code !== 0) {
          try {
            const error = JSON.parse(reported) as { origin: string; name: string; message: string; stack: string };
            const summary = `${error.name}: ${error.message}`.split('\n')[0]!.slice(0, 300);
            const where = lineIn(error.stack, sourceName);
            result.uncaught = { summary: error.origin === 'unhandledRejection' ? `${summary} (a rejected promise nobody handled)` : summary, ...(where ? { line: where } : {}) };
          } catch {
            result.uncaught = { summary: 'an uncaught error' };
          }
        }
      } else if (code !== 0 && code !== null) {
        const lines = stderr.split('\n').map((line) => line.trimEnd()).filter(Boolean);
        const last = lines[lines.length - 1] ?? '';
        const frames = [...stderr.matchAll(new RegExp(`File "[^"]*${sourceName.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}", line (\\d+)`, 'g'))];
        const frameLine = frames.length > 0 ? Number(frames[frames.length - 1]![1]) : undefined;
        const at = frameLine ? { line: frameLine } : {};
        if (/^(SyntaxError|IndentationError|TabError)\b/.test(last) && !stderr.includes('Traceback (most recent call last)')) {
          result.syntaxError = { summary: last.slice(0, 300), ...at };
        } else if (stderr.includes('Traceback (most recent call last)')) {
          result.uncaught = { summary: last.slice(0, 300), ...at };
        }
      }
      resolve(result);
    });
  });
}

/** Runs every job, `concurrency` at a time; results by job key. */
export async function runBlocks(jobs: RunJob[], options: RunOptions): Promise<Map<string, RunResult>> {
  const results = new Map<string, RunResult>();
  if (jobs.length === 0) return results;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lesson-blocks-'));
  const hook = path.join(dir, 'uncaught-hook.js');
  fs.writeFileSync(hook, HOOK);
  let next = 0;
  let done = 0;
  const worker = async (): Promise<void> => {
    while (next < jobs.length) {
      const job = jobs[next++]!;
      results.set(job.key, await runOne(job, dir, hook, options.timeoutMs));
      options.onDone?.(++done, jobs.length);
    }
  };
  try {
    await Promise.all(Array.from({ length: Math.max(1, Math.min(options.concurrency, jobs.length)) }, worker));
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
  return results;
}
