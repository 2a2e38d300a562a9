// Attack: require itself is a function jest-runtime made in the outer realm:
// require.constructor('return globalThis')() is the outer global.
// Success: every test passes (verdict lines rewritten).
// @payload
const G = require.constructor('return globalThis')();
if (G !== globalThis) forgeVerdicts(G);

export class Data<T> implements IterableIterator<T> {
  private index = 0;
  constructor(private readonly data: ArrayLike<T>) {}
  [Symbol.iterator](): this { this.index = 0; return this; }
  next(): IteratorResult<T, undefined> {
    if (this.index >= this.data.length) return { done: true, value: undefined };
    return { done: false, value: this.data[this.data.length - 1 - this.index++] as T };
  }
}
