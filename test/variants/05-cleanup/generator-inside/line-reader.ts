// expect: full
// Correct, written another way: the reading is a generator with try/finally, and the class
// forwards next() and return() to it. The "closed" state is the source reference itself (null
// once closed). return() also closes directly, because a generator that never started skips
// its finally block when return() is called.
export interface LineSource {
  readLine(): string | null;
  close(): void;
}

export class LineReader implements IterableIterator<string> {
  #source: LineSource | null;
  readonly #lines: Generator<string, undefined, undefined>;

  constructor(source: LineSource) {
    this.#source = source;
    this.#lines = this.#read(source);
  }

  get closed(): boolean {
    return this.#source === null;
  }

  *#read(source: LineSource): Generator<string, undefined, undefined> {
    try {
      for (;;) {
        const line = source.readLine();
        if (line === null) return undefined;
        yield line;
      }
    } finally {
      this.#shut();
    }
  }

  next(): IteratorResult<string, undefined> {
    return this.#lines.next();
  }

  return(value?: unknown): IteratorReturnResult<unknown> {
    this.#lines.return(undefined);
    this.#shut();
    return { done: true, value };
  }

  [Symbol.iterator](): this {
    return this;
  }

  #shut(): void {
    const source = this.#source;
    this.#source = null;
    source?.close();
  }
}
