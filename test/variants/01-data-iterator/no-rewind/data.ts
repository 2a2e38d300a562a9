// expect: loses "starts again at the first value, even halfway through"
// [Symbol.iterator]() returns this but forgets the article's `self.current_index = 0`.
export class Data<T> implements IterableIterator<T> {
  private index = 0;
  constructor(private readonly data: ArrayLike<T>) {}

  [Symbol.iterator](): this {
    return this;
  }

  next(): IteratorResult<T, undefined> {
    if (this.index < this.data.length) {
      return { done: false, value: this.data[this.index++] as T };
    }
    return { done: true, value: undefined };
  }
}
