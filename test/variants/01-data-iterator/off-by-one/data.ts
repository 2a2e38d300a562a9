// expect: loses "gives its four values in order"
// Off by one: `<=` lets the position reach data.length, so one extra value (undefined) comes out.
export class Data<T> implements IterableIterator<T> {
  private index = 0;
  constructor(private readonly data: ArrayLike<T>) {}

  [Symbol.iterator](): this {
    this.index = 0;
    return this;
  }

  next(): IteratorResult<T, undefined> {
    if (this.index <= this.data.length) {
      const value = this.data[this.index] as T;
      this.index++;
      return { done: false, value };
    }
    return { done: true, value: undefined };
  }
}
