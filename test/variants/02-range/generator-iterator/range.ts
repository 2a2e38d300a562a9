// expect: full
// Written another way: the iterator is a generator (each call of a generator method makes a new,
// independent generator object, which is its own iterator and stays finished once done).
export class Range implements Iterable<number> {
  readonly start: number;
  readonly stop: number;
  readonly step: number;

  constructor(stop: number);
  constructor(start: number, stop: number, step?: number);
  constructor(...given: number[]) {
    // new Range(0, 5, undefined) means the default step, as with a default parameter.
    const args = given.length === 3 && given[2] === undefined ? given.slice(0, 2) : given;
    if (args.length < 1 || args.length > 3) throw new TypeError(`Range expects 1 to 3 arguments, got ${args.length}`);
    for (const n of args) {
      if (!Number.isInteger(n)) throw new TypeError(`${String(n)} cannot be interpreted as an integer`);
    }
    const [start, stop, step] = args.length === 1 ? [0, args[0], 1] : [args[0], args[1], args[2] ?? 1];
    if (step === 0) throw new RangeError('Range() arg 3 must not be zero');
    this.start = start;
    this.stop = stop;
    this.step = step;
  }

  get length(): number {
    return Math.max(0, Math.ceil((this.stop - this.start) / this.step));
  }

  *[Symbol.iterator](): Generator<number, void, undefined> {
    const { start, step } = this;
    const count = this.length;
    for (let i = 0; i < count; i++) yield start + i * step;
  }
}
