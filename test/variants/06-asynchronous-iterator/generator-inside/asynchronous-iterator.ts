// expect: full
// Correct, written another way: the class hands next() to an async generator made once.
// An async generator keeps answering done once it has returned, with no further work.
export interface Options {
  delayMs?: number;
  log?: (line: string) => void;
}

export class AsynchronousIterator implements AsyncIterableIterator<number> {
  readonly #steps: AsyncGenerator<number, undefined, undefined>;

  constructor(n: number, { delayMs = 1000, log }: Options = {}) {
    if (!Number.isSafeInteger(n) || n < 0) throw new RangeError(`n = ${n}`);
    const say = (line: string) => (log ?? console.log)(line);
    this.#steps = (async function* (): AsyncGenerator<number, undefined, undefined> {
      for (let current = 0; ; current++) {
        await new Promise((resolve) => setTimeout(resolve, delayMs));
        say(`get next element ${current}`);
        if (current >= n) return undefined;
        yield current;
      }
    })();
  }

  [Symbol.asyncIterator](): this {
    return this;
  }

  next(): Promise<IteratorResult<number, undefined>> {
    return this.#steps.next();
  }
}

export async function main(n = 3, options: Options = {}): Promise<void> {
  const iterator = new AsynchronousIterator(n, options);
  for await (const i of iterator) (options.log ?? console.log)(`next element ${i}`);
}
