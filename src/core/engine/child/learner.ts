/**
 * The learner's modules of one suite file: each evaluated in a Compartment of the suite realm
 * (src/core/sandbox/kit.ts), with this file's host behind its console and timers. The host
 * only ever hands primitives back, formats what learner code prints without calling any of its
 * hooks with objects of this realm (util.inspect's customInspect is off), and closes with the
 * suite file: its timers are cleared and later calls do nothing, so no learner code runs after
 * its suite file, in this grading or the next.
 */
import { Console } from 'node:console';
import * as fs from 'node:fs';
import { Writable } from 'node:stream';
import { formatWithOptions } from 'node:util';
import type { HardenedRealm } from '../../sandbox/realm';
import type { SandboxHost } from '../../sandbox/kit';
import { prepareLearnerModule, type PreparedModule } from '../../sandbox/source';

/* eslint-disable @typescript-eslint/no-explicit-any */

const read = fs.readFileSync; // captured before any learner code runs
const INSPECT = { customInspect: false, colors: false } as const;
/** Console methods that take values to format (dir and trace are handled apart): kit.ts's list, which must stay self-contained, less those two. */
const CONSOLE_METHODS = new Set(['log', 'info', 'debug', 'warn', 'error', 'table', 'assert', 'count', 'countReset', 'group', 'groupCollapsed', 'groupEnd', 'time', 'timeEnd', 'timeLog']);

interface Timer {
  handle: unknown;
  clear: (handle: unknown) => void;
}

export class LearnerModules {
  private readonly prepared = new Map<string, PreparedModule>();
  private readonly timers = new Map<number, Timer>();
  private nextTimer = 1;
  private closed = false;
  private readonly console: Console;

  /**
   * `suiteGlobal`: the realm's global, whose timers (real or jest's fake ones) and Date the
   * learner's clock follows; `write`: where printed text goes (the running test's output).
   */
  constructor(private readonly realm: HardenedRealm, private readonly suiteGlobal: Record<string, any>, private readonly write: (text: string) => void) {
    const sink = new Writable({
      write: (chunk: Buffer, _encoding, done) => {
        if (!this.closed) this.write(this.mapPositions(chunk.toString()));
        done();
      },
    });
    this.console = new Console({ stdout: sink, stderr: sink, inspectOptions: INSPECT });
  }

  /** Evaluates the learner's file in a new Compartment and returns its exports. */
  load(filename: string): unknown {
    const prepared = prepareLearnerModule(read(filename, 'utf8'), filename);
    this.prepared.set(filename, prepared);
    try {
      return this.realm.kit.load(this.host(), prepared.code, filename);
    } catch (error) {
      throw refusedSource(error, prepared) ?? error;
    }
  }

  /** `file.ts:line:column` of a learner file's compiled code, rewritten to the learner's own line and column. */
  mapPositions(text: string): string {
    if (this.prepared.size === 0) return text;
    return text.replace(/([^\s()]+\.ts):(\d+):(\d+)/g, (whole, file: string, line: string, column: string) => {
      const found = this.prepared.get(file)?.original(Number(line), Number(column));
      return found ? `${file}:${found.line}:${found.column}` : whole;
    });
  }

  /** Clears every timer learner code set and turns the host off. */
  close(): void {
    this.closed = true;
    for (const timer of this.timers.values()) {
      try {
        timer.clear(timer.handle);
      } catch {
        /* a clock already gone */
      }
    }
    this.timers.clear();
  }

  private host(): SandboxHost {
    return {
      print: (method, values) => {
        if (this.closed) return;
        const args: unknown[] = [];
        for (let i = 0; i < values.length; i++) args.push(values[i]);
        try {
          if (method === 'dir') this.console.dir(args[0], INSPECT); // its options are not the learner's to choose
          else if (method === 'trace') this.write(this.mapPositions(`Trace: ${formatWithOptions(INSPECT, ...args)}\n`));
          else if (CONSOLE_METHODS.has(method)) (this.console as any)[method](...args);
        } catch {
          this.write('(a value could not be printed)\n');
        }
      },
      setTimer: (repeat, callback, ms) => {
        if (this.closed || typeof callback !== 'function') return 0;
        try {
          const global = this.suiteGlobal;
          const set = (repeat ? global.setInterval : global.setTimeout) as (fn: () => void, ms: number) => unknown;
          const clear = (repeat ? global.clearInterval : global.clearTimeout) as (handle: unknown) => void;
          const id = this.nextTimer++;
          const handle = set(repeat ? callback : () => {
            this.timers.delete(id);
            callback();
          }, Number(ms) || 0);
          this.timers.set(id, { handle, clear });
          return id;
        } catch {
          return 0;
        }
      },
      clearTimer: (id) => {
        const timer = this.timers.get(Number(id));
        if (!timer) return;
        this.timers.delete(Number(id));
        try {
          timer.clear(timer.handle);
        } catch {
          /* a clock already gone */
        }
      },
      now: () => {
        try {
          return Number(this.suiteGlobal.Date.now());
        } catch {
          return Date.now();
        }
      },
      random: () => Math.random(),
    };
  }
}

/**
 * SES refuses text that looks like a direct eval (and, were any left, an HTML comment or a
 * dynamic import) before running anything: said in the learner's terms, at the learner's line.
 */
function refusedSource(error: unknown, prepared: PreparedModule): Error | undefined {
  let message: string;
  try {
    message = String((error as Error)?.message);
  } catch {
    return undefined;
  }
  const found = /^Possible (.+?) rejected at ([^:]+):(\d+)\. \((SES_\w+_REJECTED)\)/.exec(message);
  if (!found) return undefined;
  const line = prepared.original(Number(found[3]), 1)?.line;
  const what = found[4] === 'SES_EVAL_REJECTED' ? 'a direct eval(…) call (or the text "eval(" in a string)' : `something that looks like ${found[1]}`;
  return new SyntaxError(`graded code may not use ${what}${line ? ` (line ${line})` : ''}: the sandbox refuses it before running the file`);
}
