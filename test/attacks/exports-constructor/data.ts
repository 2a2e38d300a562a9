// Attack: the module's own exports object is made by jest-runtime in the outer realm, so
// exports.constructor.constructor is the outer Function.
// Success: every test passes (verdict lines rewritten).
declare const exports: any;
// @payload
const G = exports.constructor.constructor('return globalThis')();
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
