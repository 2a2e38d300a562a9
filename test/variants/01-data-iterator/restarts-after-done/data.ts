// expect: loses "an exhausted Data stays exhausted"
// Rewinds by itself when it reaches the end "so the next loop works": the call after done
// starts over instead of staying done.
export class Data<T> implements IterableIterator<T> {
  private index = 0;
  constructor(private readonly data: ArrayLike<T>) {}

  [Symbol.iterator](): this {
    this.index = 0;
    return this;
  }

  next(): IteratorResult<T, undefined> {
    if (this.index < this.data.length) {
      return { done: false, value: this.data[this.index++] as T };
    }
    this.index = 0; // ready for the next loop
    return { done: true, value: undefined };
  }
}
