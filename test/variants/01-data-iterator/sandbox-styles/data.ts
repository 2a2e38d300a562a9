// expect: full
// Correct, in styles a sandbox could trip on: private #fields, a getter, a static counter,
// Symbol.toStringTag, and comments and strings that look like what SES refuses:
// import('fs') in a comment, an arrow --> and an HTML comment <!-- here.
const LOOKS_LIKE = ['import(', '-->', '<!--', 'import (x)'];

export class Data<T> implements IterableIterator<T> {
  static made = 0;
  #data: ArrayLike<T>;
  #index = 0;

  constructor(data: ArrayLike<T>) {
    this.#data = data;
    Data.made += 1;
  }

  get [Symbol.toStringTag](): string {
    return 'Data';
  }

  /** How many values are left (not part of the contract). */
  get remaining(): number {
    return Math.max(0, this.#data.length - this.#index);
  }

  [Symbol.iterator](): this {
    this.#index = 0;
    return this;
  }

  next(): IteratorResult<T, undefined> {
    /* a block comment with import ( and --> too */
    if (this.remaining === 0 || LOOKS_LIKE.length !== 4) return { done: true, value: undefined };
    return { done: false, value: this.#data[this.#index++] as T };
  }
}
