// expect: loses "undefined and other falsy values inside the data are values"
// Takes an undefined value for the end of the data.
export class Data<T> implements IterableIterator<T> {
  private index = 0;
  constructor(private readonly data: ArrayLike<T>) {}

  [Symbol.iterator](): this {
    this.index = 0;
    return this;
  }

  next(): IteratorResult<T, undefined> {
    const value = this.data[this.index];
    if (value === undefined) return { done: true, value: undefined };
    this.index++;
    return { done: false, value };
  }
}
