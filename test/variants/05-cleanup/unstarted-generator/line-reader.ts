// expect: loses "return() before any next() closes the source"
// Wraps a generator with try/finally and forwards next() and return() to it. It closes on every
// path but one: return() on a generator that never started does not run its body at all, so the
// finally block (and the close) is skipped when return() comes before the first next().
export interface LineSource {
  readLine(): string | null;
  close(): void;
}

export class LineReader implements IterableIterator<string> {
  #closed = false;
  readonly #lines: Generator<string, undefined, undefined>;

  constructor(source: LineSource) {
    const reader = this;
    this.#lines = (function* () {
      try {
        for (let line = source.readLine(); line !== null; line = source.readLine()) yield line;
        return undefined;
      } finally {
        reader.#closed = true;
        source.close();
      }
    })();
  }

  get closed(): boolean {
    return this.#closed;
  }

  next(): IteratorResult<string, undefined> {
    return this.#lines.next();
  }

  return(value?: unknown): IteratorReturnResult<unknown> {
    this.#lines.return(undefined);
    return { done: true, value };
  }

  [Symbol.iterator](): this {
    return this;
  }
}
