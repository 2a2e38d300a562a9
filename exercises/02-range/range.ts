/**
 * Exercise 02-range: Python's range as a TypeScript iterable.
 *
 * Build `Range`, which behaves exactly like Python's `range`:
 *   new Range(stop)                  // 0, 1, …, stop - 1
 *   new Range(start, stop, step = 1) // start, start + step, … up to (not including) stop
 * - `start`, `stop`, `step` are readonly fields holding the range's three numbers
 *   (`new Range(5)` has start 0, stop 5, step 1).
 * - `length` is Python's `len(range(...))`: work it out with arithmetic, never by looping.
 * - `[Symbol.iterator]()` returns a NEW iterator on every call (Python's range_iterator):
 *   the Range is the iterable, not the iterator. Each iterator's own `[Symbol.iterator]()`
 *   returns that iterator, and once it has said `done: true` it keeps saying it.
 * - A step of 0 throws RangeError; a non-integer argument (1.5, NaN, Infinity) throws TypeError.
 * - Lazy: `new Range(0, 1e15)` must hand out its first numbers at once.
 *
 * Read the lesson: npx workbook lesson 02-range      Stuck? npx workbook hint 02-range
 * Check your work: npx workbook run 02-range
 */

export class Range implements Iterable<number> {
  readonly start: number;
  readonly stop: number;
  readonly step: number;

  constructor(stop: number);
  constructor(start: number, stop: number, step?: number);
  constructor(startOrStop: number, stop?: number, step: number = 1) {
    throw new Error('TODO: store start, stop and step as Python\'s range does (one argument means start 0, step 1); throw TypeError for non-integers and RangeError for step 0');
  }

  get length(): number {
    throw new Error('TODO: return len(range(start, stop, step)), computed with arithmetic (0 for an empty range)');
  }

  [Symbol.iterator](): IterableIterator<number> {
    throw new Error('TODO: return a NEW iterator each call, with its own position, whose own [Symbol.iterator]() returns itself');
  }
}
