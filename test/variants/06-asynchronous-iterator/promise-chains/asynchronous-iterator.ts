// expect: full
// Correct, written without async/await: explicit promise chains, and a recursive step in main.
export interface Options {
  delayMs?: number;
  log?: (line: string) => void;
}

export class AsynchronousIterator implements AsyncIterableIterator<number> {
  private current = 0;
  private finished = false;
  private readonly n: number;
  private readonly options: Options;

  constructor(n: number, options?: Options) {
    if (n < 0 || n % 1 !== 0 || Number.isNaN(n)) throw new RangeError('n must be a whole number ≥ 0');
    this.n = n;
    this.options = options ?? {};
  }

  [Symbol.asyncIterator](): this {
    return this;
  }

  next(): Promise<IteratorResult<number, undefined>> {
    if (this.finished) return Promise.resolve({ done: true, value: undefined });
    const delay = this.options.delayMs === undefined ? 1000 : this.options.delayMs;
    return new Promise<void>((resolve) => {
      setTimeout(resolve, delay);
    })
      .then(() => {
        (this.options.log || console.log)('get next element ' + this.current);
        this.current++;
      })
      .then((): IteratorResult<number, undefined> => {
        if (this.current <= this.n) return { done: false, value: this.current - 1 };
        this.finished = true;
        return { done: true, value: undefined };
      });
  }
}

export function main(n = 3, options?: Options): Promise<void> {
  return Promise.resolve().then(() => {
    const it = new AsynchronousIterator(n, options);
    const log = (options && options.log) || console.log;
    const step = (): Promise<void> =>
      it.next().then((r) => {
        if (r.done) return;
        log('next element ' + r.value);
        return step();
      });
    return step();
  });
}
