import { equal, same, ok, fail, show, submission, countingAsyncIterable } from '../harness';
import type * as Learner from '@submission/10-merge/merge';

const learner = submission<typeof Learner>('merge.ts', () => require('@submission/10-merge/merge'));

/** How far the fake clock may run before the suite calls a merge stuck. */
const BUDGET_MS = 10_000;

beforeEach(() => {
  jest.useFakeTimers();
});
afterEach(() => {
  jest.useRealTimers();
});

/** A source that yields `values`, the k-th one `delays[k]` ms after it was asked for (fake clock). */
function source<T>(values: readonly T[], delays: readonly number[], rejectOnNext?: { at: number; error: unknown }) {
  return countingAsyncIterable(values, rejectOnNext ? { delays, rejectOnNext } : { delays });
}

type Log = ReturnType<typeof source>['log'];

function describeError(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : show(error);
}

interface Run<T> {
  /** Values in the order the consumer got them. */
  values: T[];
  /** When (ms on the fake clock since the start) each value reached the consumer. */
  times: number[];
  /** How the run ended. */
  end: 'done' | 'error' | 'break';
  error?: unknown;
  /** When the run ended. */
  endTime: number;
}

interface Consumer {
  /** Stop with break after this many values. */
  breakAfter?: number;
  /** After each value, the loop body waits this long (fake clock) before asking for the next. */
  busyMs?: number;
  /** Never take more than this many values (an unbounded merge fails instead of hanging). */
  max: number;
  /** Runs `check` when the fake clock reaches `at` ms, in the middle of the run. */
  probe?: { at: number; check: () => void };
}

/**
 * Consumes `iterable` with for await, the way a learner would, recording what came and when,
 * while the fake clock runs. Fails (never hangs) if it does not finish within BUDGET_MS.
 */
async function consume<T>(iterable: AsyncIterable<T>, consumer: Consumer, what: string): Promise<Run<T>> {
  const start = Date.now();
  const run: Run<T> = { values: [], times: [], end: 'done', endTime: -1 };
  let tooMany = false;
  const loop = (async () => {
    try {
      for await (const value of iterable) {
        run.values.push(value);
        run.times.push(Date.now() - start);
        if (run.values.length > consumer.max) {
          tooMany = true;
          break;
        }
        if (consumer.busyMs) await new Promise((resolve) => setTimeout(resolve, consumer.busyMs));
        if (consumer.breakAfter !== undefined && run.values.length >= consumer.breakAfter) {
          run.end = 'break';
          break;
        }
      }
    } catch (error) {
      run.end = 'error';
      run.error = error;
    }
    run.endTime = Date.now() - start;
  })();
  let finished = false;
  void loop.then(() => (finished = true));
  if (consumer.probe) {
    await jest.advanceTimersByTimeAsync(consumer.probe.at);
    consumer.probe.check();
    await jest.advanceTimersByTimeAsync(BUDGET_MS - consumer.probe.at);
  } else {
    await jest.advanceTimersByTimeAsync(BUDGET_MS);
  }
  if (tooMany) fail(`${what}: expected at most ${consumer.max} values, but it kept yielding: ${show(run.values)}.`);
  if (!finished) {
    fail(`${what}: still waiting after ${BUDGET_MS} ms on the clock; values so far: ${show(run.values)}. Does merge end once every source is done${consumer.breakAfter !== undefined ? ', and does break (return()) finish at once' : ''}?`);
  }
  return run;
}

/** Wraps the learner's iterator so that for await uses exactly it (and calls its return()). */
function over<T>(it: AsyncIterator<T>): AsyncIterable<T> {
  return { [Symbol.asyncIterator]: () => it };
}

function noError(run: Run<unknown>, what: string): void {
  if (run.end === 'error') fail(`${what}: expected it to end without an error, but it threw ${describeError(run.error)} after ${show(run.values)}.`);
}

/** The values of `run` that came from one source, in the order the consumer got them. */
function fromSource<T>(run: Run<T>, mine: readonly T[]): T[] {
  return run.values.filter((v) => mine.includes(v));
}

test('merge() with no sources ends at once', async () => {
  const merge = learner.get('merge');
  const it = merge();
  let settled = false;
  let outcome: unknown;
  Promise.resolve(it.next()).then(
    (r) => {
      settled = true;
      outcome = r;
    },
    (error: unknown) => {
      settled = true;
      outcome = { rejected: error };
    },
  );
  await jest.advanceTimersByTimeAsync(0);
  if (!settled) {
    fail('merge() with no sources: the first next() is still pending, without the clock moving; it should resolve { value: undefined, done: true } at once. Careful: Promise.race([]) never settles.');
  }
  equal(outcome, { value: undefined, done: true }, 'what the first next() of merge() with no sources resolved (a rejection shows as { rejected })');
});

test('a single source: its values in order, then done', async () => {
  const merge = learner.get('merge');
  const a = source(['a', 'b', 'c'], [10, 10, 10]);
  const run = await consume(over(merge(a.iterable)), { max: 3 }, 'merge(oneSource) over ["a", "b", "c"]');
  noError(run, 'merge(oneSource)');
  equal(run.values, ['a', 'b', 'c'], 'the values of merge(oneSource) over ["a", "b", "c"]');
  equal(run.endTime, 30, 'when merge(oneSource) ended (ms), its values taking 10 ms each');
});

test('values come in arrival order across sources, earliest first', async () => {
  const merge = learner.get('merge');
  // a1 at 50, a2 at 100, a3 at 150; b1 at 20, b2 at 80, b3 at 120; c1 at 200.
  const a = source(['a1', 'a2', 'a3'], [50, 50, 50]);
  const b = source(['b1', 'b2', 'b3'], [20, 60, 40]);
  const c = source(['c1'], [200]);
  const run = await consume(over(merge(a.iterable, b.iterable, c.iterable)), { max: 7 }, 'merge(a, b, c)');
  noError(run, 'merge(a, b, c)');
  equal([...run.values].sort(), ['a1', 'a2', 'a3', 'b1', 'b2', 'b3', 'c1'], 'the values of merge(a, b, c), sorted',
    'Every value of every source must come out, each exactly once; merge ends only when all of its sources are done.');
  equal(run.values, ['b1', 'a1', 'b2', 'a2', 'b3', 'a3', 'c1'], 'the order of merge(a, b, c) when b1 comes at 20 ms, a1 at 50, b2 at 80, a2 at 100, b3 at 120, a3 at 150, c1 at 200',
    'merge hands out whichever value arrives first, not source by source or one from each in turn.');
});

test('each value is handed out the moment its source produces it', async () => {
  const merge = learner.get('merge');
  const a = source(['a1', 'a2'], [30, 30]);
  const b = source(['b1', 'b2'], [10, 40]);
  const run = await consume(over(merge(a.iterable, b.iterable)), { max: 4 }, 'merge(a, b)');
  noError(run, 'merge(a, b)');
  equal(run.values, ['b1', 'a1', 'b2', 'a2'], 'the order of merge(a, b) with b1 at 10 ms, a1 at 30, b2 at 50, a2 at 60');
  equal(run.times, [10, 30, 50, 60], 'when (ms) the consumer got b1, a1, b2, a2',
    'A value that has arrived should not wait for the other sources.');
});

test('a fast source is not held back by a slow one', async () => {
  const merge = learner.get('merge');
  const slow = source(['slow'], [1000]);
  const fast = source(['f1', 'f2', 'f3', 'f4'], [10, 10, 10, 10]);
  const run = await consume(over(merge(slow.iterable, fast.iterable)), { max: 5 }, 'merge(slow, fast)');
  noError(run, 'merge(slow, fast)');
  equal(run.values, ['f1', 'f2', 'f3', 'f4', 'slow'], 'the values of merge(slow, fast), "slow" taking 1000 ms and the fast ones 10 ms each',
    'While the slow source is still working, keep handing out the fast source\'s values.');
  equal(run.times, [10, 20, 30, 40, 1000], 'when (ms) the consumer got f1, f2, f3, f4, slow');
});

test('sources run at the same time: two sources of 3 × 100 ms take 300 ms, not 600', async () => {
  const merge = learner.get('merge');
  const a = source([1, 2, 3], [100, 100, 100]);
  const b = source([4, 5, 6], [100, 100, 100]);
  const run = await consume(over(merge(a.iterable, b.iterable)), { max: 6 }, 'merge(a, b)');
  noError(run, 'merge(a, b)');
  equal([...run.values].sort(), [1, 2, 3, 4, 5, 6], 'the values of merge(a, b), sorted');
  equal(run.endTime, 300, 'when (ms) merge(a, b) ended, each source taking 3 × 100 ms',
    'for await over one source at a time is sequential; merge must keep a next() pending on every source at once.');
});

test('every source is asked for its first value at once', async () => {
  const merge = learner.get('merge');
  const sources = [source(['a'], [500]), source(['b'], [500]), source(['c'], [500])];
  const it = merge(...sources.map((s) => s.iterable));
  void Promise.resolve(it.next()).catch(() => undefined);
  await jest.advanceTimersByTimeAsync(1);
  equal(sources.map((s) => s.log.nexts), [1, 1, 1], 'next() calls on sources a, b, c, 1 ms after the first next() of merge(a, b, c)',
    'Ask every source at the start: waiting for a before asking b makes merge sequential.');
  void Promise.resolve(it.return?.()).catch(() => undefined);
  await jest.advanceTimersByTimeAsync(BUDGET_MS);
});

test('each source\'s own order is kept', async () => {
  const merge = learner.get('merge');
  // a's first value is slow and its next ones fast: asking a again before 1 arrived would let 2 overtake it.
  const a = source<number | string>([1, 2, 3], [100, 10, 10]);
  const b = source<number | string>(['x', 'y'], [30, 200]);
  const run = await consume(over(merge(a.iterable, b.iterable)), { max: 5 }, 'merge(a, b)');
  noError(run, 'merge(a, b)');
  equal(fromSource(run, [1, 2, 3]), [1, 2, 3], 'the values of source a, in the order merge handed them out',
    'Ask a source for its next value only after the previous one arrived.');
  equal(fromSource(run, ['x', 'y']), ['x', 'y'], 'the values of source b, in the order merge handed them out');
  equal(run.values.length, 5, 'how many values merge(a, b) handed out, for 3 + 2 values');
});

test('never more than one next() pending on a source', async () => {
  const merge = learner.get('merge');
  const a = source(['a1', 'a2', 'a3'], [40, 5, 5]);
  const b = source(['b1', 'b2', 'b3', 'b4'], [10, 10, 10, 10]);
  const c = source(['c1'], [25]);
  const run = await consume(over(merge(a.iterable, b.iterable, c.iterable)), { max: 8 }, 'merge(a, b, c)');
  noError(run, 'merge(a, b, c)');
  equal([a.log.maxPending, b.log.maxPending, c.log.maxPending], [1, 1, 1], 'the most next() calls pending at once on sources a, b, c',
    'Calling next() on a source whose previous next() has not settled asks it for two values at once; keep one pending call per source.');
  equal([...run.values].sort(), ['a1', 'a2', 'a3', 'b1', 'b2', 'b3', 'b4', 'c1'], 'the values of merge(a, b, c), sorted');
});

test('ends only when every source is done', async () => {
  const merge = learner.get('merge');
  const empty = source<string>([], []);
  const short = source(['s'], [10]);
  const long = source(['l1', 'l2'], [50, 50]);
  const run = await consume(over(merge(empty.iterable, short.iterable, long.iterable)), { max: 3 }, 'merge(empty, short, long)');
  noError(run, 'merge(empty, short, long)');
  equal(run.values, ['s', 'l1', 'l2'], 'the values of merge(empty, short, long)',
    'A source that is done drops out; the others go on until they are done too.');
  equal(run.endTime, 100, 'when (ms) merge(empty, short, long) ended, the long source finishing at 100 ms');
});

test('values that arrive at the same moment are all handed out, none dropped', async () => {
  const merge = learner.get('merge');
  // No delays: every source answers at once, all in the same moment.
  const a = source(['a1', 'a2'], []);
  const b = source(['b1', 'b2'], []);
  const c = source(['c1'], []);
  const run = await consume(over(merge(a.iterable, b.iterable, c.iterable)), { max: 5 }, 'merge(a, b, c) over sources that answer at once');
  noError(run, 'merge(a, b, c)');
  equal([...run.values].sort(), ['a1', 'a2', 'b1', 'b2', 'c1'], 'the values of merge(a, b, c), sorted, when they all arrive at the same moment',
    'When several sources answer together, each value must wait its turn, not overwrite another.');
  equal(fromSource(run, ['a1', 'a2']), ['a1', 'a2'], 'the values of source a, in the order merge handed them out');
  equal(fromSource(run, ['b1', 'b2']), ['b1', 'b2'], 'the values of source b, in the order merge handed them out');
});

test('while the consumer is busy, arrived values wait for it and their sources are not asked again', async () => {
  const merge = learner.get('merge');
  const a = source(['a1', 'a2'], [10, 10]);
  const b = source(['b1', 'b2'], [12, 10]);
  const c = source(['c1'], [15]);
  // The loop body takes 100 ms per value, so values pile up while it works.
  const probe = {
    at: 60,
    check: () =>
      equal([b.log.nexts, c.log.nexts], [1, 1], 'next() calls on b and c at 60 ms, while b1 (here at 12 ms) and c1 (at 15 ms) still wait for the busy consumer',
        'A source may be asked again only once its previous value has been taken by the consumer; reading ahead into a buffer is not merging on demand.'),
  };
  const run = await consume(over(merge(a.iterable, b.iterable, c.iterable)), { max: 5, busyMs: 100, probe }, 'merge(a, b, c) read by a slow loop');
  noError(run, 'merge(a, b, c) read by a slow loop');
  equal([...run.values].sort(), ['a1', 'a2', 'b1', 'b2', 'c1'], 'the values of merge(a, b, c), sorted, read by a loop that works 100 ms on each');
  equal(run.values.slice(0, 3), ['a1', 'b1', 'c1'], 'the first three values, which arrived at 10, 12 and 15 ms');
  equal([a.log.maxPending, b.log.maxPending, c.log.maxPending], [1, 1, 1], 'the most next() calls pending at once on sources a, b, c',
    'While the consumer is busy, each source may have one value ready, not more.');
});

test('an error from one source rejects next() with that very error, then merge is done', async () => {
  const merge = learner.get('merge');
  const boom = new Error('source b failed');
  const a = source(['a1', 'a2', 'a3', 'a4'], [10, 10, 10, 100]);
  const b = source(['b1', 'b2'], [15, 25], { at: 2, error: boom }); // its 2nd next() rejects at 40 ms
  const it = merge(a.iterable, b.iterable);
  const run = await consume(over(it), { max: 6 }, 'merge(a, b) where b rejects at 40 ms');
  equal(run.values, ['a1', 'b1', 'a2', 'a3'], 'the values of merge(a, b) before b\'s error at 40 ms');
  if (run.end !== 'error') fail(`merge(a, b) where b's second next() rejects with Error("source b failed"): expected for await to throw that error, but it ended normally after ${show(run.values)}. Do not swallow a source's error.`);
  same(run.error, boom, 'the error for await got from merge(a, b)', 'It should be the very error object the source rejected with.');
  same(run.endTime, 40, 'when (ms) the error reached the consumer');
  let after: unknown;
  Promise.resolve(it.next()).then((r) => (after = r), (error: unknown) => (after = error));
  await jest.advanceTimersByTimeAsync(BUDGET_MS);
  equal(after, { value: undefined, done: true }, 'next() on merge after the error');
});

test('an error from one source closes every other unfinished source', async () => {
  const merge = learner.get('merge');
  const boom = new RangeError('bad page');
  const a = source(['a1', 'a2', 'a3'], [10, 10, 500]);
  const bad = source(['x'], [30], { at: 1, error: boom });
  const c = source(['c1'], [1000]);
  const done = source<string>([], []);
  const run = await consume(over(merge(a.iterable, bad.iterable, c.iterable, done.iterable)), { max: 4 }, 'merge(a, bad, c, empty)');
  if (run.end !== 'error') fail(`merge(a, bad, c, empty) where bad's first next() rejects: expected for await to throw RangeError("bad page"), but it ended normally after ${show(run.values)}.`);
  same(run.error, boom, 'the error for await got from merge(a, bad, c, empty)');
  ok(a.log.returns >= 1 && c.log.returns >= 1,
    `after source "bad" failed, the sources still running should be closed with return(): return() was called ${a.log.returns} time(s) on a and ${c.log.returns} time(s) on c, expected at least once each. An error ends merge, so it must clean up like break does (Python's aclose()).`);
  const nexts = [a.log.nexts, c.log.nexts];
  await jest.advanceTimersByTimeAsync(BUDGET_MS);
  equal([a.log.nexts, c.log.nexts], nexts, 'next() calls on a and c counted once the error reached the consumer, and again a while later',
    'Once merge has failed, nobody will read more values: stop asking the sources.');
});

/**
 * A source whose `at`-th next() (1-based) throws `error` at once instead of returning a promise,
 * as a hand-written iterator with a bug might; the other calls behave like source(values, delays).
 */
function throwingSource<T>(values: readonly T[], delays: readonly number[], at: number, error: unknown) {
  const inner = source(values, delays);
  const log = inner.log;
  const iterator: AsyncIterableIterator<T> = {
    next(): Promise<IteratorResult<T>> {
      if (log.nexts + 1 === at) {
        log.nexts++;
        log.calls.push('next');
        throw error;
      }
      return inner.iterable.next();
    },
    return(value?: unknown): Promise<IteratorResult<T>> {
      return (inner.iterable.return as (value?: unknown) => Promise<IteratorResult<T>>)(value);
    },
    [Symbol.asyncIterator]() {
      log.opened++;
      log.calls.push('open');
      return iterator;
    },
  };
  return { iterable: iterator, log };
}

const THROWS_LIKE_REJECTS =
  'A next() that throws instead of returning a promise counts as one that rejects: catch it where you call next() (or call it inside an async function or .then), and end merge the same way.';

test('a source whose first next() throws instead of rejecting: that very error reaches the consumer, and the others are closed', async () => {
  const merge = learner.get('merge');
  const boom = new TypeError('broken source');
  const a = source(['a1', 'a2'], [50, 50]);
  const bad = throwingSource(['x'], [10], 1, boom);
  const c = source(['c1'], [1000]);
  const run = await consume(over(merge(a.iterable, bad.iterable, c.iterable)), { max: 3 }, 'merge(a, bad, c) where bad\'s first next() throws');
  if (run.end !== 'error') {
    fail(`merge(a, bad, c) where bad's first next() throws TypeError("broken source") at once: expected for await to throw that error, but it ended normally after ${show(run.values)}. ${THROWS_LIKE_REJECTS}`);
  }
  same(run.error, boom, 'the error for await got from merge(a, bad, c), bad\'s first next() having thrown TypeError("broken source")',
    'It should be the very error object the source\'s next() threw.');
  equal([a.log.returns >= 1, c.log.returns >= 1], [true, true], 'whether return() was called on a and on c, the other sources, after bad\'s first next() threw',
    `An error ends merge, so the other sources must be closed, even when it comes from the very first round of next() calls. ${THROWS_LIKE_REJECTS}`);
});

test('a source whose next() throws later, after a value was taken: that very error reaches the consumer, and the others are closed', async () => {
  const merge = learner.get('merge');
  const boom = new Error('broken source');
  const a = source(['a1', 'a2', 'a3'], [10, 10, 500]);
  const bad = throwingSource(['x1', 'x2'], [15, 15], 2, boom); // x1 at 15 ms, then its next() throws
  const c = source(['c1'], [1000]);
  const run = await consume(over(merge(a.iterable, bad.iterable, c.iterable)), { max: 6 }, 'merge(a, bad, c) where bad\'s second next() throws');
  if (run.end !== 'error') {
    fail(`merge(a, bad, c) where bad's second next() throws Error("broken source") at once: expected for await to throw that error after a1 and x1, but it ended normally after ${show(run.values)}. ${THROWS_LIKE_REJECTS}`);
  }
  equal(run.values, ['a1', 'x1'], 'the values of merge(a, bad, c) before bad\'s second next() threw at 15 ms');
  same(run.error, boom, 'the error for await got from merge(a, bad, c), bad\'s second next() having thrown Error("broken source")',
    'It should be the very error object the source\'s next() threw.');
  equal([a.log.returns >= 1, c.log.returns >= 1], [true, true], 'whether return() was called on a and on c, the other sources, after bad\'s next() threw',
    `An error ends merge, so it must clean up like break does (Python's aclose()). ${THROWS_LIKE_REJECTS}`);
});

test('a consumer break closes every unfinished source', async () => {
  const merge = learner.get('merge');
  const a = source(['a1', 'a2', 'a3'], [10, 10, 10]);
  const b = source(['b1'], [1000]);
  const s = source(['s1'], [5]);
  const e = source<string>([], []);
  const run = await consume(over(merge(a.iterable, b.iterable, s.iterable, e.iterable)), { max: 4, breakAfter: 2 }, 'for await over merge(a, b, s, empty) with break after 2 values');
  noError(run, 'for await with break after 2 values');
  equal(run.values, ['s1', 'a1'], 'the values taken before break');
  equal([a.log.returns >= 1, b.log.returns >= 1], [true, true], 'whether return() was called on a (stopped after a1) and b (a next() still pending), the unfinished sources',
    'break calls merge\'s return(); merge must pass it on to every source that is not finished, or they stay open.');
});

test('after a break no source is asked for more values', async () => {
  const merge = learner.get('merge');
  const a = source([1, 2, 3, 4, 5], [10, 10, 10, 10, 10]);
  const b = source([10, 20, 30], [25, 25, 25]);
  const it = merge(a.iterable, b.iterable);
  const run = await consume(over(it), { max: 5, breakAfter: 3 }, 'for await over merge(a, b) with break after 3 values');
  noError(run, 'for await with break after 3 values');
  equal(run.values, [1, 2, 10], 'the values taken before break');
  const nexts = [a.log.nexts, b.log.nexts];
  await jest.advanceTimersByTimeAsync(BUDGET_MS);
  equal([a.log.nexts, b.log.nexts], nexts, 'next() calls on a and b counted at the break, and again a while later',
    'After break nobody reads merge any more: nothing may keep pulling the sources in the background.');
  let after: unknown;
  Promise.resolve(it.next()).then((r) => (after = r), (error: unknown) => (after = error));
  await jest.advanceTimersByTimeAsync(BUDGET_MS);
  equal(after, { value: undefined, done: true }, 'next() on merge after the loop broke');
});

test('break runs the finally blocks of async generator sources', async () => {
  const merge = learner.get('merge');
  const closed: string[] = [];
  const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
  async function* ticker(name: string, every: number, count: number) {
    try {
      for (let i = 1; i <= count; i++) {
        await sleep(every);
        yield `${name}${i}`;
      }
    } finally {
      closed.push(name);
    }
  }
  const run = await consume(over(merge(ticker('fast', 10, 5), ticker('slow', 300, 2), ticker('once', 5, 1))), { max: 8, breakAfter: 3 },
    'for await over merge(fast, slow, once) of async generators, with break after 3 values');
  noError(run, 'for await with break after 3 values');
  equal(run.values, ['once1', 'fast1', 'fast2'], 'the values taken before break');
  equal([...closed].sort(), ['fast', 'once', 'slow'], 'the generators whose finally block ran (once ran to its end; fast and slow were stopped)',
    'break must reach every source: a source generator\'s finally runs only when its return() is called (Python: aclose()).');
});
