/**
 * Exercise 01 — the Data iterator (Python's __iter__ and __next__).
 *
 * Build `Data`, an object that is its own iterator over an array, a string or any ArrayLike:
 *   - `next()` gives `{ done: false, value }` for each value in order, then
 *     `{ done: true, value: undefined }` on that call and on every later call;
 *   - `[Symbol.iterator]()` starts again at the first value and returns `this`;
 *   - `next()` works before any `[Symbol.iterator]()` call, starting at the first value.
 *
 * Read the lesson:  npx workbook lesson 01-data-iterator
 * Stuck?            npx workbook hint 01-data-iterator
 * Check your work:  npx workbook run 01-data-iterator
 */
export class Data<T> implements IterableIterator<T> {
  constructor(data: ArrayLike<T>) {
    throw new Error('TODO: keep `data` in a field and start a position (an index) at 0');
  }

  [Symbol.iterator](): this {
    throw new Error('TODO: put the position back to 0 and return this (Python: __iter__ returns self)');
  }

  next(): IteratorResult<T, undefined> {
    throw new Error('TODO: return { done: false, value } for the value at the position and move on; past the end return { done: true, value: undefined } (Python: raise StopIteration)');
  }
}
