// expect: loses "then { done: true, value: undefined }"
// Never done: forgets Python's `raise StopIteration` and just keeps reading past the end.
export class Data<T> implements IterableIterator<T> {
  private index = 0;
  constructor(private readonly data: ArrayLike<T>) {}

  [Symbol.iterator](): this {
    this.index = 0;
    return this;
  }

  next(): IteratorResult<T, undefined> {
    const value = this.data[this.index] as T;
    this.index++;
    return { done: false, value };
  }
}
