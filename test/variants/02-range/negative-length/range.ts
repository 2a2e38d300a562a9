// expect: loses "length matches Python len() for a negative step"
// length divides by the absolute step, so a range counting down gets length 0.
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
    return Math.max(0, Math.ceil((this.stop - this.start) / Math.abs(this.step)));
  }

  *[Symbol.iterator](): IterableIterator<number> {
    for (let v = this.start; this.step > 0 ? v < this.stop : v > this.stop; v += this.step) yield v;
  }
}
