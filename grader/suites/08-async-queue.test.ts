import { equal, same, ok, fail, throws, show, submission } from '../harness';
import type * as Learner from '@submission/08-async-queue/async-queue';

const learner = submission<typeof Learner>('async-queue.ts', () => require('@submission/08-async-queue/async-queue'));

// Captured before any learner code loads.
const ErrorCtor = Error;

beforeEach(() => {
  jest.useFakeTimers({ now: 0 }); // times below are ms since the test began
});
afterEach(() => {
  jest.clearAllTimers();
  jest.useRealTimers();
});

type Queue<T> = Learner.AsyncQueue<T>;

function newQueue<T>(): Queue<T> {
  const AsyncQueue = learner.get('AsyncQueue');
  return new AsyncQueue<T>();
}

/** Lets every promise that can settle now settle (and `ms` of fake time pass). */
async function flush(ms = 0): Promise<void> {
  await jest.advanceTimersByTimeAsync(ms);
}

interface Watched<T> {
  settled: boolean;
  rejected: boolean;
  value: IteratorResult<T> | undefined;
  error: unknown;
}

/** Observes a next() without awaiting it, so one that never settles cannot hang the test. */
function watch<T>(promise: unknown, what: string, order?: number[], index?: number): Watched<T> {
  if (promise === null || typeof promise !== 'object' || typeof (promise as { then?: unknown }).then !== 'function') {
    fail(`${what}: next() must return a Promise (an async iterator's next() is async), got ${show(promise)}.`);
  }
  const w: Watched<T> = { settled: false, rejected: false, value: undefined, error: undefined };
  (promise as Promise<IteratorResult<T>>).then(
    (value) => {
      w.settled = true;
      w.value = value;
      if (order && index !== undefined) order.push(index);
    },
    (error) => {
      w.settled = true;
      w.rejected = true;
      w.error = error;
    },
  );
  return w;
}

function describeError(error: unknown): string {
  return error instanceof ErrorCtor ? `${error.name}(${JSON.stringify(error.message)})` : show(error);
}

/** What a watched next() gave, checked to have settled with a { value, done } object. */
function outcome<T>(w: Watched<T>, what: string, hint = ''): IteratorResult<T> {
  if (!w.settled) fail(`${what}: expected it to resolve, but it is still pending.${hint ? ` ${hint}` : ''}`);
  if (w.rejected) fail(`${what}: rejected with ${describeError(w.error)}.`);
  const value = w.value as unknown;
  if (value === null || typeof value !== 'object' || !('done' in (value as object))) {
    fail(`${what}: next() must resolve an object like { value, done }, got ${show(value)}.`);
  }
  return value as IteratorResult<T>;
}

/** Calls next(), lets it settle, and returns its result. */
async function take<T>(queue: Queue<T>, what: string, hint = ''): Promise<IteratorResult<T>> {
  const w = watch<T>(queue.next(), what);
  await flush();
  return outcome(w, what, hint);
}

const DONE = { done: true, value: undefined };
const give = <T>(value: T) => ({ done: false, value });

test('values pushed before anyone asks are buffered, and size counts them', async () => {
  const queue = newQueue<string>();
  equal(queue.size, 0, 'size of a new queue');
  queue.push('a');
  queue.push('b');
  queue.push('c');
  equal(queue.size, 3, "size after push('a'), push('b'), push('c') with nobody asking",
    'Values nobody has asked for yet wait in a buffer; size is how many are waiting.');
  equal(await take(queue, 'the first next()'), give('a'), 'the first next() after three pushes');
  equal(queue.size, 2, 'size after one next() took a value');
});

test('next() takes values first in, first out', async () => {
  const queue = newQueue<number>();
  for (const n of [1, 2, 3, 4, 5]) queue.push(n);
  const got: unknown[] = [];
  for (let k = 0; k < 5; k++) got.push((await take(queue, `next() number ${k + 1}`)).value);
  equal(got, [1, 2, 3, 4, 5], 'the values of five next() calls after push(1) … push(5)',
    'A queue is first in, first out: take from the front (shift), not from the end (pop).');
  equal(queue.size, 0, 'size once every value was taken');
});

test('a next() made before any push waits, then resolves with the first value pushed', async () => {
  const queue = newQueue<string>();
  const w = watch<string>(queue.next(), 'next() on an empty queue');
  await flush(100);
  ok(!w.settled, `next() on an empty, open queue settled (${w.rejected ? `rejected with ${describeError(w.error)}` : `resolved ${show(w.value)}`}) before anything was pushed: it should wait for a value.`);
  queue.push('x');
  await flush();
  equal(outcome(w, "the waiting next() after push('x')"), give('x'), "the waiting next() after push('x')");
  equal(queue.size, 0, "size after push('x') went straight to a waiting next()");
});

test('k next() calls made before any push resolve in call order with the next k values', async () => {
  const queue = newQueue<string>();
  const order: number[] = [];
  const waiting = [0, 1, 2].map((k) => watch<string>(queue.next(), `next() call ${k + 1}`, order, k));
  await flush();
  queue.push('a');
  queue.push('b');
  queue.push('c');
  await flush();
  const got = waiting.map((w, k) => outcome(w, `next() call ${k + 1} of 3, made before any push`,
    'Every next() that finds no value must wait in its own place in a queue of waiting calls: one pending slot loses the earlier calls.'));
  equal(got, [give('a'), give('b'), give('c')], "the results of three next() calls made before push('a'), push('b'), push('c')",
    'The oldest waiting next() gets the first value pushed.');
  equal(order, [0, 1, 2], 'the order in which the three waiting next() calls resolved (by call number, from 0)');
});

test('each value is delivered exactly once when more next() calls wait than values arrive', async () => {
  const queue = newQueue<string>();
  const waiting = [0, 1, 2, 3, 4].map((k) => watch<string>(queue.next(), `next() call ${k + 1}`));
  queue.push('a');
  queue.push('b');
  await flush();
  const settled = waiting.map((w) => w.settled);
  equal(settled, [true, true, false, false, false], 'which of five waiting next() calls had settled after two pushes',
    'Each value goes to exactly one waiting next(), the oldest; the others keep waiting.');
  equal([outcome(waiting[0]!, 'next() call 1'), outcome(waiting[1]!, 'next() call 2')], [give('a'), give('b')], 'the first two waiting next() calls');
  equal(queue.size, 0, 'size after two pushes went to waiting next() calls');
  queue.push('c');
  await flush();
  equal(outcome(waiting[2]!, 'next() call 3 after a third push'), give('c'), 'next() call 3 after a third push');
  ok(!waiting[3]!.settled && !waiting[4]!.settled, 'next() calls 4 and 5 settled though only three values were pushed.');
});

test('a value taken by a waiting next() is not kept in the buffer as well', async () => {
  const queue = newQueue<string>();
  const first = watch<string>(queue.next(), 'the waiting next()');
  queue.push('only');
  await flush();
  equal(outcome(first, 'the waiting next()'), give('only'), "the waiting next() after push('only')");
  equal(queue.size, 0, 'size after the only value went to a waiting next()', 'Hand the value to the waiting next() or buffer it, never both.');
  const second = watch<string>(queue.next(), 'a second next()');
  await flush(100);
  ok(!second.settled, `a second next() settled with ${show(second.value)}, but the only value pushed had already been delivered: each value must be delivered exactly once.`);
});

test('pushes and next() calls interleaved keep first in, first out', async () => {
  const queue = newQueue<number>();
  queue.push(1);
  equal(await take(queue, 'next() after push(1)'), give(1), 'next() after push(1)');
  const second = watch<number>(queue.next(), 'next() call 2');
  const third = watch<number>(queue.next(), 'next() call 3');
  queue.push(2);
  queue.push(3);
  queue.push(4);
  await flush();
  equal([outcome(second, 'next() call 2'), outcome(third, 'next() call 3')], [give(2), give(3)], 'two waiting next() calls after push(2), push(3), push(4)');
  equal(queue.size, 1, 'size: push(4) found nobody waiting');
  queue.push(5);
  equal(await take(queue, 'next() call 4'), give(4), 'next() call 4 (4 was buffered before 5)');
  equal(await take(queue, 'next() call 5'), give(5), 'next() call 5');
});

test('after close() the buffered values are still delivered, then done', async () => {
  const queue = newQueue<string>();
  queue.push('a');
  queue.push('b');
  queue.close();
  equal(queue.size, 2, 'size right after close() with two values buffered', 'close() means "no more pushes", not "throw away what is waiting".');
  const got = [];
  for (let k = 0; k < 4; k++) got.push(await take(queue, `next() number ${k + 1} after close()`));
  equal(got, [give('a'), give('b'), DONE, DONE], "four next() calls after push('a'), push('b'), close()",
    'Like Python: the consumer gets every value, then StopAsyncIteration (here { done: true }).');
});

test('close() resolves every pending next() done', async () => {
  const queue = newQueue<string>();
  const waiting = [0, 1, 2].map((k) => watch<string>(queue.next(), `next() call ${k + 1}`));
  await flush();
  queue.close();
  await flush();
  const got = waiting.map((w, k) => outcome(w, `waiting next() call ${k + 1} after close()`,
    'Nothing more can be pushed, so whoever is still waiting must be answered { done: true } now.'));
  equal(got, [DONE, DONE, DONE], 'three waiting next() calls after close()');
});

test('push after close() throws an Error and changes nothing', async () => {
  const queue = newQueue<number>();
  queue.push(1);
  queue.close();
  throws(() => queue.push(2), ErrorCtor, 'push(2) after close()');
  equal(queue.size, 1, 'size after a push that should have been refused');
  equal(await take(queue, 'the first next() after close()'), give(1), 'the first next() after close()');
  equal(await take(queue, 'the second next() after close()'), DONE, 'the second next() after close() (2 was never accepted)');
  throws(() => queue.push(3), ErrorCtor, 'push(3) on a closed, empty queue');
});

test('close() can be called twice and changes nothing the second time', async () => {
  const queue = newQueue<string>();
  queue.push('a');
  queue.close();
  let second: unknown;
  try {
    queue.close();
  } catch (error) {
    second = error;
  }
  ok(second === undefined, `the second close() threw ${describeError(second)}: close() must be idempotent (calling it again does nothing), like Python's close().`);
  equal(queue.size, 1, 'size after close() twice');
  equal(await take(queue, 'next() after close() twice'), give('a'), 'next() after close() twice');
  equal(await take(queue, 'the next next()'), DONE, 'the next() after the last value');
});

test('return() ends the queue at once and drops the buffer', async () => {
  const queue = newQueue<string>();
  queue.push('a');
  queue.push('b');
  queue.push('c');
  const ended = watch<string>(queue.return(), 'return()');
  await flush();
  equal(outcome(ended, 'return()'), DONE, 'what return() resolves');
  equal(queue.size, 0, 'size after return() with three values buffered', 'return() is the consumer saying "I am done": unlike close(), nothing is delivered any more.');
  equal(await take(queue, 'next() after return()'), DONE, 'next() after return()');
  equal(await take(queue, 'another next() after return()'), DONE, 'another next() after return()');
  throws(() => queue.push('d'), ErrorCtor, "push('d') after return() (a queue that has ended accepts nothing more)");
});

test('return() resolves every pending next() done', async () => {
  const queue = newQueue<string>();
  const waiting = [0, 1, 2].map((k) => watch<string>(queue.next(), `next() call ${k + 1}`));
  await flush();
  const ended = watch<string>(queue.return(), 'return()');
  await flush();
  equal(outcome(ended, 'return()'), DONE, 'what return() resolves');
  const got = waiting.map((w, k) => outcome(w, `waiting next() call ${k + 1} after return()`,
    'A next() left pending forever hangs its for await for good: return() must answer every waiting call.'));
  equal(got, [DONE, DONE, DONE], 'three waiting next() calls after return()');
});

test('for await gets every value pushed over time, then ends at close()', async () => {
  const queue = newQueue<string>();
  setTimeout(() => queue.push('one'), 10);
  setTimeout(() => queue.push('two'), 20);
  setTimeout(() => {
    queue.push('three');
    queue.push('four');
  }, 30);
  setTimeout(() => queue.close(), 40);
  const seen: string[] = [];
  const times: number[] = [];
  const state = { ended: -1, error: undefined as unknown };
  (async () => {
    for await (const value of queue) {
      seen.push(value);
      times.push(jest.now());
      if (seen.length > 4) break;
    }
    state.ended = jest.now();
  })().catch((error) => {
    state.error = error;
  });
  await flush(100);
  if (state.error !== undefined) fail(`a for await loop over the queue threw ${describeError(state.error)}.`);
  equal(seen, ['one', 'two', 'three', 'four'], 'the values a for await loop saw (pushed at 10, 20, 30, 30 ms, closed at 40 ms)');
  equal(times, [10, 20, 30, 30], 'when the loop saw each value (ms)', 'Each value should reach the loop as soon as it is pushed.');
  equal(state.ended, 40, 'when the for await loop ended (ms): close() at 40 ms should end it', 'A loop waiting in next() ends only when that next() resolves { done: true }.');
});

test('breaking out of for await ends the queue and drops what was left', async () => {
  const queue = newQueue<number>();
  queue.push(1);
  queue.push(2);
  queue.push(3);
  const seen: number[] = [];
  const loop = (async () => {
    for await (const value of queue) {
      seen.push(value);
      break;
    }
  })();
  const w = watch<void>(loop.then(() => ({ done: true, value: undefined })), 'the for await loop');
  await flush();
  ok(w.settled && !w.rejected, `a for await loop that breaks after one value ${w.rejected ? `threw ${describeError(w.error)}` : 'did not finish'}.`);
  equal(seen, [1], 'the values seen before break');
  equal(queue.size, 0, 'size after break (break calls return(), which drops the buffer)');
  equal(await take(queue, 'next() after the loop broke out'), DONE, 'next() after the loop broke out of the queue');
});

test('a finished queue stays finished', async () => {
  const queue = newQueue<string>();
  queue.close();
  const got = [];
  for (let k = 0; k < 3; k++) got.push(await take(queue, `next() number ${k + 1} on a closed, empty queue`));
  equal(got, [DONE, DONE, DONE], 'three next() calls on a closed, empty queue', 'An exhausted iterator stays exhausted.');
  const late = watch<string>(queue.next(), 'a late next()');
  await flush();
  equal(outcome(late, 'a late next() on a closed queue'), DONE, 'a late next() on a closed queue');
});

test('[Symbol.asyncIterator]() returns the queue itself', () => {
  const queue = newQueue<number>();
  const make = (queue as unknown as Record<symbol, unknown>)[Symbol.asyncIterator];
  if (typeof make !== 'function') fail('AsyncQueue must have a [Symbol.asyncIterator]() method (Python\'s __aiter__), so that for await can use it.');
  same(make.call(queue), queue, 'queue[Symbol.asyncIterator]()', 'Like __aiter__ returning self: the queue is its own async iterator.');
});
