// expect: loses "an exhausted iterator stays exhausted, while the Range can be looped again"
// The iterator rewinds when it reaches the end, "so it can be used again".
class RangeIterator implements IterableIterator<number> {
  private index = 0;
  constructor(private readonly start: number, private readonly step: number, private readonly count: number) {}

  next(): IteratorResult<number, undefined> {
    if (this.index >= this.count) {
      this.index = 0;
      return { done: true, value: undefined };
    }
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
      if (!Number.isInteger(n)) throw new TypeError(`${n} is not an integer`);
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
