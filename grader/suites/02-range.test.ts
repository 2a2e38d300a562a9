import { equal, same, ok, throws, collect, drain, result, show, submission, fail } from '../harness';
import type * as Learner from '@submission/02-range/range';

const learner = submission<typeof Learner>('range.ts', () => require('@submission/02-range/range'));

type RangeClass = typeof Learner.Range;
type RangeArgs = [number] | [number, number] | [number, number, number];

/** How a learner would write the call: `new Range(10, 0, -3)`. */
function call(args: readonly number[]): string {
  return `new Range(${args.map((a) => show(a)).join(', ')})`;
}

function make(Range: RangeClass, args: RangeArgs): Learner.Range {
  try {
    return new (Range as unknown as new (...a: number[]) => Learner.Range)(...args);
  } catch (error) {
    return fail(`${call(args)} threw ${error instanceof Error ? `${error.name}: ${error.message}` : show(error)}, but it is a valid range in Python (range(${args.join(', ')})).`);
  }
}

/** What Python's list(range(...)) gives, computed here independently of the learner's code. */
function pythonList(args: RangeArgs): number[] {
  const [start, stop, step] = args.length === 1 ? [0, args[0], 1] : [args[0], args[1], args[2] ?? 1];
  const out: number[] = [];
  for (let v = start; step > 0 ? v < stop : v > stop; v += step) out.push(v);
  return out;
}

function valuesOf(Range: RangeClass, args: RangeArgs): number[] {
  const limit = pythonList(args).length + 3;
  return collect(make(Range, args), limit, `the values of [...${call(args)}]`);
}

function checkValues(Range: RangeClass, cases: RangeArgs[], hint?: string): void {
  for (const args of cases) {
    equal(valuesOf(Range, args), pythonList(args), `[...${call(args)}] (Python: list(range(${args.join(', ')})))`, hint);
  }
}

function lengthOf(Range: RangeClass, args: RangeArgs): unknown {
  const r = make(Range, args);
  try {
    return r.length;
  } catch (error) {
    return fail(`reading ${call(args)}.length threw ${error instanceof Error ? `${error.name}: ${error.message}` : show(error)}.`);
  }
}

function checkLengths(Range: RangeClass, cases: RangeArgs[], hint?: string): void {
  for (const args of cases) {
    equal(lengthOf(Range, args), pythonList(args).length, `${call(args)}.length (Python: len(range(${args.join(', ')})))`, hint);
  }
}

function iteratorOf(r: Learner.Range, what: string): Iterator<number> {
  const it = r[Symbol.iterator]() as unknown;
  if (it === null || typeof it !== 'object' || typeof (it as Iterator<number>).next !== 'function') {
    fail(`${what}[Symbol.iterator]() must return an iterator (an object with next()), got ${show(it)}.`);
  }
  return it as Iterator<number>;
}

const SIGN_HINT = 'With a negative step the range counts down and stops before reaching stop, like range(10, 0, -3) → 10, 7, 4, 1.';

test('one argument counts from 0 up to, but not including, stop', () => {
  const Range = learner.get('Range');
  checkValues(Range, [[5], [1], [3]], 'range(stop) starts at 0 and never yields stop itself.');
  const r = make(Range, [5]);
  equal([r.start, r.stop, r.step], [0, 5, 1], 'the fields [start, stop, step] of new Range(5)', 'One argument is the stop; start is 0 and step is 1, as in Python.');
});

test('two arguments count from start up to, but not including, stop', () => {
  const Range = learner.get('Range');
  checkValues(Range, [[2, 7], [-3, 2], [-5, -1], [0, 1]], 'Stop is excluded: range(2, 7) is 2, 3, 4, 5, 6.');
  const r = make(Range, [2, 7]);
  equal([r.start, r.stop, r.step], [2, 7, 1], 'the fields [start, stop, step] of new Range(2, 7)');
});

test('three arguments with a positive step stop before reaching stop', () => {
  const Range = learner.get('Range');
  checkValues(Range, [[0, 10, 3], [0, 9, 3], [1, 10, 3], [3, 4, 5], [-10, 10, 7]],
    'The last value is the last start + k * step that is still below stop: range(0, 9, 3) is 0, 3, 6.');
  const r = make(Range, [0, 9, 3]);
  equal([r.start, r.stop, r.step], [0, 9, 3], 'the fields [start, stop, step] of new Range(0, 9, 3)');
});

test('a negative step counts down and stops before reaching stop', () => {
  const Range = learner.get('Range');
  checkValues(Range, [[10, 0, -3], [10, 1, -3], [5, -1, -1], [0, -9, -3], [-1, -4, -1], [3, 2, -7]], SIGN_HINT);
  const r = make(Range, [10, 0, -3]);
  equal([r.start, r.stop, r.step], [10, 0, -3], 'the fields [start, stop, step] of new Range(10, 0, -3)');
});

test('ranges that point the wrong way or have start equal to stop are empty', () => {
  const Range = learner.get('Range');
  checkValues(Range, [[0], [-3], [5, 5], [5, 2], [2, 5, -1], [0, 10, -1], [7, 7, -2], [-2, -8, 3]],
    'Python yields nothing when start is already at or past stop in the direction of step (and never raises).');
});

test('length matches Python len() for one and two arguments', () => {
  const Range = learner.get('Range');
  checkLengths(Range, [[5], [1], [2, 7], [-3, 2], [0, 1], [-5, -1]]);
});

test('length matches Python len() for a positive step', () => {
  const Range = learner.get('Range');
  checkLengths(Range, [[0, 10, 3], [0, 9, 3], [1, 10, 3], [0, 12, 3], [3, 4, 5], [-10, 10, 7], [0, 100, 1]],
    'len(range(start, stop, step)) counts the values: ceil((stop - start) / step) when that is positive.');
});

test('length matches Python len() for a negative step', () => {
  const Range = learner.get('Range');
  checkLengths(Range, [[10, 0, -3], [10, 1, -3], [5, -1, -1], [0, -9, -3], [-1, -4, -1], [3, 2, -7], [0, -12, -3]],
    `${SIGN_HINT} len(range(10, 0, -3)) is 4.`);
});

test('length of an empty range is 0, never negative', () => {
  const Range = learner.get('Range');
  checkLengths(Range, [[0], [-3], [5, 5], [5, 2], [2, 5, -1], [0, 10, -1], [-2, -8, 3], [10, 0, 1]],
    'A range that points the wrong way is empty: len() is 0.');
});

test('a step of 0 throws RangeError', () => {
  const Range = learner.get('Range') as unknown as new (...a: number[]) => Learner.Range;
  throws(() => new Range(0, 10, 0), RangeError, 'new Range(0, 10, 0) (Python raises ValueError: a step of 0 would never get anywhere)');
  throws(() => new Range(5, 5, 0), RangeError, 'new Range(5, 5, 0)');
  throws(() => new Range(-1, 1, -0), RangeError, 'new Range(-1, 1, -0)');
});

test('a non-integer argument throws TypeError', () => {
  const Range = learner.get('Range') as unknown as new (...a: number[]) => Learner.Range;
  const cases: number[][] = [
    [1.5], [0, 1.5], [1.5, 10], [0, 10, 1.5], [NaN], [0, NaN], [NaN, 3], [0, 3, NaN],
    [Infinity], [0, Infinity], [-Infinity, 0], [0, 10, Infinity], [0, -Infinity, -1],
  ];
  for (const args of cases) {
    throws(() => new Range(...args), TypeError,
      `${call(args)} (Python raises TypeError for range(1.5): only whole numbers, Number.isInteger, are allowed)`);
  }
});

test('a huge range is lazy: new Range(0, 1e15) yields its first values at once', () => {
  const Range = learner.get('Range');
  const big = make(Range, [0, 1e15]);
  const it = iteratorOf(big, 'new Range(0, 1e15)');
  const first: unknown[] = [];
  for (let i = 0; i < 4; i++) first.push(result<number>(it.next(), 'next() on new Range(0, 1e15)[Symbol.iterator]()').value);
  equal(first, [0, 1, 2, 3], 'the first four values of new Range(0, 1e15)');
  equal(big.length, 1e15, 'new Range(0, 1e15).length', 'Compute the length with arithmetic, never by counting the values.');
  equal(make(Range, [1e15]).length, 1e15, 'new Range(1e15).length', 'One argument is the stop: start 0, step 1.');
  equal(make(Range, [0, -1e15, -1]).length, 1e15, 'new Range(0, -1e15, -1).length', SIGN_HINT);
  const down = iteratorOf(make(Range, [1e15, 0, -5e14]), 'new Range(1e15, 0, -5e14)');
  equal(drain(down, 3, 'the values of new Range(1e15, 0, -5e14)'), [1e15, 5e14], 'the values of new Range(1e15, 0, -5e14)');
});

test('nested loops over one Range give every pair', () => {
  const Range = learner.get('Range');
  const r = make(Range, [3]);
  const pairs: [number, number][] = [];
  let steps = 0;
  for (const a of r) {
    for (const b of r) {
      pairs.push([a, b]);
      if (++steps > 20) fail(`nested for…of over new Range(3) kept going after ${show(pairs)}: an iterator never said done.`);
    }
    if (++steps > 20) fail(`nested for…of over new Range(3) kept going after ${show(pairs)}: an iterator never said done.`);
  }
  equal(pairs, [[0, 0], [0, 1], [0, 2], [1, 0], [1, 1], [1, 2], [2, 0], [2, 1], [2, 2]],
    'the pairs [a, b] of `for (const a of r) for (const b of r)` with r = new Range(3)',
    'Each for…of calls r[Symbol.iterator](); if that returns the same object (or resets shared state), the inner loop disturbs the outer one. Return a new iterator each time.');
});

test('each [Symbol.iterator]() call returns a new, independent iterator', () => {
  const Range = learner.get('Range');
  const r = make(Range, [10, 20, 2]);
  const a = iteratorOf(r, 'new Range(10, 20, 2)');
  const b = iteratorOf(r, 'new Range(10, 20, 2)');
  ok(a !== b, 'Calling [Symbol.iterator]() twice on one Range returned the same object: each call must create a new iterator (iter(r) is not iter(r) in Python).');
  ok((a as unknown) !== r, '[Symbol.iterator]() returned the Range itself: the Range is the iterable; its iterator must be a separate object with its own position.');
  equal([result(a.next(), 'first iterator').value, result(a.next(), 'first iterator').value], [10, 12], 'two next() calls on the first iterator');
  equal(result(b.next(), 'second iterator').value, 10, 'the first next() on a second iterator made after the first one advanced',
    'Each iterator keeps its own position.');
  equal(result(a.next(), 'first iterator').value, 14, 'the third next() on the first iterator, after the second iterator moved');
  equal(collect(r, 8, '[...r] while two iterators are half way'), [10, 12, 14, 16, 18], '[...r] while two other iterators are half way through it');
});

test("an iterator's own [Symbol.iterator]() returns that same iterator", () => {
  const Range = learner.get('Range');
  const r = make(Range, [4]);
  const it = iteratorOf(r, 'new Range(4)') as IterableIterator<number>;
  const self = typeof it[Symbol.iterator] === 'function' ? it[Symbol.iterator]() : undefined;
  same(self, it, 'it[Symbol.iterator]() for it = new Range(4)[Symbol.iterator]()',
    'An iterator is iterable too: its [Symbol.iterator]() returns this, like Python\'s iter(it) is it.');
  result(it.next(), 'it.next()');
  const rest: number[] = [];
  for (const v of it) {
    rest.push(v);
    if (rest.length > 6) break;
  }
  equal(rest, [1, 2, 3], 'for…of over an iterator that already gave 0', 'Looping over an iterator continues from where it is; it does not start over.');
});

test('an exhausted iterator stays exhausted, while the Range can be looped again', () => {
  const Range = learner.get('Range');
  const r = make(Range, [1, 4]);
  const it = iteratorOf(r, 'new Range(1, 4)');
  equal(drain(it, 6, 'the values of new Range(1, 4)'), [1, 2, 3], 'the values of an iterator of new Range(1, 4)');
  for (let i = 1; i <= 3; i++) {
    equal(result(it.next(), 'next() after done'), { done: true, value: undefined }, `next() call ${i} after the iterator said done`,
      'Python\'s rule: once an iterator has raised StopIteration it keeps raising it. It must not start over.');
  }
  equal(collect(r, 6, '[...r] after one of its iterators is exhausted'), [1, 2, 3], '[...r] after one of its iterators is exhausted',
    'The Range itself is not used up: each loop gets a fresh iterator.');
  equal(collect(r, 6, '[...r] once more'), [1, 2, 3], '[...r] a third time');
  const empty = iteratorOf(make(Range, [0]), 'new Range(0)');
  equal([result(empty.next(), 'next()'), result(empty.next(), 'next()')], [{ done: true, value: undefined }, { done: true, value: undefined }],
    'two next() calls on an iterator of the empty new Range(0)');
});

test('iterating does not change the range', () => {
  const Range = learner.get('Range');
  const r = make(Range, [10, 0, -4]);
  collect(r, 6, '[...new Range(10, 0, -4)]');
  const it = iteratorOf(r, 'new Range(10, 0, -4)');
  result(it.next(), 'next()');
  equal([r.start, r.stop, r.step, r.length], [10, 0, -4, 3], '[start, stop, step, length] of new Range(10, 0, -4) after looping over it',
    'The position belongs to the iterator, not to the Range.');
});
