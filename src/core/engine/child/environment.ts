/**
 * The jest test environment every hidden suite runs in. It reports each test's start and end
 * to the grader over the side channel as they happen (so a test cut off by the watchdog is
 * known), hands the suite harness its private reporting hook, captures what learner code prints
 * per test (capped), and turns process.exit() into an error in the test that called it.
 */
import { Console } from 'node:console';
import { Writable } from 'node:stream';
import NodeEnvironment from 'jest-environment-node';
import type { EnvironmentContext, JestEnvironmentConfig } from '@jest/environment';
import type { Circus } from '@jest/types';
import { emit } from './channel';

const CHANNEL_KEY = Symbol.for('iteration-workbook.channel');
const outputCap = Number(process.env.GRADER_OUTPUT_CAP ?? 4096);

/** Per-test output, kept up to the cap; the rest is counted, not stored. */
class CappedOutput {
  private text = '';
  private dropped = 0;
  add(chunk: string): void {
    const room = outputCap - this.text.length;
    if (room > 0) this.text += chunk.slice(0, room);
    if (chunk.length > room) this.dropped += chunk.length - Math.max(room, 0);
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

export default class GradingEnvironment extends NodeEnvironment {
  private readonly file: string;
  private readonly workspace = process.env.GRADER_WORKSPACE ?? '';
  private readonly output = new CappedOutput();
  private checks = 0;
  private failures: string[] = [];

  constructor(config: JestEnvironmentConfig, context: EnvironmentContext) {
    super(config, context);
    this.file = context.testPath;
  }

  override async setup(): Promise<void> {
    await super.setup();
    const global = this.global as unknown as Record<string | symbol, unknown>;
    // The harness takes this hook and deletes it before any learner module loads.
    Object.defineProperty(global, CHANNEL_KEY, {
      configurable: true,
      enumerable: false,
      value: {
        assertion: (passed: boolean, message?: string) => {
          this.checks++;
          if (!passed && this.failures.length < 20) this.failures.push(String(message ?? 'a check failed'));
        },
      },
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
      default:
        break;
    }
  }

  /** One message for the learner: our checks' own words, or the learner's error and where it came from. */
  private describeError(error: unknown): { message: string; timedOut: boolean } {
    const name = safeText(() => (error as Error)?.name);
    const message = safeText(() => (error as Error)?.message ?? error);
    if (name === 'CheckFailure') return { message, timedOut: false };
    if (message.startsWith('Exceeded timeout')) {
      return { message: 'A promise never settled: the test waited for something that never came. Does next() always resolve, and does the iteration end with { done: true }?', timedOut: true };
    }
    const stack = safeText(() => (error as Error)?.stack ?? '');
    const where = this.workspace ? stack.split('\n').find((line) => line.includes(this.workspace)) : undefined;
    const at = where?.match(/([^/\\]+\.ts):(\d+):(\d+)/);
    return { message: `Your code threw ${name && name !== 'undefined' ? `${name}: ` : ''}${message}${at ? ` (at ${at[1]}:${at[2]})` : ''}`, timedOut: false };
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
