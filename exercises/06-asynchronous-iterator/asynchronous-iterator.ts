/**
 * Exercise 06 — the asynchronous iterator (Python's __aiter__ and __anext__).
 *
 * Port the article's Asynchronous_Iterator(n):
 *   - each next() waits `delayMs` (setTimeout; default 1000), logs `get next element ${current}`,
 *     adds 1 to current, and resolves current - 1 while current <= n, else done;
 *   - once it has said done, next() resolves done at once: no wait, no log;
 *   - n negative or not a whole number throws RangeError;
 *   - main(n = 3, options) logs `next element ${i}` for each i of a `for await` loop, with the
 *     same log, so that main(3) prints the article's seven lines, interleaved.
 *
 * Read the lesson:  npx workbook lesson 06-asynchronous-iterator
 * Stuck?            npx workbook hint 06-asynchronous-iterator
 * Check your work:  npx workbook run 06-asynchronous-iterator
 */

export interface Options {
  /** How long each next() waits before it answers; default 1000. */
  delayMs?: number;
  /** Where the lines go; default console.log. */
  log?: (line: string) => void;
}

export class AsynchronousIterator implements AsyncIterableIterator<number> {
  constructor(n: number, options?: Options) {
    throw new Error('TODO: check n (RangeError unless a whole number ≥ 0), keep n, current = 0, the delay (default 1000) and the log (default console.log)');
  }

  [Symbol.asyncIterator](): this {
    throw new Error('TODO: return this (Python: __aiter__ returns self)');
  }

  async next(): Promise<IteratorResult<number, undefined>> {
    throw new Error('TODO: wait delayMs with setTimeout, log `get next element ${current}`, add 1, then resolve { done: false, value: current - 1 } or, past n, { done: true, value: undefined }');
  }
}

export async function main(n = 3, options?: Options): Promise<void> {
  throw new Error('TODO: for await over new AsynchronousIterator(n, options), logging `next element ${i}` with the same log');
}
