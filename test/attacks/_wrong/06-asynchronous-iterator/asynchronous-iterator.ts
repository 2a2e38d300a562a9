// The plain wrong 06 every 06 attack is built on: main prints with console.log even when a log
// option is given (test/variants/06-asynchronous-iterator/main-ignores-log).
export interface Options {
  delayMs?: number;
  log?: (line: string) => void;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export class AsynchronousIterator implements AsyncIterableIterator<number> {
  private current = 0;
  private finished = false;
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
    if (this.finished) return { done: true, value: undefined };
    await sleep(this.delayMs);
    this.log(`get next element ${this.current}`);
    this.current += 1;
    if (this.current > this.n) {
      this.finished = true;
      return { done: true, value: undefined };
    }
    return { done: false, value: this.current - 1 };
  }
}

export async function main(n = 3, options?: Options): Promise<void> {
  for await (const i of new AsynchronousIterator(n, options)) {
    console.log(`next element ${i}`);
  }
}
