// expect: loses "a non-integer argument throws TypeError"
// Only checks that the arguments are numbers: 1.5, NaN and Infinity get through.
class RangeIterator implements IterableIterator<number> {
  private index = 0;
  constructor(private readonly start: number, private readonly step: number, private readonly count: number) {}

  next(): IteratorResult<number, undefined> {
    if (this.index >= this.count) return { done: true, value: undefined };
    return { done: false, value: this.start + this.step * this.index++ };
  }

  [Symbol.iterator](): this {
    return this;
  }
}

export class Range implements Iterable<number> {
  readonly start: number;
  readonly stop: number;
  readonly step: number;

  constructor(stop: number);
  constructor(start: number, stop: number, step?: number);
  constructor(startOrStop: number, stop?: number, step: number = 1) {
    for (const n of [startOrStop, stop ?? 0, step]) {
      if (typeof n !== 'number') throw new TypeError(`${String(n)} is not a number`);
    }
    if (step === 0) throw new RangeError('step must not be zero');
    this.start = stop === undefined ? 0 : startOrStop;
    this.stop = stop === undefined ? startOrStop : stop;
    this.step = step;
  }

  get length(): number {
    return Math.max(0, Math.ceil((this.stop - this.start) / this.step));
  }

  [Symbol.iterator](): IterableIterator<number> {
    return new RangeIterator(this.start, this.step, this.length);
  }
}
