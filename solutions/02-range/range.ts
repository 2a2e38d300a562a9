/**
 * Range: Python's range in TypeScript. The Range is an iterable (Python's `range`): it only
 * describes the numbers. Each `[Symbol.iterator]()` call hands out a new RangeIterator (Python's
 * `range_iterator`) that keeps its own position, so two loops over one Range never disturb each
 * other.
 */

function checkInteger(value: number, name: string): void {
  if (typeof value !== 'number' || !Number.isInteger(value)) {
    throw new TypeError(`Range: ${name} must be an integer, got ${String(value)}`);
  }
}

/** The iterator: one position in one pass over a Range. */
class RangeIterator implements IterableIterator<number> {
  private index = 0;

  constructor(
    private readonly start: number,
    private readonly step: number,
    private readonly count: number,
  ) {}

  next(): IteratorResult<number, undefined> {
    // index only grows, and never past count: once done, always done.
    if (this.index >= this.count) return { done: true, value: undefined };
    const value = this.start + this.index * this.step;
    this.index++;
    return { done: false, value };
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
    if (stop === undefined) {
      checkInteger(startOrStop, 'stop');
      this.start = 0;
      this.stop = startOrStop;
    } else {
      checkInteger(startOrStop, 'start');
      checkInteger(stop, 'stop');
      this.start = startOrStop;
      this.stop = stop;
    }
    checkInteger(step, 'step');
    if (step === 0) throw new RangeError('Range: step must not be zero');
    this.step = step;
  }

  /** Python's len(range(...)): how many numbers a pass yields, computed without iterating. */
  get length(): number {
    const { start, stop, step } = this;
    if (step > 0) return start < stop ? Math.floor((stop - start - 1) / step) + 1 : 0;
    return start > stop ? Math.floor((start - stop - 1) / -step) + 1 : 0;
  }

  [Symbol.iterator](): IterableIterator<number> {
    return new RangeIterator(this.start, this.step, this.length);
  }
}
