// expect: full
// Correct, written another way: next() delegates to a generator that [Symbol.iterator]()
// replaces with a fresh one. A finished generator keeps answering done by itself.
export class Data<T> implements IterableIterator<T> {
  readonly #data: ArrayLike<T>;
  #walk: Generator<T, undefined, undefined>;

  constructor(data: ArrayLike<T>) {
    this.#data = data;
    this.#walk = this.#values();
  }

  *#values(): Generator<T, undefined, undefined> {
    for (let i = 0; i < this.#data.length; i++) yield this.#data[i] as T;
    return undefined;
  }

  [Symbol.iterator](): this {
    this.#walk = this.#values();
    return this;
  }

  next(): IteratorResult<T, undefined> {
    return this.#walk.next();
  }
}
