// expect: loses "two Data objects keep separate positions"
// The position lives in a module variable, so every Data object moves the same one.
let index = 0;

export class Data<T> implements IterableIterator<T> {
  constructor(private readonly data: ArrayLike<T>) {
    index = 0;
  }

  [Symbol.iterator](): this {
    index = 0;
    return this;
  }

  next(): IteratorResult<T, undefined> {
    if (index < this.data.length) {
      return { done: false, value: this.data[index++] as T };
    }
    return { done: true, value: undefined };
  }
}
