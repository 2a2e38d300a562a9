// expect: loses "returns the Data object itself"
// expect: loses "nested loops over one Data share its position"
// Hands out a fresh Data from [Symbol.iterator]() instead of `this`: every loop gets its own
// position, so nested loops give 4 pairs where the article's Python gives 2.
export class Data<T> implements IterableIterator<T> {
  private index = 0;
  constructor(private readonly data: ArrayLike<T>) {}

  [Symbol.iterator](): this {
    return new Data<T>(this.data) as this;
  }

  next(): IteratorResult<T, undefined> {
    if (this.index < this.data.length) {
      return { done: false, value: this.data[this.index++] as T };
    }
    return { done: true, value: undefined };
  }
}
