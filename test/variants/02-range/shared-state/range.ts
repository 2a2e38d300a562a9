// expect: loses "nested loops over one Range give every pair"
// expect: loses "each [Symbol.iterator]() call returns a new, independent iterator"
// The article's Data pattern: the Range is its own iterator, and [Symbol.iterator]() resets it.
export class Range implements IterableIterator<number> {
  readonly start: number;
  readonly stop: number;
  readonly step: number;
  private current: number;

  constructor(stop: number);
  constructor(start: number, stop: number, step?: number);
  constructor(startOrStop: number, stop?: number, step: number = 1) {
    for (const n of [startOrStop, stop ?? 0, step]) {
      if (!Number.isInteger(n)) throw new TypeError(`${n} is not an integer`);
    }
    if (step === 0) throw new RangeError('step must not be zero');
    this.start = stop === undefined ? 0 : startOrStop;
    this.stop = stop === undefined ? startOrStop : stop;
    this.step = step;
    this.current = this.start;
  }

  get length(): number {
    return Math.max(0, Math.ceil((this.stop - this.start) / this.step));
  }

  next(): IteratorResult<number, undefined> {
    if (this.step > 0 ? this.current < this.stop : this.current > this.stop) {
      const value = this.current;
      this.current += this.step;
      return { done: false, value };
    }
    return { done: true, value: undefined };
  }

  [Symbol.iterator](): this {
    this.current = this.start;
    return this;
  }
}
