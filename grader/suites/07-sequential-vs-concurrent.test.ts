import { equal, same, ok, fail, result, show, submission, countingIterable, countingAsyncIterable } from '../harness';
import type * as Learner from '@submission/07-sequential-vs-concurrent/fetching';

const learner = submission<typeof Learner>('fetching.ts', () => require('@submission/07-sequential-vs-concurrent/fetching'));

// Captured before any learner code loads.
const RangeErrorCtor = RangeError;
const ErrorCtor = Error;
const mathMax = Math.max;
const mathCeil = Math.ceil;

beforeEach(() => {
  jest.useFakeTimers({ now: 0 }); // times below are ms since the test began
});
afterEach(() => {
  jest.clearAllTimers();
  jest.useRealTimers();
});

// ---- a fake remote service, on fake time ------------------------------------------------------

interface Call<I> {
  item: I;
  start: number;
  end: number | undefined;
}

interface ServiceOptions<I> {
  /** How long the call for `item` takes (ms of fake time). */
  delay: (item: I) => number;
  /** Calls for these items reject with this very error instead of resolving. */
  errors?: Map<I, Error>;
}

/**
 * A stand-in for fetchOne / fn: every call is recorded with when it started and ended, and the
 * number of calls in flight (started, not yet settled) is tracked.
 */
function service<I>(options: ServiceOptions<I>) {
  const calls: Call<I>[] = [];
  const state = { inFlight: 0, maxInFlight: 0 };
  const fn = (item: I): Promise<string> => {
    const call: Call<I> = { item, start: jest.now(), end: undefined };
    calls.push(call);
    state.inFlight++;
    state.maxInFlight = mathMax(state.maxInFlight, state.inFlight);
    return new Promise<string>((resolve, reject) => {
      setTimeout(() => {
        state.inFlight--;
        call.end = jest.now();
        const error = options.errors?.get(item);
        if (error) reject(error);
        else resolve(valueOf(item));
      }, options.delay(item));
    });
  };
  return { fn, calls, state, starts: () => calls.map((c) => c.start), items: () => calls.map((c) => c.item) };
}

/** What the fake service answers for `item`. */
function valueOf(item: unknown): string {
  return `data for ${String(item)}`;
}

function delays<I>(table: Record<string, number>): (item: I) => number {
  return (item) => {
    const ms = table[String(item)];
    return ms === undefined ? 100 : ms;
  };
}

// ---- driving learner iterators on fake time -------------------------------------------------

/** Lets `ms` of fake time pass: due timers fire, and promises settle between them. */
async function advance(ms: number): Promise<void> {
  await jest.advanceTimersByTimeAsync(ms);
}

interface Watched<T> {
  settled: boolean;
  rejected: boolean;
  value: T | undefined;
  error: unknown;
  at: number;
}

/** Observes a promise without awaiting it (so a promise that never settles cannot hang a test). */
function watch<T>(promise: PromiseLike<T>): Watched<T> {
  const w: Watched<T> = { settled: false, rejected: false, value: undefined, error: undefined, at: -1 };
  Promise.resolve(promise).then(
    (value) => {
      w.settled = true;
      w.value = value;
      w.at = jest.now();
    },
    (error) => {
      w.settled = true;
      w.rejected = true;
      w.error = error;
      w.at = jest.now();
    },
  );
  return w;
}

/** Advances fake time by `ms` and returns what `promise` settled with; fails if it is still pending. */
async function within<T>(promise: PromiseLike<T>, ms: number, what: string, hint = ''): Promise<T> {
  const w = watch(promise);
  await advance(ms);
  if (!w.settled) fail(`${what}: still waiting after ${ms} ms of (fake) time.${hint ? ` ${hint}` : ''}`);
  if (w.rejected) fail(`${what}: rejected with ${describeError(w.error)}.`);
  return w.value as T;
}

function describeError(error: unknown): string {
  return error instanceof ErrorCtor ? `${error.name}(${JSON.stringify(error.message)})` : show(error);
}

/** The object a learner function returned, checked to have next(). */
function iteratorOf<T>(value: unknown, what: string): AsyncIterator<T> {
  if (value === null || typeof value !== 'object' || typeof (value as { next?: unknown }).next !== 'function') {
    fail(`${what} must return an async generator (an object with next()), got ${show(value)}.`);
  }
  return value as AsyncIterator<T>;
}

interface Received<T> {
  values: T[];
  times: number[];
  error: unknown;
  failed: boolean;
  done: boolean;
}

/**
 * The consumer of `for await`: asks for the next value as soon as it has the previous one and
 * records when each arrived; stops at done, at a rejection, or after `max` values (a failure).
 */
async function consume<T>(it: AsyncIterator<T>, max: number, what: string): Promise<Received<T>> {
  const got: Received<T> = { values: [], times: [], error: undefined, failed: false, done: false };
  for (;;) {
    let step: IteratorResult<T>;
    try {
      step = result<T>(await it.next(), what);
    } catch (error) {
      got.failed = true;
      got.error = error;
      return got;
    }
    if (step.done) {
      got.done = true;
      return got;
    }
    got.values.push(step.value);
    got.times.push(jest.now());
    if (got.values.length > max) {
      fail(`${what}: expected done after at most ${max} values, but it kept giving values: ${show(got.values)}.`);
    }
  }
}

/** Advances time and requires the consumer to have finished without a rejection. */
async function consumeAll<T>(it: AsyncIterator<T>, max: number, ms: number, what: string): Promise<Received<T>> {
  const got = await within(consume(it, max, what), ms, what);
  if (got.failed) fail(`${what}: a next() rejected with ${describeError(got.error)}, but no fetch failed.`);
  return got;
}

const ids = (n: number): string[] => Array.from({ length: n }, (_, k) => `id${k}`);
const numbers = (n: number): number[] => Array.from({ length: n }, (_, k) => k);

const FOR_AWAIT = 'for await asks for one value, waits for it, then asks for the next: it is not a parallel loop.';

// ---- streamSequentially ------------------------------------------------------------------------

test('streamSequentially yields each fetched value in the order of the ids', async () => {
  const streamSequentially = learner.get('streamSequentially');
  const api = service<string>({ delay: delays({ a: 30, b: 10, c: 20 }) });
  const it = iteratorOf<string>(streamSequentially(['a', 'b', 'c'], api.fn), "streamSequentially(['a', 'b', 'c'], fetchOne)");
  const got = await consumeAll(it, 3, 60, 'the values of streamSequentially over ids a, b, c');
  equal(got.values, [valueOf('a'), valueOf('b'), valueOf('c')], 'the values of streamSequentially over ids a, b, c');
  equal(api.items(), ['a', 'b', 'c'], 'the ids passed to fetchOne, in call order');
});

test('streamSequentially calls fetchOne only once the consumer asks for the first value', async () => {
  const streamSequentially = learner.get('streamSequentially');
  const api = service<string>({ delay: () => 100 });
  const it = iteratorOf<string>(streamSequentially(ids(3), api.fn), 'streamSequentially(ids, fetchOne)');
  await advance(500);
  equal(api.calls.length, 0, 'fetchOne calls before anyone called next()', 'Nothing should be fetched before the consumer asks: write it as an async function* (its body runs on the first next()).');
  const first = result<string>(await within(it.next(), 100, 'the first next()'), 'the first next()');
  equal(first, { done: false, value: valueOf('id0') }, 'the first next() of streamSequentially');
  equal(api.calls.length, 1, 'fetchOne calls after the first next()');
});

test('streamSequentially never fetches value k before the consumer asks for it', async () => {
  const streamSequentially = learner.get('streamSequentially');
  const api = service<string>({ delay: () => 100 });
  const it = iteratorOf<string>(streamSequentially(ids(4), api.fn), 'streamSequentially(ids, fetchOne)');
  await within(it.next(), 100, 'the first next()');
  // The consumer is busy with value 0 and does not ask for more for a whole second.
  await advance(1000);
  equal(api.items(), ['id0'], 'the ids fetched while the consumer was still busy with the first value',
    'Fetching ahead (Promise.all, or starting the next fetch before yielding) is prefetching: each fetch must wait for its next().');
  const second = result<string>(await within(it.next(), 100, 'the second next()'), 'the second next()');
  equal(second, { done: false, value: valueOf('id1') }, 'the second next() of streamSequentially');
  equal(api.starts(), [0, 1100], 'when each fetch started (ms), the second asked for at 1100 ms');
});

test('streamSequentially has at most one fetch in flight and takes the sum of the delays', async () => {
  const streamSequentially = learner.get('streamSequentially');
  const api = service<string>({ delay: delays({ a: 100, b: 200, c: 300 }) });
  const it = iteratorOf<string>(streamSequentially(['a', 'b', 'c'], api.fn), 'streamSequentially(ids, fetchOne)');
  const got = await consumeAll(it, 3, 600, 'the values of streamSequentially');
  equal(api.state.maxInFlight, 1, 'the most fetches in flight at once', FOR_AWAIT);
  equal(api.starts(), [0, 100, 300], 'when each fetch started (ms)', 'Each fetch starts when the previous value has been taken.');
  equal(got.times, [100, 300, 600], 'when each value reached the consumer (ms)');
});

test('streamSequentially: a failed fetch rejects that next() and ends the stream', async () => {
  const streamSequentially = learner.get('streamSequentially');
  const boom = new ErrorCtor('fetch b failed');
  const api = service<string>({ delay: () => 100, errors: new Map([['b', boom]]) });
  const it = iteratorOf<string>(streamSequentially(['a', 'b', 'c'], api.fn), 'streamSequentially(ids, fetchOne)');
  const first = result<string>(await within(it.next(), 100, 'the first next()'), 'the first next()');
  equal(first, { done: false, value: valueOf('a') }, 'the first next()');
  const second = watch(it.next());
  await advance(100);
  const settledInTime = second.settled;
  await advance(300);
  ok(second.rejected, `the second next(), whose fetch of b failed: expected it to reject with that error, but it ${second.settled ? `resolved ${show(second.value)}` : 'never settled'}. Do not catch the error: let it reach the consumer.`);
  ok(settledInTime, `the second next() rejected only at ${second.at} ms; the fetch of b failed at 100 ms, and that next() should reject then.`);
  same(second.error, boom, 'the error the second next() rejected with (the very error fetchOne rejected with)');
  const third = result<string>(await within(it.next(), 100, 'the next() after the error'), 'the next() after the error');
  equal(third, { done: true, value: undefined }, 'the next() after a failed fetch', 'After an error the stream is over.');
  await advance(500);
  equal(api.items(), ['a', 'b'], 'the ids fetched (c comes after the failure and must never be fetched)');
});

test('streamSequentially: break stops all fetching', async () => {
  const streamSequentially = learner.get('streamSequentially');
  const api = service<string>({ delay: () => 100 });
  const gen = streamSequentially(ids(5), api.fn);
  iteratorOf(gen, 'streamSequentially(ids, fetchOne)');
  const seen: string[] = [];
  const loop = (async () => {
    for await (const value of gen) {
      seen.push(value);
      if (seen.length === 2) break;
    }
  })();
  await within(loop, 200, 'a for await loop that breaks after two values');
  await advance(1000);
  equal(seen, [valueOf('id0'), valueOf('id1')], 'the values seen before break');
  equal(api.items(), ['id0', 'id1'], 'the ids fetched by a loop that broke after two values');
  const after = result<string>(await within(gen.next(), 100, 'next() after break'), 'next() after break');
  equal(after, { done: true, value: undefined }, 'next() on the stream after the loop broke out of it');
  equal(api.calls.length, 2, 'fetchOne calls after break');
});

// ---- fetchAllConcurrently ----------------------------------------------------------------------

const table = { a: 400, b: 100, c: 300, d: 200 };

test('fetchAllConcurrently starts every fetch before any settles', async () => {
  const fetchAllConcurrently = learner.get('fetchAllConcurrently');
  const api = service<string>({ delay: delays(table) });
  const all = watch(fetchAllConcurrently(['a', 'b', 'c', 'd'], api.fn));
  await advance(0);
  equal(api.items(), ['a', 'b', 'c', 'd'], 'the ids fetched at 0 ms, before any fetch finished',
    'Start every fetch first (without await), then wait for all of them: await inside the loop makes it sequential.');
  equal(api.state.maxInFlight, 4, 'the most fetches in flight at once');
  await advance(400);
  ok(all.settled, 'fetchAllConcurrently: still pending after every fetch finished.');
});

test('fetchAllConcurrently resolves the results in input order, not completion order', async () => {
  const fetchAllConcurrently = learner.get('fetchAllConcurrently');
  const api = service<string>({ delay: delays(table) });
  const values = await within(fetchAllConcurrently(['a', 'b', 'c', 'd'], api.fn), 400, 'fetchAllConcurrently');
  equal(values, ['a', 'b', 'c', 'd'].map(valueOf), "fetchAllConcurrently(['a', 'b', 'c', 'd'])'s results (b finishes first, a last)",
    'Results go in the place of their id, whatever order the fetches finish in.');
});

test('fetchAllConcurrently takes as long as the slowest fetch, not the sum', async () => {
  const fetchAllConcurrently = learner.get('fetchAllConcurrently');
  const api = service<string>({ delay: delays(table) });
  const all = watch(fetchAllConcurrently(['a', 'b', 'c', 'd'], api.fn));
  await advance(1000);
  ok(all.settled && !all.rejected, `fetchAllConcurrently: expected it to resolve, but it ${all.settled ? `rejected with ${describeError(all.error)}` : 'was still pending after 1000 ms'}.`);
  equal(all.at, 400, 'when fetchAllConcurrently resolved (ms): the slowest fetch takes 400, all four in a row take 1000', FOR_AWAIT);
});

test('fetchAllConcurrently rejects with the first rejection, as soon as it happens', async () => {
  const fetchAllConcurrently = learner.get('fetchAllConcurrently');
  const late = new ErrorCtor('fetch b failed at 300 ms');
  const early = new ErrorCtor('fetch c failed at 100 ms');
  const api = service<string>({ delay: delays({ a: 200, b: 300, c: 100, d: 400 }), errors: new Map([['b', late], ['c', early]]) });
  const all = watch(fetchAllConcurrently(['a', 'b', 'c', 'd'], api.fn));
  await advance(100);
  const settledInTime = all.settled;
  await advance(400);
  ok(all.rejected, `fetchAllConcurrently with fetches b and c failing: expected it to reject with the error of the first failure, but it ${all.settled ? `resolved ${show(all.value)}` : 'never settled'}. Errors must not be swallowed.`);
  same(all.error, early, 'the error fetchAllConcurrently rejected with (the first to happen: c at 100 ms, not b at 300 ms)');
  ok(settledInTime, `fetchAllConcurrently rejected only at ${all.at} ms; fetch c failed at 100 ms and it should reject then, without waiting for the others.`);
});

// ---- mapConcurrent -----------------------------------------------------------------------------

/** Calls mapConcurrent and checks it gave something with next(). */
function start<T>(source: Iterable<T> | AsyncIterable<T>, limit: number, fn: (item: T) => Promise<string>, label: string): AsyncIterator<string> {
  const mapConcurrent = learner.get('mapConcurrent');
  return iteratorOf<string>(mapConcurrent(source, limit, fn), label);
}

test('mapConcurrent yields the results in source order, not completion order', async () => {
  const api = service<number>({ delay: (n) => [50, 10, 40, 20, 30, 5][n] ?? 100 });
  const it = start(numbers(6), 3, api.fn, 'mapConcurrent([0, …, 5], 3, fn)');
  const got = await consumeAll(it, 6, 1000, 'the values of mapConcurrent([0, …, 5], 3, fn)');
  equal(got.values, numbers(6).map(valueOf), 'the values of mapConcurrent([0, …, 5], 3, fn), whose calls finish in another order',
    'Keep the results in a queue in source order and yield the oldest one when it is ready.');
});

test('mapConcurrent never has more than limit calls in flight', async () => {
  for (const limit of [1, 2, 3, 5]) {
    const api = service<number>({ delay: (n) => [30, 10, 70, 20, 50, 10, 40, 60, 10, 30][n] ?? 10 });
    const it = start(numbers(10), limit, api.fn, `mapConcurrent(items, ${limit}, fn)`);
    const got = await consumeAll(it, 10, 2000, `the values of mapConcurrent(10 items, ${limit}, fn)`);
    equal(got.values.length, 10, `how many values mapConcurrent(10 items, ${limit}, fn) yielded`);
    ok(api.state.maxInFlight <= limit, `mapConcurrent(10 items, ${limit}, fn): ${api.state.maxInFlight} calls of fn were in flight at once, but the limit is ${limit}.`);
  }
});

test('mapConcurrent starts limit calls at once and keeps limit in flight while the consumer waits', async () => {
  const api = service<number>({ delay: () => 100 });
  const it = start(numbers(7), 3, api.fn, 'mapConcurrent(7 items, 3, fn)');
  const first = watch(it.next());
  await advance(0);
  equal(api.state.inFlight, 3, 'calls of fn in flight right after the first next() (limit 3)',
    `Start limit calls before waiting for the first: ${FOR_AWAIT}`);
  await advance(100);
  ok(first.settled, 'the first next() of mapConcurrent: still pending at 100 ms, when its call had finished.');
  // The consumer takes values 1 and 2 (already finished) and waits for value 3.
  await within(it.next(), 0, 'the second next() (its value was ready)');
  await within(it.next(), 0, 'the third next() (its value was ready)');
  const fourth = watch(it.next());
  await advance(0);
  equal(api.state.inFlight, 3, 'calls of fn in flight while the consumer waits for the fourth value', 'Each value taken frees a place for a new call.');
  await advance(100);
  ok(fourth.settled, 'the fourth next(): still pending at 200 ms.');
});

test('mapConcurrent starts the next call as soon as a result is taken, not in batches', async () => {
  const api = service<number>({ delay: (n) => [10, 100, 10, 10, 10][n] ?? 10 });
  const it = start(numbers(5), 2, api.fn, 'mapConcurrent(5 items, 2, fn)');
  const got = await consumeAll(it, 5, 300, 'the values of mapConcurrent(5 items, 2, fn)');
  equal(api.calls[2]?.start, 10, 'when the third call started (ms): item 0 was done and taken at 10 ms, so a place was free',
    'Waiting for a whole batch (Promise.all over limit items) leaves places empty while a slow call runs.');
  equal(got.times[4], 110, 'when the last value arrived (ms)');
});

test('mapConcurrent: n items of equal delay d take ceil(n / limit) * d', async () => {
  for (const [n, limit, d] of [[5, 2, 100], [6, 3, 50], [3, 5, 80], [4, 1, 30]] as const) {
    const api = service<number>({ delay: () => d });
    const it = start(numbers(n), limit, api.fn, `mapConcurrent(${n} items, ${limit}, fn)`);
    const expected = mathCeil(n / limit) * d;
    const all = watch(consume(it, n, `mapConcurrent(${n} items, ${limit}, fn)`));
    await advance(expected - 1);
    if (all.settled && all.value?.failed) {
      fail(`mapConcurrent(${n} items, ${limit}, fn): a next() rejected with ${describeError(all.value.error)}, but nothing it called failed.`);
    }
    ok(!all.settled, `mapConcurrent(${n} items, limit ${limit}, ${d} ms each) finished before ${expected} ms: more than ${limit} calls must have run at once.`);
    await advance(1);
    ok(all.settled, `mapConcurrent(${n} items, limit ${limit}, ${d} ms each): expected about ceil(${n} / ${limit}) * ${d} = ${expected} ms, but it had not finished at ${expected} ms. ${FOR_AWAIT}`);
    equal(all.value?.values, numbers(n).map(valueOf), `the values of mapConcurrent(${n} items, ${limit}, fn)`);
  }
});

test('mapConcurrent pulls a sync source lazily, never more than limit ahead of what it yielded', async () => {
  const { iterable, log } = countingIterable(numbers(30));
  const api = service<number>({ delay: () => 10 });
  const it = start(iterable, 3, api.fn, 'mapConcurrent(source, 3, fn)');
  await advance(50);
  ok(log.given.length <= 3, `mapConcurrent(source, 3, fn) took ${log.given.length} items from the source before anyone called next(); at most 3 may be taken ahead.`);
  for (let k = 1; k <= 5; k++) {
    await within(it.next(), 20, `next() number ${k}`);
    // A slow consumer: busy for 100 ms with each value.
    await advance(100);
    ok(log.given.length <= k + 3, `after ${k} value(s) yielded, mapConcurrent(source, 3, fn) had taken ${log.given.length} items from the source: at most ${k} + 3 = ${k + 3}. Pull the source only when a place in the window is free, never all of it up front.`);
  }
  equal(log.given.length >= 5, true, 'the source gave at least the 5 items that were yielded');
});

test('mapConcurrent pulls an async source lazily and in order', async () => {
  const { iterable, log } = countingAsyncIterable(numbers(20), { delays: numbers(20).map(() => 5) });
  const api = service<number>({ delay: (n) => (n % 2 === 0 ? 30 : 10) });
  const it = start(iterable, 2, api.fn, 'mapConcurrent(asyncSource, 2, fn)');
  const values: string[] = [];
  for (let k = 1; k <= 6; k++) {
    const step = result<string>(await within(it.next(), 200, `next() number ${k} over an async source`), `next() number ${k}`);
    if (step.done) fail(`mapConcurrent(asyncSource, 2, fn) ended after ${k - 1} values; the source has 20.`);
    values.push(step.value);
    await advance(100);
    ok(log.given.length <= k + 2, `after ${k} value(s) yielded, mapConcurrent(asyncSource, 2, fn) had taken ${log.given.length} items from the async source: at most ${k} + 2 = ${k + 2}.`);
  }
  equal(values, numbers(6).map(valueOf), 'the first six values of mapConcurrent over an async source');
  ok(api.state.maxInFlight <= 2, `mapConcurrent(asyncSource, 2, fn): ${api.state.maxInFlight} calls were in flight at once.`);
});

test('mapConcurrent: a rejection surfaces by its turn and no new call starts after it', async () => {
  const boom = new ErrorCtor('fn failed for item 2');
  const api = service<number>({ delay: (n) => (n === 2 ? 30 : 100), errors: new Map([[2, boom]]) });
  const it = start(numbers(10), 3, api.fn, 'mapConcurrent(10 items, 3, fn)');
  const got = await within(consume(it, 10, 'mapConcurrent(10 items, 3, fn) with item 2 failing'), 1500, 'a consumer of mapConcurrent with item 2 failing at 30 ms');
  ok(got.failed, `mapConcurrent with item 2 failing: expected a next() to reject with its error, but every next() resolved (values ${show(got.values)}). Errors must reach the consumer, not be swallowed.`);
  same(got.error, boom, 'the error a next() rejected with (the very error fn rejected with)');
  ok(got.values.length <= 2, `mapConcurrent with item 2 failing yielded ${got.values.length} values before the rejection, ${show(got.values)}: the error must surface no later than item 2's turn.`);
  await advance(1000);
  const late = api.calls.filter((c) => c.start >= 30).map((c) => c.item);
  equal(late, [], 'items whose call started at or after 30 ms, when item 2 had already failed', 'Once a call has failed, start no new ones.');
});

test('mapConcurrent: break starts no new calls and closes the source', async () => {
  const mapConcurrent = learner.get('mapConcurrent');
  const { iterable, log } = countingIterable(numbers(10));
  const api = service<number>({ delay: () => 100 });
  const gen = mapConcurrent(iterable, 3, api.fn);
  iteratorOf(gen, 'mapConcurrent(source, 3, fn)');
  const seen: string[] = [];
  const loop = (async () => {
    for await (const value of gen) {
      seen.push(value);
      break;
    }
  })();
  await within(loop, 100, 'a for await loop over mapConcurrent that breaks after one value');
  const atBreak = api.calls.length;
  await advance(1000);
  equal(seen, [valueOf(0)], 'the values seen before break');
  equal(api.calls.length, atBreak, `calls of fn after break (there were ${atBreak} when the loop broke)`, 'break calls return() on the generator: nothing may start after it.');
  equal(log.returns, 1, "return() calls on the source after break (Python's aclose()/close())", 'Close the source in a finally block: a for…of inside an async function* does it for you.');
});

test('mapConcurrent with a limit that is not an integer ≥ 1 throws RangeError', async () => {
  const mapConcurrent = learner.get('mapConcurrent');
  for (const limit of [0, -1, 1.5, Number.NaN, Number.POSITIVE_INFINITY]) {
    const api = service<number>({ delay: () => 10 });
    const label = `mapConcurrent([0, 1, 2], ${limit}, fn)`;
    let thrown: unknown;
    let threw = false;
    let gen: unknown;
    try {
      gen = mapConcurrent(numbers(3), limit, api.fn);
    } catch (error) {
      threw = true;
      thrown = error;
    }
    if (!threw) {
      const first = watch(iteratorOf<string>(gen, label).next());
      await advance(100);
      if (!first.rejected) {
        fail(`${label}: expected RangeError from the call or the first next(), but the first next() ${first.settled ? `resolved ${show(first.value)}` : 'never settled'}.`);
      }
      thrown = first.error;
    }
    ok(thrown instanceof RangeErrorCtor, `${label}: expected RangeError, got ${describeError(thrown)}.`);
    equal(api.calls.length, 0, `calls of fn by ${label}`);
  }
});

test('mapConcurrent over an empty source ends without calling fn', async () => {
  const api = service<number>({ delay: () => 10 });
  const it = start<number>([], 2, api.fn, 'mapConcurrent([], 2, fn)');
  const step = result<string>(await within(it.next(), 0, 'next() over an empty source'), 'next() over an empty source');
  equal(step, { done: true, value: undefined }, 'the first next() of mapConcurrent([], 2, fn)');
  equal(api.calls.length, 0, 'calls of fn over an empty source');
});

// ---- mapConcurrent and a source that fails or ends --------------------------------------------

const FINISHED_SOURCE =
  'The iterator protocol closes only a source left unfinished: one that said done, or whose next() threw, is finished (for…of and for await do not call its return() either).';

/** A source of 10 items whose third next() fails: a sync one throws, an async one rejects. */
function failingSource(kind: 'sync' | 'async', error: Error) {
  return kind === 'sync'
    ? { label: 'a sync source whose 3rd next() throws', ...countingIterable(numbers(10), { throwOnNext: { at: 3, error } }) }
    : { label: 'an async source whose 3rd next() rejects', ...countingAsyncIterable(numbers(10), { rejectOnNext: { at: 3, error } }) };
}

test("mapConcurrent: an error from the source's next() reaches the consumer unchanged, after the results before it", async () => {
  for (const kind of ['sync', 'async'] as const) {
    const boom = new ErrorCtor(`the ${kind} source failed`);
    const { label, iterable } = failingSource(kind, boom);
    const api = service<number>({ delay: () => 100 });
    const it = start<number>(iterable, 3, api.fn, `mapConcurrent(${label}, 3, fn)`);
    const what = `mapConcurrent(${label}, 3, fn)`;
    const got = await within(consume(it, 10, what), 1000, `a consumer of ${what}`);
    const before = [valueOf(0), valueOf(1)];
    if (!got.failed) {
      fail(`${what}: expected the consumer to get ${show(before)} and then the source's error, but no next() rejected (values ${show(got.values)}, then done). An error from the source's next() is not its end: let it reach the consumer.`);
    }
    equal(got.values, before, `the values the consumer got from ${what} before the error`,
      'Items 0 and 1 came from the source before it failed: their results still reach the consumer, in source order, and only then the error.');
    same(got.error, boom, `the error the consumer got from ${what}`,
      "It must be the very error the source's next() threw: not a TypeError from using a step that never came, not a new Error around it.");
    const after = result<string>(await within(it.next(), 100, `next() on ${what} after the error`), `next() on ${what} after the error`);
    equal(after, { done: true, value: undefined }, `next() on ${what} after the source's error`, 'An error from the source ends the stream.');
  }
});

test("mapConcurrent: a source whose next() threw or rejected is asked nothing more and is not closed", async () => {
  for (const kind of ['sync', 'async'] as const) {
    const { label, iterable, log } = failingSource(kind, new ErrorCtor(`the ${kind} source failed`));
    const api = service<number>({ delay: () => 100 });
    const what = `mapConcurrent(${label}, 3, fn)`;
    const it = start<number>(iterable, 3, api.fn, what);
    await within(consume(it, 10, what), 1000, `a consumer of ${what}`);
    await advance(1000);
    equal(log.nexts, 3, `next() calls on ${label}, counted a while after it failed`,
      "Once the source's next() has failed, the source is finished: remember it, and do not call its next() again.");
    equal(log.returns, 0, `return() calls on ${label}, after its next() failed`, FINISHED_SOURCE);
  }
});

test('mapConcurrent: a source that said done is asked nothing more and is not closed', async () => {
  // Read to the end.
  const whole = countingIterable(numbers(3));
  const api = service<number>({ delay: () => 10 });
  await consumeAll(start(whole.iterable, 2, api.fn, 'mapConcurrent(source of 3 items, 2, fn)'), 3, 1000, 'the values of mapConcurrent(source of 3 items, 2, fn)');
  await advance(1000);
  equal(whole.log.nexts, 4, 'next() calls on a source of 3 items (the 4th said done), counted a while after mapConcurrent ended',
    'Once the source has said done, it is finished: remember it, and do not call its next() again.');
  equal(whole.log.returns, 0, 'return() calls on a source of 3 items that mapConcurrent read to its end', FINISHED_SOURCE);

  // A loop that breaks after the source said done, while results are still on their way.
  const short = countingAsyncIterable(numbers(2));
  const slow = service<number>({ delay: () => 100 });
  const gen = start(short.iterable, 3, slow.fn, 'mapConcurrent(async source of 2 items, 3, fn)');
  const seen: string[] = [];
  const loop = (async () => {
    for await (const value of { [Symbol.asyncIterator]: () => gen }) {
      seen.push(value);
      break;
    }
  })();
  await within(loop, 200, 'a for await loop over mapConcurrent(async source of 2 items, 3, fn) that breaks after one value');
  await advance(1000);
  equal(seen, [valueOf(0)], 'the values seen before break');
  equal(short.log.nexts, 3, 'next() calls on an async source of 2 items (the 3rd said done) by mapConcurrent with limit 3, whose loop broke after one value',
    'With limit 3 both items and the done arrive while the window fills; after that the source is finished and is not asked again.');
  equal(short.log.returns, 0, 'return() calls on a source that had said done before the loop broke', `break closes the source only if it is unfinished. ${FINISHED_SOURCE}`);
});
