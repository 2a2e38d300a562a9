// Hidden suite for 01-data-iterator: the article's Data class (__iter__ / __next__) in TypeScript.
import { equal, ok, collect, result, submission, fail, show } from '../harness';
import type * as Learner from '@submission/01-data-iterator/data';

const learner = submission<typeof Learner>('data.ts', () => require('@submission/01-data-iterator/data'));

/** No test here needs more values than this; an iterator that goes on longer never says done. */
const MAX = 20;

const NEVER_DONE_HINT =
  'Once the position has passed the last index, next() must return { done: true, value: undefined } (Python raises StopIteration).';

type Step = { done: unknown; value: unknown };

/** One `next()` call, reduced to its `done` and `value` (whether or not `value` was written out). */
function step(it: Iterator<unknown>, what: string): Step {
  const r = result<unknown>(it.next(), what);
  return { done: r.done, value: r.value };
}

const DONE: Step = { done: true, value: undefined };
const valueStep = (value: unknown): Step => ({ done: false, value });

/** `for (const v of iterable)`, but it gives up (and fails) after MAX values. */
function forOf<T>(iterable: Iterable<T>, what: string): T[] {
  const values: T[] = [];
  for (const value of iterable) {
    values[values.length] = value;
    if (values.length > MAX) {
      fail(`${what}: the loop was still running after ${MAX} values (${show(values)}). ${NEVER_DONE_HINT}`);
    }
  }
  return values;
}

/** Checks that `[Symbol.iterator]()` gives an object with next() before a test relies on it. */
function iteratorOf(data: object, what: string): Iterator<unknown> {
  const make = (data as Partial<Iterable<unknown>>)[Symbol.iterator];
  if (typeof make !== 'function') fail(`${what}: a Data object needs a [Symbol.iterator]() method, got ${show(make)}.`);
  const it = make.call(data) as Iterator<unknown> | undefined;
  if (it === null || typeof it !== 'object' || typeof it.next !== 'function') {
    fail(`${what}: [Symbol.iterator]() must return an iterator (an object with next()); it returned ${show(it)}.`);
  }
  return it;
}

test('for…of over new Data([1, "Alice", 42, "finxter"]) gives its four values in order', () => {
  const Data = learner.get('Data');
  const values = forOf(new Data<unknown>([1, 'Alice', 42, 'finxter']), 'the values of for…of over new Data([1, "Alice", 42, "finxter"])');
  equal(values, [1, 'Alice', 42, 'finxter'], 'the values of for…of over new Data([1, "Alice", 42, "finxter"])',
    values.length > 4 ? 'There are only four values: the last index is data.length - 1, so stop when the position reaches data.length.' : undefined);
});

test('spread [...data] and Array.from(data) give the values in order', () => {
  const Data = learner.get('Data');
  // Spread has no limit of its own: make sure a Data of the same values ends before spreading one.
  collect(new Data([3, 1, 2]), MAX, 'collecting new Data([3, 1, 2])');
  equal([...new Data([3, 1, 2])], [3, 1, 2], '[...new Data([3, 1, 2])]');
  equal(Array.from(new Data(['x', 'y'])), ['x', 'y'], 'Array.from(new Data(["x", "y"]))');
});

test('next() by hand gives { done: false, value } for each value, then { done: true, value: undefined }', () => {
  const Data = learner.get('Data');
  const d = new Data<unknown>([1, 'Alice', 42, 'finxter']);
  const it = iteratorOf(d, 'iter(d), that is d[Symbol.iterator]()');
  const steps = [1, 'Alice', 42, 'finxter'].map((_, k) => step(it, `next() call ${k + 1}`));
  equal(steps, [valueStep(1), valueStep('Alice'), valueStep(42), valueStep('finxter')],
    'the first four next() calls on new Data([1, "Alice", 42, "finxter"])');
  equal(step(it, 'the fifth next() call'), DONE, 'the fifth next() call, past the last value',
    'This is where Python raises StopIteration; in TypeScript next() returns { done: true, value: undefined }.');
});

test('an exhausted Data stays exhausted: every later next() is { done: true, value: undefined }', () => {
  const Data = learner.get('Data');
  const d = new Data(['a', 'b']);
  equal([step(d, 'next() call 1'), step(d, 'next() call 2')], [valueStep('a'), valueStep('b')], 'the first two next() calls on new Data(["a", "b"])');
  const later: Step[] = [];
  for (let k = 0; k < 6; k++) later[later.length] = step(d, `next() call ${k + 3}`);
  equal(later, [DONE, DONE, DONE, DONE, DONE, DONE], 'next() calls 3 to 8 on new Data(["a", "b"])',
    'An exhausted iterator stays exhausted (Python\'s rule for StopIteration): next() must not start over or move past the end by itself. Only [Symbol.iterator]() starts again.');
});

test('[Symbol.iterator]() returns the Data object itself', () => {
  const Data = learner.get('Data');
  const d = new Data([1, 2]);
  const it = iteratorOf(d, 'd[Symbol.iterator]()');
  ok(it === d, `d[Symbol.iterator]() with d = new Data([1, 2]): expected d itself, got another object (${show(it)}). Data is its own iterator, like the article's __iter__ that returns self: rewind and return this, not a new object.`);
});

test('[Symbol.iterator]() starts again at the first value, even halfway through', () => {
  const Data = learner.get('Data');
  const d = new Data([10, 20, 30]);
  const it = iteratorOf(d, 'd[Symbol.iterator]()');
  equal([step(it, 'next() call 1'), step(it, 'next() call 2')], [valueStep(10), valueStep(20)], 'two next() calls on new Data([10, 20, 30])');
  const again = iteratorOf(d, 'd[Symbol.iterator]() called a second time');
  equal(step(again, 'next() after the second [Symbol.iterator]()'), valueStep(10),
    'next() right after calling [Symbol.iterator]() again, halfway through',
    '[Symbol.iterator]() is Python\'s __iter__: it puts the position back to 0 (self.current_index = 0) before returning this.');
});

test('a second for…of over the same Data gives every value again', () => {
  const Data = learner.get('Data');
  const d = new Data(['p', 'q', 'r']);
  equal(forOf(d, 'the first for…of over new Data(["p", "q", "r"])'), ['p', 'q', 'r'], 'the first for…of over new Data(["p", "q", "r"])');
  equal(forOf(d, 'the second for…of over the same Data'), ['p', 'q', 'r'], 'the second for…of over the same Data',
    'Each for…of calls [Symbol.iterator]() first, and that must rewind to the first value.');
});

test('next() before any [Symbol.iterator]() starts at the first value', () => {
  const Data = learner.get('Data');
  const d = new Data(['first', 'second']);
  const steps = [step(d, 'next() call 1'), step(d, 'next() call 2'), step(d, 'next() call 3')];
  equal(steps, [valueStep('first'), valueStep('second'), DONE],
    'next() called on new Data(["first", "second"]) without calling [Symbol.iterator]() first',
    steps[0]?.done === false ? undefined
      : 'Start the position at 0 when the object is made (a field initialiser or the constructor), not only in [Symbol.iterator](). In the article, next(d) before iter(d) would even fail with AttributeError.');
});

test('an empty Data is done at once, and stays done', () => {
  const Data = learner.get('Data');
  equal(forOf(new Data([]), 'for…of over new Data([])'), [], 'the values of for…of over new Data([])');
  const d = new Data<number>([]);
  equal([step(d, 'next() call 1'), step(d, 'next() call 2'), step(d, 'next() call 3')], [DONE, DONE, DONE],
    'three next() calls on new Data([])');
});

test('a string is walked character by character', () => {
  const Data = learner.get('Data');
  equal(forOf(new Data('abc'), 'for…of over new Data("abc")'), ['a', 'b', 'c'], 'the values of for…of over new Data("abc")',
    'A string is an ArrayLike: it has a length and its characters at indexes 0, 1, 2…');
});

test('any ArrayLike works, such as { length: 2, 0: "a", 1: "b" }', () => {
  const Data = learner.get('Data');
  const arrayLike: ArrayLike<string> = { length: 2, 0: 'a', 1: 'b' };
  equal(forOf(new Data(arrayLike), 'for…of over new Data({ length: 2, 0: "a", 1: "b" })'), ['a', 'b'],
    'the values of for…of over new Data({ length: 2, 0: "a", 1: "b" })',
    'Such an object has no methods of its own: read data.length and data[index], as the article does with len(self.data) and self.data[self.current_index].');
});

test('nested loops over one Data share its position: Data([1, 2]) gives 2 pairs, not 4', () => {
  const Data = learner.get('Data');
  const d = new Data([1, 2]);
  const pairs: [number, number][] = [];
  let inner = 0;
  for (const a of d) {
    for (const b of d) {
      pairs[pairs.length] = [a, b];
      if (++inner > MAX) fail(`the inner loop of the nested loops over new Data([1, 2]) went past ${MAX} values (${show(pairs)}). ${NEVER_DONE_HINT}`);
    }
    if (pairs.length > MAX) break;
  }
  equal(pairs, [[1, 1], [1, 2]], 'the pairs of `for (const a of d) for (const b of d)` over d = new Data([1, 2])',
    pairs.length === 4
      ? 'Four pairs means each loop got its own iterator. Data is its own iterator: [Symbol.iterator]() rewinds the one shared position and returns this, so the inner loop uses up the outer loop\'s values too, exactly like the article\'s Python (which prints [(1, 1), (1, 2)]). An iterable that hands out a fresh iterator each time is exercise 02.'
      : 'Python gives [(1, 1), (1, 2)] here: the inner loop calls __iter__, which rewinds the one shared position and returns self, and then uses up every value, so the outer loop ends after its first value.');
});

test('undefined and other falsy values inside the data are values, not the end', () => {
  const Data = learner.get('Data');
  equal(forOf(new Data<unknown>([0, undefined, null, '', false]), 'for…of over new Data([0, undefined, null, "", false])'),
    [0, undefined, null, '', false], 'the values of for…of over new Data([0, undefined, null, "", false])',
    'Decide the end by comparing the position with data.length, never by looking at the value: undefined can be data.');
  const d = new Data<string | undefined>(['x', undefined]);
  equal([step(d, 'next() call 1'), step(d, 'next() call 2'), step(d, 'next() call 3')], [valueStep('x'), valueStep(undefined), DONE],
    'three next() calls on new Data(["x", undefined])',
    'The second call must say done: false with value undefined; only the third is past the end.');
  const holes: ArrayLike<string> = { length: 3, 0: 'a', 2: 'c' };
  equal(forOf(new Data(holes), 'for…of over new Data({ length: 3, 0: "a", 2: "c" })'), ['a', undefined, 'c'],
    'the values of for…of over new Data({ length: 3, 0: "a", 2: "c" })', 'Index 1 is missing, so its value is undefined, but the length says there are three.');
});

test('two Data objects keep separate positions', () => {
  const Data = learner.get('Data');
  const first = new Data([1, 2, 3]);
  const second = new Data([7, 8, 9]);
  const steps = [step(first, 'first.next()'), step(first, 'first.next()'), step(second, 'second.next()'), step(first, 'first.next()'), step(second, 'second.next()')];
  equal(steps, [valueStep(1), valueStep(2), valueStep(7), valueStep(3), valueStep(8)],
    'first.next(), first.next(), second.next(), first.next(), second.next() with first = new Data([1, 2, 3]) and second = new Data([7, 8, 9])',
    steps[0]?.done === false && steps[2]?.value !== 7
      ? 'The second Data did not start at its own first value: keep the data and the position on the object (this.…), not in a variable shared by every Data.'
      : undefined);
});

test('a Data object has next() and [Symbol.iterator]() on it, so it is an iterable iterator', () => {
  const Data = learner.get('Data');
  const d = new Data(['only']);
  ok(typeof (d as Partial<Iterator<string>>).next === 'function', `new Data(["only"]) must have a next() method, got ${show((d as Partial<Iterator<string>>).next)}.`);
  ok(typeof (d as Partial<Iterable<string>>)[Symbol.iterator] === 'function',
    `new Data(["only"]) must have a [Symbol.iterator]() method (Python's __iter__), got ${show((d as Partial<Iterable<string>>)[Symbol.iterator])}.`);
  equal(step(d, 'next() call 1'), valueStep('only'), 'the first next() call on new Data(["only"])');
});
