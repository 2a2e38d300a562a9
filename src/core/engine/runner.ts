/**
 * Runs hidden suites in a child process and collects a verdict for every test, whatever the
 * learner's code does: a test still running when its watchdog fires is `timedout` and the
 * child is killed (with its whole process group); a child that dies mid-test leaves that test
 * `error`; either way the tests not yet run go to a fresh child without the one that was cut off.
 *
 * Three watchdogs, by phase:
 * - a test: its share of CPU time (the child's own, read from /proc, so that a loaded machine
 *   does not cut an honest test short: suites run on fake timers and use milliseconds) and, as a
 *   backstop for code that blocks without using CPU, its wall clock;
 * - between tests and after the last one (hooks, the next file's start, and any learner code that
 *   runs there: a pending promise, a getter read late): the same limits; a child cut off there
 *   costs no test, and the tests not yet run go to a fresh child;
 * - starting up: a generous wall clock.
 * Each exercise also has a budget of its own (`timeLimits.exerciseMs`) for its tests and restarts,
 * counted in the child's CPU time where it can be read, so that verdicts do not depend on how
 * loaded the machine is; the whole run's wall clock is only a backstop.
 */
import * as crypto from 'node:crypto';
import type { ChildEvent, ChildRequest } from './protocol';
import type { TestChild } from './test-child';

export interface SuiteRun {
  /** Absolute path of the suite file. */
  file: string;
  /** Wall clock one test may take (and a quarter of it in CPU time). */
  testMs: number;
  /** Time for all of this file's tests, restarts included (the child's CPU time where it can be read, else wall clock). */
  budgetMs: number;
}

export interface TestOutcome {
  id: string;
  name: string;
  status: 'passed' | 'failed' | 'timedout' | 'error';
  message?: string;
  output: string;
  ms: number;
}

export interface SuiteOutcome {
  file: string;
  /** Set when the suite never listed its tests (it could not run at all). */
  error?: string;
  tests: TestOutcome[];
  /** What the child printed outside any test's console (capped). */
  strayOutput: string;
}

export interface RunOptions {
  projectRoot: string;
  workspace: string;
  suitesDir: string;
  suites: SuiteRun[];
  /** The exercises' budgets added up: the whole run's wall clock is a few times this, as a backstop. */
  budgetMs: number;
  cacheDir: string;
  outputCapBytes: number;
  forbiddenReads: string[];
  /** The child's memory ceiling (--max-old-space-size), in MiB. */
  memoryMb: number;
  /** A live warm child (the session's, or a fresh one when the last was killed). */
  child(): TestChild;
}

/** How long a child may take to start jest and list its tests. */
const STARTUP_MS = 20_000;
/** Extra wall clock on top of jest's own testTimeout before the watchdog kills. */
const WATCHDOG_GRACE_MS = 500;
/**
 * The CPU time a test (or the gap after it) may use: this fraction of its wall clock (250 ms of
 * the default 2 s). Hidden suites run on fake timers: an honest test uses a few milliseconds, the
 * first of a file (which loads the learner's module) a few tens.
 */
export const CPU_SHARE = 0.125;
/** How often the child's CPU time is read while a test runs. */
const CPU_POLL_MS = 40;
/** What each fresh child an exercise's cut-off needed costs that exercise's budget. */
const RESTART_COST_MS = 300;
/**
 * The whole run's wall clock, as a multiple of the exercises' budgets added up: a backstop only
 * (the budgets are counted per exercise, mostly in CPU time), for a machine so loaded that
 * nothing moves.
 */
const DEADLINE_FACTOR = 4;

export const TIMED_OUT_MESSAGE = (ms: number) =>
  `This test was stopped: it kept the processor busy for ${Math.round(ms * CPU_SHARE)} ms (or was still running after ${ms / 1000} s) where a test takes a few. The likely cause is a loop that never ends: ` +
  'does next() return { done: true } once the values run out, and does every while loop change its condition?';

interface State {
  tests: Map<string, TestOutcome | null>; // null: listed, not concluded yet
  order: string[];
  names: Map<string, string>;
  error?: string;
  stray: string;
  /** Wall clock this file has used: its tests, and the restarts after its tests were cut off. */
  spentMs: number;
}

export const OUT_OF_TIME = 'Not run: the grading of this exercise ran out of time (earlier tests were cut off).';

export async function runSuites(options: RunOptions): Promise<SuiteOutcome[]> {
  const deadline = Date.now() + options.budgetMs * DEADLINE_FACTOR;
  const states = new Map<string, State>(options.suites.map((s) => [s.file, { tests: new Map(), order: [], names: new Map(), stray: '', spentMs: 0 }]));
  const testMsOf = new Map(options.suites.map((s) => [s.file, s.testMs]));

  let blame: string | undefined;
  for (let attempt = 0; ; attempt++) {
    const pending = options.suites.filter((s) => {
      const state = states.get(s.file)!;
      if (state.error) return false;
      if (state.order.length > 0 && state.spentMs >= s.budgetMs) concludeRest(state, 'timedout', OUT_OF_TIME);
      return state.order.length === 0 || [...state.tests.values()].some((t) => t === null);
    });
    if (pending.length === 0) break;
    const remainingMs = deadline - Date.now();
    if (remainingMs <= 0 || attempt > 200) {
      for (const s of pending) concludeRest(states.get(s.file)!, 'timedout', OUT_OF_TIME);
      break;
    }
    // Files that never listed their tests run whole; the others run only their unfinished tests.
    const unlisted = pending.filter((s) => states.get(s.file)!.order.length === 0);
    const group = unlisted.length > 0 ? unlisted : pending;
    const onlyTests = unlisted.length > 0 || attempt === 0 ? undefined : group.flatMap((s) => {
      const state = states.get(s.file)!;
      return state.order.filter((id) => state.tests.get(id) === null);
    });
    const before = countConcluded(states);
    blame = await runChild(options, group.map((s) => s.file), onlyTests, states, testMsOf, remainingMs, blame);
    if (countConcluded(states) === before) {
      // A child that concluded nothing will not do better the next time.
      const outOfTime = Date.now() >= deadline;
      for (const s of group) {
        const state = states.get(s.file)!;
        if (state.order.length === 0 && !state.error) state.error = outOfTime ? 'The tests did not start in time.' : 'The tests could not start.';
        if (outOfTime) concludeRest(state, 'timedout', OUT_OF_TIME);
        else concludeRest(state, 'error', 'Not run: the test process kept failing before this test could start.');
      }
    }
  }

  return options.suites.map((s) => {
    const state = states.get(s.file)!;
    return {
      file: s.file,
      error: state.error,
      strayOutput: state.stray,
      tests: state.order.map((id) => state.tests.get(id) ?? { id, name: state.names.get(id) ?? id, status: 'error', message: 'This test never reported.', output: '', ms: 0 }),
    };
  });
}

function countConcluded(states: Map<string, State>): number {
  let n = 0;
  for (const state of states.values()) {
    if (state.error) n++;
    for (const t of state.tests.values()) if (t) n++;
  }
  return n;
}

function concludeRest(state: State, status: TestOutcome['status'], message: string): void {
  for (const id of state.order) {
    if (state.tests.get(id) === null) state.tests.set(id, { id, name: state.names.get(id) ?? id, status, message, output: '', ms: 0 });
  }
}

/**
 * One child's run of `files`; resolves with the file whose test or gap the child was cut off in
 * (undefined when it finished). `blame`: the file whose cut-off made this child necessary, which
 * is charged for its start.
 */
function runChild(
  options: RunOptions,
  files: string[],
  onlyTests: string[] | undefined,
  states: Map<string, State>,
  testMsOf: Map<string, number>,
  remainingMs: number,
  blame: string | undefined,
): Promise<string | undefined> {
  const token = crypto.randomBytes(24).toString('hex');
  const request: ChildRequest = {
    token,
    projectRoot: options.projectRoot,
    workspace: options.workspace,
    suitesDir: options.suitesDir,
    suiteFiles: files,
    onlyTests,
    testTimeoutMs: Math.max(...files.map((f) => testMsOf.get(f)!)),
    cacheDir: options.cacheDir,
    outputCapBytes: options.outputCapBytes,
    forbiddenReads: options.forbiddenReads,
  };
  const child = options.child();
  let running: { file: string; id: string; since: number } | undefined;
  let killedFor: 'test' | 'between' | 'startup' | 'budget' | undefined;
  const strayCap = options.outputCapBytes * 4;

  // A test cut off while its process holds nearly all the memory it may have was exhausting
  // memory, not looping: V8 can spend seconds in last-resort collections before it gives up.
  let memoryAtKill: number | undefined;
  let cpuAtKill: number | undefined;
  let wallKill = false;
  const kill = (why: 'test' | 'between' | 'startup' | 'budget', byWallClock = true) => {
    if (killedFor) return;
    killedFor = why;
    wallKill = byWallClock;
    memoryAtKill = child.residentMb();
    cpuAtKill = child.cpuMs();
    child.kill();
  };
  // Each file is charged for its tests and the gaps after them, in the child's CPU time where
  // it can be read (so that a loaded machine, which stretches the wall clock, does not run an
  // exercise out of its budget), else, or when the wall clock was what cut it off, in wall time;
  // and a fixed cost for each fresh child its cut-offs needed.
  const cpuNow = () => (killedFor ? cpuAtKill : child.cpuMs());
  let charged: { file: string; wall: number; cpu: number | undefined } | undefined;
  const charge = (file: string | undefined) => {
    const wall = Date.now();
    const cpu = cpuNow();
    if (charged) {
      const byCpu = charged.cpu !== undefined && cpu !== undefined && !(killedFor && wallKill);
      states.get(charged.file)!.spentMs += byCpu ? cpu! - charged.cpu! : wall - charged.wall;
    }
    charged = file ? { file, wall, cpu } : undefined;
  };
  if (blame) states.get(blame)!.spentMs += RESTART_COST_MS;
  let watchdog: NodeJS.Timeout | undefined;
  let cpuWatch: NodeJS.Timeout | undefined;
  const disarm = () => {
    if (watchdog) clearTimeout(watchdog);
    if (cpuWatch) clearInterval(cpuWatch);
    watchdog = cpuWatch = undefined;
  };
  const arm = (ms: number, why: 'test' | 'between' | 'startup', cpuMs?: number) => {
    disarm();
    watchdog = setTimeout(() => kill(why), ms);
    const cpuStart = cpuMs === undefined ? undefined : child.cpuMs();
    if (cpuStart !== undefined) {
      cpuWatch = setInterval(() => {
        const used = child.cpuMs();
        if (used !== undefined && used - cpuStart > cpuMs!) kill(why, false);
      }, CPU_POLL_MS);
    }
  };
  /** The watchdog of a test of `file`, or of the gap after one. */
  const armFor = (file: string, why: 'test' | 'between') => {
    const testMs = testMsOf.get(file)!;
    arm(Math.min(testMs + WATCHDOG_GRACE_MS, remainingMs), why, testMs * CPU_SHARE);
  };
  arm(Math.min(STARTUP_MS, remainingMs), 'startup');
  const budgetTimer = setTimeout(() => kill('budget'), remainingMs);

  const onEvent = (event: ChildEvent) => {
    if (event.e === 'finished') return;
    const state = states.get(event.file);
    if (!state) return;
    switch (event.e) {
      case 'tests':
        if (state.order.length === 0) {
          for (const t of event.tests) {
            if (state.tests.has(t.id)) continue; // duplicate ids: jest cannot tell them apart either
            state.order.push(t.id);
            state.names.set(t.id, t.name);
            state.tests.set(t.id, null);
          }
        }
        charge(event.file);
        armFor(event.file, 'between');
        break;
      case 'start':
        running = { file: event.file, id: event.id, since: Date.now() };
        charge(event.file);
        armFor(event.file, 'test');
        break;
      case 'done':
        running = undefined;
        armFor(event.file, 'between');
        if (state.tests.get(event.id) !== null) break; // not ours to conclude (already concluded)
        state.tests.set(event.id, verdict(withoutWorkspace(event, options.workspace), state.names.get(event.id) ?? event.id, testMsOf.get(event.file)!));
        break;
      case 'file-error':
        if (state.order.length === 0) state.error = event.message;
        break;
    }
  };
  const onOutput = (chunk: Buffer) => {
    const state = states.get(running?.file ?? files[0]!)!;
    if (state.stray.length < strayCap) state.stray += chunk.toString().slice(0, strayCap - state.stray.length);
  };

  return child.run(request, { onEvent, onOutput }).then((end): string | undefined => {
    clearTimeout(budgetTimer);
    disarm();
    const cutOff = charged?.file;
    charge(undefined);
    if (end.kind === 'finished') return undefined;
    const { code, signal, stderr } = end;
    if (running) {
      const state = states.get(running.file)!;
      const testMs = testMsOf.get(running.file)!;
      if (state.tests.get(running.id) === null) {
        const name = state.names.get(running.id) ?? running.id;
        const ms = Date.now() - running.since;
        if (killedFor && memoryAtKill !== undefined && memoryAtKill >= options.memoryMb * 0.85) {
          state.tests.set(running.id, { id: running.id, name, status: 'error', message: `${OUT_OF_MEMORY} It held ${Math.round(memoryAtKill)} MiB of the ${options.memoryMb} MiB allowed when it was stopped.`, output: '', ms });
        } else if (killedFor === 'test' || killedFor === 'budget') {
          state.tests.set(running.id, { id: running.id, name, status: 'timedout', message: TIMED_OUT_MESSAGE(testMs), output: '', ms });
        } else {
          state.tests.set(running.id, { id: running.id, name, status: 'error', message: deathMessage(code, signal, stderr), output: '', ms });
        }
      }
    } else if (killedFor !== 'between') {
      // Died outside any test: at start-up or while loading a file. Blame the files that listed nothing.
      // (Cut off between tests, it costs no test: the next attempt runs what is left.)
      for (const file of files) {
        const state = states.get(file)!;
        if (state.order.length === 0 && !state.error) {
          state.error = killedFor ? 'The test process did not start in time.' : deathMessage(code, signal, stderr);
        }
      }
    }
    return cutOff;
  });
}

/** Messages name the learner's file as the learner knows it (01-data-iterator/data.ts), not our temporary copy. */
function withoutWorkspace(event: Extract<ChildEvent, { e: 'done' }>, workspace: string): Extract<ChildEvent, { e: 'done' }> {
  const strip = (text: string) => text.split(`${workspace}/`).join('');
  return { ...event, errors: event.errors.map(strip), failures: event.failures.map(strip), output: strip(event.output) };
}

function verdict(event: Extract<ChildEvent, { e: 'done' }>, name: string, testMs: number): TestOutcome {
  const base = { id: event.id, name, output: event.output, ms: Math.round(event.ms) };
  if (event.timedOut) return { ...base, status: 'timedout', message: event.errors[0] ?? TIMED_OUT_MESSAGE(testMs) };
  // A check that failed is the truest message, even when learner code swallowed the throw.
  if (event.failures.length > 0) return { ...base, status: 'failed', message: event.failures[0] };
  if (event.errors.length > 0) return { ...base, status: 'failed', message: event.errors[0] };
  if (event.checks === 0) return { ...base, status: 'error', message: 'This test made no check, so it cannot pass.' };
  return { ...base, status: 'passed' };
}

const OUT_OF_MEMORY = 'The test process ran out of memory while this test was running: is something growing without end (an array filled in a loop that never stops)?';

function deathMessage(code: number | null, signal: NodeJS.Signals | null, stderr: string): string {
  if (/heap out of memory|Allocation failed|ERR_WORKER_OUT_OF_MEMORY/i.test(stderr)) {
    return OUT_OF_MEMORY;
  }
  if (signal) return `The test process was killed (${signal}) while this test was running.`;
  return `The test process ended (exit code ${code}) while this test was running. Did your code call process.exit() or crash the process?`;
}
