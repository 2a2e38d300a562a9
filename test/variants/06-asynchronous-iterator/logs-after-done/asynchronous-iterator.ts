// expect: loses "once done, next() resolves done at once, with no delay and no log"
// A literal port of __anext__ with no memory of having finished: every call after done waits
// again and logs "get next element 4", "get next element 5"…
export interface Options {
  delayMs?: number;
  log?: (line: string) => void;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export class AsynchronousIterator implements AsyncIterableIterator<number> {
  private current = 0;
  private readonly delayMs: number;
  private readonly log: (line: string) => void;

  constructor(private readonly n: number, options: Options = {}) {
    if (!Number.isInteger(n) || n < 0) throw new RangeError(`bad n: ${n}`);
    this.delayMs = options.delayMs ?? 1000;
    this.log = options.log ?? ((line) => console.log(line));
  }

  [Symbol.asyncIterator](): this {
    return this;
  }

  async next(): Promise<IteratorResult<number, undefined>> {
    await sleep(this.delayMs);
    this.log(`get next element ${this.current}`);
    this.current += 1;
    if (this.current > this.n) {
      return { done: true, value: undefined };
    }
    return { done: false, value: this.current - 1 };
  }
}

export async function main(n = 3, options?: Options): Promise<void> {
  const log = options?.log ?? ((line: string) => console.log(line));
  for await (const i of new AsynchronousIterator(n, options)) {
    log(`next element ${i}`);
  }
}
