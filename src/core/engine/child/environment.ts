/**
 * The jest test environment every hidden suite runs in: the child's one hardened realm
 * (suite-realm.ts) instead of a fresh realm per file, with what jest-environment-node gives each
 * file made anew (process, fake timers, the module mocker). It reports each test's start and end
 * to the grader over the side channel as they happen (so a test cut off by the watchdog is
 * known), hands the suite harness its private reporting hook, captures what learner code prints
 * per test (capped), and loads learner modules into the sandbox (learner.ts).
 *
 * Learner values it touches (a thrown error's name, message and stack) are read once, while the
 * test is still running under the watchdog, and replaced by plain errors of this realm before
 * jest-circus formats them: nothing of the learner's is read after a test has ended.
 */
import { Console } from 'node:console';
import { Writable } from 'node:stream';
import type { EnvironmentContext, JestEnvironmentConfig } from '@jest/environment';
import type { Circus } from '@jest/types';
import { emit } from './channel';
import { LearnerModules } from './learner';
import { clearRealTimers, clearSuiteGlobals, fromJest, processObject, suiteRealm } from './suite-realm';

/* eslint-disable @typescript-eslint/no-explicit-any, @typescript-eslint/no-require-imports */

const { LegacyFakeTimers, ModernFakeTimers } = fromJest('@jest/fake-timers');
const { ModuleMocker } = fromJest('jest-mock');

const CHANNEL_KEY = Symbol.for('iteration-workbook.channel');
const outputCap = () => Number(process.env.GRADER_OUTPUT_CAP ?? 4096);

/** Per-test output, kept up to the cap; the rest is counted, not stored. */
class CappedOutput {
  private text = '';
  private dropped = 0;
  add(chunk: string): void {
    const room = outputCap() - this.text.length;
    if (room > 0) this.text += chunk.slice(0, room);
    if (chunk.length > room) this.dropped += chunk.length - Math.max(room, 0);
  }
  /** What was kept so far, without taking it. */
  peek(): string {
    return this.text;
  }
  take(): string {
    const out = this.dropped ? `${this.text}\n… ${this.dropped} more characters of output not kept` : this.text;
    this.text = '';
    this.dropped = 0;
    return out;
  }
}

function safeText(read: () => unknown): string {
  try {
    return String(read());
  } catch {
    return '(unprintable)';
  }
}


/** What replaces a learner's error once it has been described: a plain error of this realm. */
class Described extends Error {}

export default class GradingEnvironment {
  readonly global: Record<string | symbol, any>;
  readonly fakeTimers: any;
  readonly fakeTimersModern: any;
  readonly moduleMocker: any;
  private readonly context: unknown;
  private readonly file: string;
  private readonly workspace = process.env.GRADER_WORKSPACE ?? '';
  private readonly output = new CappedOutput();
  private checks = 0;
  private failures: string[] = [];
  /** The learner modules of this suite file (the runtime loads them through this). */
  readonly learner: LearnerModules;

  private readonly realm = suiteRealm();

  constructor(config: JestEnvironmentConfig, context: EnvironmentContext) {
    const realm = this.realm;
    this.context = realm.context;
    this.global = realm.global as Record<string | symbol, any>;
    this.file = context.testPath;
    const global = this.global;
    global.process = processObject();
    this.moduleMocker = new ModuleMocker(global);
    const idToRef = (id: number) => ({ id, ref() { return this; }, unref() { return this; } });
    this.fakeTimers = new LegacyFakeTimers({ config: config.projectConfig, global, moduleMocker: this.moduleMocker, timerConfig: { idToRef, refToId: (timer: { id?: number } | undefined) => timer?.id } });
    this.fakeTimersModern = new ModernFakeTimers({ config: config.projectConfig, global });
    this.learner = new LearnerModules(realm, global, (text) => this.output.add(text));
  }

  getVmContext(): unknown {
    return this.context;
  }

  exportConditions(): string[] {
    return ['node', 'node-addons'];
  }

  async setup(): Promise<void> {
    const global = this.global;
    // The harness takes this hook and deletes it before any learner module loads.
    // Behind a guard of the suite realm: checks run inside callbacks learner code calls.
    Object.defineProperty(global, CHANNEL_KEY, {
      configurable: true,
      enumerable: false,
      value: this.realm.guard.guard({
        assertion: (passed: boolean, message?: string) => {
          this.checks++;
          if (!passed && this.failures.length < 20) this.failures.push(String(message ?? 'a check failed'));
        },
        output: () => this.output.peek(),
      }),
    });
    const sink = new Writable({
      write: (chunk: Buffer, _encoding, done) => {
        this.output.add(chunk.toString());
        done();
      },
    });
    global.console = new Console({ stdout: sink, stderr: sink });
    const proc = global.process as { exit: (code?: number) => never; kill: (pid: number, signal?: string) => true };
    proc.kill = () => {
      throw new Error('process.kill() is not allowed in graded code.');
    };
    proc.exit = (code?: number) => {
      throw new Error(`process.exit(${code ?? ''}) was called. Code that is graded must never end the process: return or throw instead.`);
    };
  }

  async teardown(): Promise<void> {
    this.learner.close();
    clearRealTimers();
    this.fakeTimers.dispose();
    this.fakeTimersModern.dispose();
    delete this.global[CHANNEL_KEY];
    clearSuiteGlobals();
  }

  async handleTestEvent(event: Circus.Event, state: Circus.State): Promise<void> {
    switch (event.name) {
      case 'run_start':
        emit({ e: 'tests', file: this.file, tests: listTests(state.rootDescribeBlock) });
        break;
      case 'test_start':
        this.checks = 0;
        this.failures = [];
        this.output.take();
        emit({ e: 'start', file: this.file, id: testId(event.test) });
        break;
      case 'test_done': {
        const errors = event.test.errors.map((e) => this.describeError(Array.isArray(e) ? e[0] : e));
        event.test.errors = errors.map((e) => new Described(e.message));
        emit({
          e: 'done',
          file: this.file,
          id: testId(event.test),
          errors: errors.map((e) => e.message),
          timedOut: errors.some((e) => e.timedOut),
          checks: this.checks,
          failures: this.failures,
          output: this.output.take(),
          ms: event.test.duration ?? 0,
        });
        break;
      }
      case 'run_finish':
        // Errors that arrived after their test was done, or outside any test, are not read at all.
        forEachTest(state.rootDescribeBlock, (test) => {
          test.errors = test.errors.map((e) => (e instanceof Described ? e : new Described('an error after the test ended')));
        });
        state.unhandledErrors = [];
        break;
      default:
        break;
    }
  }

  /** One message for the learner: our checks' own words, or the learner's error and where it came from. */
  private describeError(error: unknown): { message: string; timedOut: boolean } {
    if (error instanceof Described) return { message: error.message, timedOut: false };
    const name = safeText(() => (error as Error)?.name);
    const message = safeText(() => (error as Error)?.message ?? error);
    if (name === 'CheckFailure') return { message, timedOut: false };
    if (message.startsWith('Exceeded timeout')) {
      return { message: 'A promise never settled: the test waited for something that never came. Does next() always resolve, and does the iteration end with { done: true }?', timedOut: true };
    }
    const stack = this.learner.mapPositions(safeText(() => (error as Error)?.stack ?? ''));
    const where = this.workspace ? stack.split('\n').find((line) => line.includes(this.workspace)) : undefined;
    const at = where?.match(/([^/\\]+\.ts):(\d+):(\d+)/);
    return { message: `Your code threw ${name && name !== 'undefined' ? `${name}: ` : ''}${message}${sandboxNote(name, message)}${at ? ` (at ${at[1]}:${at[2]})` : ''}`, timedOut: false };
  }
}

/**
 * What the sandbox takes away, said where a learner meets it. (A Node global it lacks says so in
 * its own error: kit.ts.)
 */
function sandboxNote(name: string, message: string): string {
  if (name === 'TypeError' && /read only property|not extensible|Cannot (assign|add|define|redefine|delete)|object is frozen/.test(message)) {
    return ' (the built-ins are frozen while grading: your code may not change Array.prototype, Object, Symbol and the like; see lesson 00)';
  }
  return '';
}

function forEachTest(block: Circus.DescribeBlock, visit: (test: Circus.TestEntry) => void): void {
  for (const child of block.children) {
    if (child.type === 'test') visit(child);
    else forEachTest(child, visit);
  }
}

function testNames(test: Circus.TestEntry | Circus.DescribeBlock): string[] {
  const names: string[] = [];
  let node: Circus.TestEntry | Circus.DescribeBlock | undefined = test;
  while (node && node.parent) {
    names.unshift(node.name);
    node = node.parent;
  }
  return names;
}

/** jest's own test id (what testNamePattern matches): the names from the top, joined by spaces. */
function testId(test: Circus.TestEntry): string {
  return testNames(test).join(' ');
}

function listTests(block: Circus.DescribeBlock): { id: string; name: string }[] {
  const found: { id: string; name: string }[] = [];
  for (const child of block.children) {
    if (child.type === 'test') found.push({ id: testId(child), name: testNames(child).join(' › ') });
    else found.push(...listTests(child));
  }
  return found;
}
