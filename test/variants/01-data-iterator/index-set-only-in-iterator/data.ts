// expect: loses "next() before any [Symbol.iterator]() starts at the first value"
// A literal port of the article: the position is created in __iter__ only, so next() before
// any loop finds no position (undefined < length is false) and says done at once.
export class Data<T> implements IterableIterator<T> {
  private currentIndex!: number;
  constructor(private readonly data: ArrayLike<T>) {}

  [Symbol.iterator](): this {
    this.currentIndex = 0;
    return this;
  }

  next(): IteratorResult<T, undefined> {
    if (this.currentIndex < this.data.length) {
      const value = this.data[this.currentIndex] as T;
      this.currentIndex += 1;
      return { done: false, value };
    }
    return { done: true, value: undefined };
  }
}
