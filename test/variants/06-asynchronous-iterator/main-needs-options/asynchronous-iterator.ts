// expect: loses "main() with no arguments at all, the article's own call"
// main destructures its options without a default: every call that passes options works, but the
// article's own call, main() with nothing, throws a TypeError before the first line.
/**
 * The article's `Asynchronous_Iterator`, ported.
 *
 *   Python                               TypeScript
 *   def __aiter__(self): return self     [Symbol.asyncIterator](): this
 *   async def __anext__(self): ...       async next(): Promise<IteratorResult<number, undefined>>
 *   raise StopAsyncIteration             return { done: true, value: undefined }
 *   await asyncio.sleep(1)               await new Promise((r) => setTimeout(r, 1000))
 *   async for i in it: ...               for await (const i of it) { ... }
 */

export interface Options {
  /** How long each next() waits before it answers (the article's asyncio.sleep(1)); default 1000. */
  delayMs?: number;
  /** Where the lines go; default console.log (the article's print). */
  log?: (line: string) => void;
}

/** Resolves after `ms` milliseconds: the TypeScript twin of `await asyncio.sleep(ms / 1000)`. */
function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

export class AsynchronousIterator implements AsyncIterableIterator<number> {
  private current = 0;
  /** Set once next() has said done, so that later calls answer at once. */
  private finished = false;
  private readonly n: number;
  private readonly delayMs: number;
  private readonly log: (line: string) => void;

  constructor(n: number, options: Options = {}) {
    if (!Number.isInteger(n) || n < 0) {
      throw new RangeError(`n must be a whole number of elements (0, 1, 2, …), got ${n}`);
    }
    this.n = n;
    this.delayMs = options.delayMs ?? 1000;
    // Read console.log now, not when the module loads, so a replaced console.log is used.
    this.log = options.log ?? ((line) => console.log(line));
  }

  /** Python's `__aiter__`: the iterator is its own async iterable. */
  [Symbol.asyncIterator](): this {
    return this;
  }

  /** Python's `__anext__`: wait, say what is being fetched, then hand it over or say done. */
  async next(): Promise<IteratorResult<number, undefined>> {
    // An exhausted iterator stays exhausted, and answers without waiting or logging again.
    if (this.finished) return { done: true, value: undefined };

    await sleep(this.delayMs);
    this.log(`get next element ${this.current}`);
    this.current += 1;
    if (this.current > this.n) {
      // The (n + 1)-th call: it waited and logged like the others, and now says done
      // (Python: raise StopAsyncIteration).
      this.finished = true;
      return { done: true, value: undefined };
    }
    return { done: false, value: this.current - 1 };
  }
}

/**
 * The article's `main()`. `for await` asks for one element, waits for it, runs the body, and
 * only then asks for the next one: the lines alternate, they are never batched.
 */
export async function main(n = 3, options?: Options): Promise<void> {
  // "options as Options" quiets the compiler, but main() passes no options at all.
  const { log = (line: string) => console.log(line) } = options as Options;
  for await (const i of new AsynchronousIterator(n, options)) {
    log(`next element ${i}`);
  }
}
