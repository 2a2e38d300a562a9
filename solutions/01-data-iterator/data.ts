/**
 * The article's `Data` class, ported: an object that is its own iterator.
 *
 *   Python                          TypeScript
 *   def __iter__(self): ...         [Symbol.iterator](): this
 *   def __next__(self): ...         next(): IteratorResult<T, undefined>
 *   raise StopIteration             return { done: true, value: undefined }
 */
export class Data<T> implements IterableIterator<T> {
  /** The values to walk over: an array, a string, or any { length, 0, 1, … } object. */
  private readonly data: ArrayLike<T>;
  /** Where the next value comes from. Starting at 0 here lets next() work before any loop. */
  private index = 0;

  constructor(data: ArrayLike<T>) {
    this.data = data; // the line the article lost: `self.data = data`
  }

  /**
   * Python's `__iter__`: rewind and hand back this very object. Every `for…of`, spread or
   * `Array.from` calls it first, so each of them starts from the first value. Because there is
   * only one position, two loops over the same Data at once share it (see the lesson).
   */
  [Symbol.iterator](): this {
    this.index = 0;
    return this;
  }

  /**
   * Python's `__next__`: the value at the current position, then step forward. Past the end it
   * says `done` (Python raises StopIteration) and, since the position is no longer moved, it
   * keeps saying `done` on every later call.
   */
  next(): IteratorResult<T, undefined> {
    if (this.index < this.data.length) {
      // Compare with the length, never with the value: `undefined` inside the data is a value.
      const value = this.data[this.index] as T;
      this.index += 1;
      return { done: false, value };
    }
    return { done: true, value: undefined };
  }
}
