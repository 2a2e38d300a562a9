// expect: loses "a negative step counts down and stops before reaching stop"
// The loop condition only knows how to count up, so every range with a negative step is empty.
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

  *[Symbol.iterator](): IterableIterator<number> {
    for (let v = this.start; v < this.stop; v += this.step) yield v;
  }
}
