// Hidden suite for 06-asynchronous-iterator: the article's Asynchronous_Iterator (__aiter__ /
// __anext__) and its main(), on jest's fake timers (no test waits on real time).
import { equal, same, ok, throws, rejects, collectAsync, result, submission, fail, show, printedFromNow } from '../harness';
import type * as Learner from '@submission/06-asynchronous-iterator/asynchronous-iterator';

const learner = submission<typeof Learner>('asynchronous-iterator.ts',
  () => require('@submission/06-asynchronous-iterator/asynchronous-iterator'));

beforeEach(() => {
  jest.useFakeTimers();
});
afterEach(() => {
  jest.useRealTimers();
});

/** The real CPython output of the article's example, n = 3 (curriculum.md). */
const ARTICLE_OUTPUT = [
  'get next element 0',
  'next element 0',
  'get next element 1',
  'next element 1',
  'get next element 2',
  'next element 2',
  'get next element 3',
];

const SEQUENTIAL_HINT =
  'for await is sequential, not a parallel loop: it awaits each next() and runs the loop body before it asks for the next element.';

/** A `log` option that records each line and when it came (fake time, ms after the start). */
function recorder() {
  const start = Date.now();
  const lines: string[] = [];
  const times: number[] = [];
  const log = (line: string): void => {
    lines[lines.length] = line;
    times[times.length] = Date.now() - start;
  };
  return { lines, times, log, start };
}

interface Tracked<T> {
  settled: boolean;
  /** The fake clock (Date.now()) when it settled. */
  at?: number;
  rejected: boolean;
  value?: T;
  error?: unknown;
}

/** Watches a promise without awaiting it, so a test can ask "has it settled yet?". */
function track<T>(promise: PromiseLike<T> | T): Tracked<T> {
  const state: Tracked<T> = { settled: false, rejected: false };
  Promise.resolve(promise).then(
    (value) => { state.settled = true; state.at = Date.now(); state.value = value; },
    (error: unknown) => { state.settled = true; state.at = Date.now(); state.rejected = true; state.error = error; },
  );
  return state;
}

/** Lets every promise callback that is ready run (a learner's chain may take many steps). */
async function flush(): Promise<void> {
  for (let i = 0; i < 50; i++) await Promise.resolve();
}

/** Moves jest's fake clock on by `ms` and lets the promises that this wakes up settle. */
async function advance(ms: number): Promise<void> {
  await jest.advanceTimersByTimeAsync(ms);
  await flush();
}

/** A tracked next() call, whose result must be an object like { done, value } once it settles. */
function nextOf(it: AsyncIterator<number>, what: string): Tracked<IteratorResult<number>> {
  if (typeof it.next !== 'function') fail(`${what}: an AsynchronousIterator needs a next() method, got ${show(it.next)}.`);
  return track(it.next());
}

function settledStep(call: Tracked<IteratorResult<number>>, what: string): { done: unknown; value: unknown } {
  if (!call.settled) fail(`${what}: the promise from next() had not resolved yet.`);
  if (call.rejected) fail(`${what}: the promise from next() rejected with ${show(call.error)}.`);
  const r = result<number>(call.value, what);
  return { done: r.done, value: r.value };
}

const DONE = { done: true, value: undefined };
const valueStep = (value: number) => ({ done: false, value });

/** Fails unless the promise of main(…) settled without an error. */
function finished(call: Tracked<void>, what: string, hint?: string): void {
  if (call.rejected) fail(`${what}: main rejected with ${show(call.error)}.`);
  ok(call.settled, `${what}: main had not finished.${hint ? ` ${hint}` : ''}`);
}

function isGet(line: string): boolean {
  return typeof line === 'string' && line.startsWith('get next element');
}

test('main(3) logs the article\'s seven lines, each element fetched and then used: interleaved', async () => {
  const main = learner.get('main');
  const rec = recorder();
  const call = track(main(3, { delayMs: 100, log: rec.log }));
  await advance(3000); // far more than the 400 ms it needs: this test is about order only
  let hint: string | undefined;
  const gets = rec.lines.filter(isGet).length;
  const firstUse = rec.lines.findIndex((line) => !isGet(line));
  if (rec.lines.length === 0) hint = 'Nothing reached the log option: the iterator and main must both write their lines with options.log.';
  else if (gets > 1 && firstUse === gets) {
    hint = `Every "get next element" line came before any "next element" line: that is the batched order the article calls a misconception. ${SEQUENTIAL_HINT} So the lines alternate.`;
  }
  equal(rec.lines, ARTICLE_OUTPUT, 'the lines logged by main(3, { delayMs: 100, log })', hint);
  finished(call, 'main(3, { delayMs: 100, log }) after 3000 ms');
});

test('main() without n runs the article\'s example with n = 3', async () => {
  const main = learner.get('main');
  const rec = recorder();
  const call = track(main(undefined, { delayMs: 100, log: rec.log }));
  await advance(3000);
  equal(rec.lines, ARTICLE_OUTPUT, 'the lines logged by main(undefined, { delayMs: 100, log })',
    rec.lines.length !== ARTICLE_OUTPUT.length ? 'n defaults to 3: main(n = 3, options?).' : undefined);
  finished(call, 'main(undefined, { delayMs: 100, log }) after 3000 ms');
});

test('main() with no arguments at all, the article\'s own call: n = 3, one second per element, console.log', async () => {
  const main = learner.get('main');
  const printed = printedFromNow();
  // Wrapped, so that main throwing at once is reported like a rejection.
  const call = track(Promise.resolve().then(() => main()));
  // What console.log has shown at each second: the lines come in pairs, a second apart.
  const expectedBy = [[], ARTICLE_OUTPUT.slice(0, 2), ARTICLE_OUTPUT.slice(0, 4), ARTICLE_OUTPUT.slice(0, 6)];
  for (let second = 0; second < 4; second++) {
    await advance(second === 0 ? 999 : 1000);
    if (call.rejected) {
      fail(`main() with no arguments rejected with ${show(call.error)} (printed so far: ${show(printed())}). Both parameters are optional: with no options, main and the iterator use console.log and 1000 ms (options?.log, not options.log).`);
    }
    equal(printed(), expectedBy[second], `what main() with no arguments printed with console.log after ${second * 1000 + 999} ms`,
      printed().length === 0 && second > 0 ? 'Without options, main and the iterator both print with console.log (the article\'s print), each step after 1000 ms (asyncio.sleep(1)).' : 'Without options each step waits 1000 ms, like the article\'s asyncio.sleep(1).');
  }
  ok(!call.settled, `main() with no arguments finished at ${(call.at ?? 0)} ms of fake time, before 4000 ms = (3 + 1) × 1000 ms (printed: ${show(printed())}).`);
  await advance(1);
  finished(call, 'main() with no arguments after 4000 ms = (3 + 1) × 1000 ms');
  equal(printed(), ARTICLE_OUTPUT, 'what main() with no arguments printed with console.log',
    printed().length === 0 ? 'Without options, main and the iterator both print with console.log (the article\'s print).' : undefined);
});

test('main(0) logs only "get next element 0" and never runs the loop body', async () => {
  const main = learner.get('main');
  const rec = recorder();
  const call = track(main(0, { delayMs: 100, log: rec.log }));
  await advance(99);
  equal(rec.lines, [], 'the lines logged by main(0, { delayMs: 100, log }) after 99 ms',
    'Even the next() that says done waits delayMs first, then logs "get next element 0".');
  await advance(1);
  equal(rec.lines, ['get next element 0'], 'the lines logged by main(0, { delayMs: 100, log }) after 100 ms',
    'With n = 0 the very first next() waits, logs "get next element 0", and says done.');
  finished(call, 'main(0, { delayMs: 100, log }) after 100 ms (one delay)');
});

test('next() logs nothing and resolves nothing before delayMs has passed', async () => {
  const AsynchronousIterator = learner.get('AsynchronousIterator');
  const rec = recorder();
  const it = new AsynchronousIterator(3, { delayMs: 100, log: rec.log });
  const call = nextOf(it, 'the first next()');
  await flush();
  equal(rec.lines, [], 'the lines logged by the first next() before any time has passed',
    'Wait first (await a setTimeout promise, the article\'s await asyncio.sleep), then log.');
  ok(!call.settled, `the first next() of new AsynchronousIterator(3, { delayMs: 100, log }) resolved before any time had passed (with ${show(call.value)}); it must wait delayMs first, as the article's __anext__ awaits asyncio.sleep(1).`);
  await advance(99);
  equal(rec.lines, [], 'the lines logged by the first next() after 99 of its 100 ms');
  ok(!call.settled, `the first next() of new AsynchronousIterator(3, { delayMs: 100, log }) resolved after 99 ms (with ${show(call.value)}); expected it to wait the full 100 ms.`);
  await advance(1);
  equal(rec.lines, ['get next element 0'], 'the lines logged by the first next() after 100 ms');
  equal(settledStep(call, 'the first next() after 100 ms'), valueStep(0), 'what the first next() resolved after 100 ms');
});

test('each next() waits one delay, then logs "get next element k" and resolves k', async () => {
  const AsynchronousIterator = learner.get('AsynchronousIterator');
  const rec = recorder();
  const it = new AsynchronousIterator(3, { delayMs: 250, log: rec.log });
  for (let k = 0; k < 3; k++) {
    const call = nextOf(it, `next() call ${k + 1}`);
    await advance(249);
    ok(!call.settled && rec.lines.length === k,
      `next() call ${k + 1} answered or logged before its 250 ms had passed (lines so far: ${show(rec.lines)}). Each next() waits delayMs by itself: one element per delay.`);
    await advance(1);
    equal(settledStep(call, `next() call ${k + 1}, 250 ms after it was made`), valueStep(k), `what next() call ${k + 1} resolved, 250 ms after it was made`);
    equal(rec.lines[k], `get next element ${k}`, `the line logged by next() call ${k + 1}`);
  }
  equal(rec.times, [250, 500, 750], 'when (in ms) the three "get next element" lines came');
});

test('the last next() also waits and logs "get next element n" before it says done: (n + 1) * delayMs in all', async () => {
  const main = learner.get('main');
  const rec = recorder();
  const call = track(main(3, { delayMs: 100, log: rec.log }));
  await advance(399);
  if (call.settled) {
    const took = (call.at ?? Date.now()) - rec.start;
    fail(`main(3, { delayMs: 100, log }) finished after ${took} ms, before 400 ms = (3 + 1) × 100 ms (lines: ${show(rec.lines)}). ${took === 300
      ? 'The call that says done waits and logs "get next element 3" like the others: n values need n + 1 next() calls, each one delay.'
      : 'n values need n + 1 next() calls (the last one says done), and each of them waits delayMs before it answers.'}`);
  }
  await advance(1);
  finished(call, 'main(3, { delayMs: 100, log }) after 400 ms = (3 + 1) × 100 ms', 'It should take (n + 1) × delayMs in all.');
  equal(rec.times, [100, 100, 200, 200, 300, 300, 400], `when (in ms) main(3, { delayMs: 100, log }) logged ${show(rec.lines)}`,
    `Each element costs one delay, and the body runs as soon as its element arrives. ${SEQUENTIAL_HINT}`);
});

test('once done, next() resolves done at once, with no delay and no log', async () => {
  const AsynchronousIterator = learner.get('AsynchronousIterator');
  const rec = recorder();
  const it = new AsynchronousIterator(1, { delayMs: 100, log: rec.log });
  const first = nextOf(it, 'next() call 1');
  await advance(100);
  equal(settledStep(first, 'next() call 1 after 100 ms'), valueStep(0), 'what next() call 1 resolved');
  const second = nextOf(it, 'next() call 2');
  await advance(100);
  equal(settledStep(second, 'next() call 2 after 100 ms'), DONE, 'what next() call 2 of new AsynchronousIterator(1, …) resolved');
  equal(rec.lines, ['get next element 0', 'get next element 1'], 'the lines logged by the first two next() calls');
  const later = [nextOf(it, 'next() call 3'), nextOf(it, 'next() call 4'), nextOf(it, 'next() call 5')];
  await flush();
  for (let k = 0; k < later.length; k++) {
    const call = later[k]!;
    ok(call.settled, `next() call ${k + 3}, made after the iterator had said done, had not resolved without any time passing. Once done, next() must resolve { done: true, value: undefined } at once: no new wait.`);
    equal(settledStep(call, `next() call ${k + 3}`), DONE, `what next() call ${k + 3} resolved after the iterator had said done`);
  }
  equal(rec.lines, ['get next element 0', 'get next element 1'], 'the lines logged after three more next() calls on a finished iterator',
    'Once done, next() logs nothing: an exhausted iterator stays exhausted (Python\'s async for never calls __anext__ again after StopAsyncIteration).');
});

test('for await over new AsynchronousIterator(3) gives 0, 1, 2', async () => {
  const AsynchronousIterator = learner.get('AsynchronousIterator');
  const rec = recorder();
  const all = track(collectAsync(new AsynchronousIterator(3, { delayMs: 10, log: rec.log }), 10,
    'for await over new AsynchronousIterator(3, { delayMs: 10, log })'));
  await advance(1000);
  if (all.rejected) throw all.error;
  ok(all.settled, `for await over new AsynchronousIterator(3, { delayMs: 10, log }) had not ended after 1000 ms (lines: ${show(rec.lines)}). After the value 2, next() must resolve { done: true, value: undefined }.`);
  equal(all.value, [0, 1, 2], 'the values of for await over new AsynchronousIterator(3, { delayMs: 10, log })');
});

test('[Symbol.asyncIterator]() returns the iterator itself', () => {
  const AsynchronousIterator = learner.get('AsynchronousIterator');
  const it = new AsynchronousIterator(2, { delayMs: 10, log: () => {} });
  const make = (it as Partial<AsyncIterable<number>>)[Symbol.asyncIterator];
  if (typeof make !== 'function') fail(`new AsynchronousIterator(2) needs a [Symbol.asyncIterator]() method (Python's __aiter__), got ${show(make)}.`);
  same(make.call(it), it, 'it[Symbol.asyncIterator]() === it', 'Like the article\'s __aiter__, which returns self: return this.');
});

test('a negative n throws RangeError', () => {
  const AsynchronousIterator = learner.get('AsynchronousIterator');
  for (const n of [-1, -3]) {
    throws(() => new AsynchronousIterator(n, { delayMs: 10, log: () => {} }), RangeError, `new AsynchronousIterator(${n})`);
  }
});

test('a non-integer n (1.5, NaN, Infinity) throws RangeError', () => {
  const AsynchronousIterator = learner.get('AsynchronousIterator');
  for (const n of [1.5, NaN, Infinity]) {
    throws(() => new AsynchronousIterator(n, { delayMs: 10, log: () => {} }), RangeError, `new AsynchronousIterator(${n})`);
  }
});

test('main with a negative or non-integer n rejects with RangeError', async () => {
  const main = learner.get('main');
  for (const n of [-2, 2.5]) {
    const rec = recorder();
    // Wrapped, so that main throwing at once is reported as a rejection too.
    const call = Promise.resolve().then(() => main(n, { delayMs: 10, log: rec.log }));
    const outcome = track(call);
    await advance(100);
    if (!outcome.settled) fail(`main(${n}, …) had not settled after 100 ms (lines: ${show(rec.lines)}); expected it to reject with RangeError at once.`);
    await rejects(call, RangeError, `main(${n}, { delayMs: 10, log })`);
    equal(rec.lines, [], `the lines logged by main(${n}, …)`);
  }
});

test('the default delay is 1000 ms', async () => {
  const AsynchronousIterator = learner.get('AsynchronousIterator');
  const rec = recorder();
  const it = new AsynchronousIterator(2, { log: rec.log });
  const call = nextOf(it, 'the first next()');
  await advance(999);
  ok(!call.settled && rec.lines.length === 0,
    `the first next() of new AsynchronousIterator(2, { log }) answered or logged before 1000 ms (after ${rec.times[0] ?? (call.at ?? Date.now()) - rec.start} ms). Without delayMs each step waits 1000 ms, like asyncio.sleep(1).`);
  await advance(1);
  equal(rec.lines, ['get next element 0'], 'the lines logged by the first next() of new AsynchronousIterator(2, { log }) after 1000 ms',
    'Without delayMs each step waits 1000 ms, like asyncio.sleep(1).');
  equal(settledStep(call, 'the first next() after 1000 ms'), valueStep(0), 'what the first next() of new AsynchronousIterator(2, { log }) resolved after 1000 ms');
});

test('the default log is console.log, for the iterator and for main', async () => {
  const AsynchronousIterator = learner.get('AsynchronousIterator');
  const main = learner.get('main');
  let printed = printedFromNow();
  const it = new AsynchronousIterator(1, { delayMs: 10 });
  const call = nextOf(it, 'next() of new AsynchronousIterator(1, { delayMs: 10 })');
  await advance(10);
  equal(settledStep(call, 'next() of new AsynchronousIterator(1, { delayMs: 10 }) after 10 ms'), valueStep(0), 'what next() resolved');
  equal(printed(), ['get next element 0'], 'what new AsynchronousIterator(1, { delayMs: 10 }) printed with console.log',
    printed().length === 0 ? 'Without a log option, lines go to console.log (the article\'s print).' : undefined);
  printed = printedFromNow();
  const run = track(main(1, { delayMs: 10 }));
  await advance(100);
  equal(printed(), ['get next element 0', 'next element 0', 'get next element 1'], 'what main(1, { delayMs: 10 }) printed with console.log',
    printed().length < 3 ? 'Without a log option, main and the iterator both print with console.log.' : undefined);
  finished(run, 'main(1, { delayMs: 10 }) after 100 ms');
});

test('n = 0: the first next() waits one delay, logs "get next element 0" and says done', async () => {
  const AsynchronousIterator = learner.get('AsynchronousIterator');
  const rec = recorder();
  const it = new AsynchronousIterator(0, { delayMs: 100, log: rec.log });
  const call = nextOf(it, 'the first next()');
  await advance(99);
  ok(!call.settled, `the first next() of new AsynchronousIterator(0, { delayMs: 100, log }) resolved before 100 ms, with ${show(call.value)}. Even the call that says done waits delayMs first.`);
  await advance(1);
  equal(settledStep(call, 'the first next() after 100 ms'), DONE, 'what the first next() of new AsynchronousIterator(0, …) resolved after 100 ms');
  equal(rec.lines, ['get next element 0'], 'the lines logged by new AsynchronousIterator(0, …) after one next()');
});

test('two iterators keep separate counts', async () => {
  const AsynchronousIterator = learner.get('AsynchronousIterator');
  const rec = recorder();
  const a = new AsynchronousIterator(2, { delayMs: 10, log: rec.log });
  const b = new AsynchronousIterator(2, { delayMs: 10, log: rec.log });
  const a1 = nextOf(a, 'a.next()');
  await advance(10);
  const b1 = nextOf(b, 'b.next()');
  await advance(10);
  const a2 = nextOf(a, 'a.next() again');
  await advance(10);
  equal([settledStep(a1, 'a.next()'), settledStep(b1, 'b.next()'), settledStep(a2, 'a.next() again')], [valueStep(0), valueStep(0), valueStep(1)],
    'a.next(), b.next(), a.next() with two new AsynchronousIterator(2, …)',
    'Keep current and n on the object (this.current), not in a variable that every iterator shares.');
});
