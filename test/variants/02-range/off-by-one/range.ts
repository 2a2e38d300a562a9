// expect: loses "one argument counts from 0 up to, but not including, stop"
// Includes stop itself (`<=` instead of `<`): range(5) gives 0..5.
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
    const n = Math.ceil((this.stop - this.start) / this.step);
    return n > 0 ? n : 0;
  }

  [Symbol.iterator](): IterableIterator<number> {
    let current = this.start;
    const { stop, step } = this;
    const it: IterableIterator<number> = {
      next() {
        if (step > 0 ? current <= stop : current >= stop) {
          const value = current;
          current += step;
          return { done: false, value };
        }
        return { done: true, value: undefined };
      },
      [Symbol.iterator]() {
        return it;
      },
    };
    return it;
  }
}
