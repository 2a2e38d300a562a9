// expect: loses "lines are read one at a time, only when asked for"
// expect: loses "array destructuring const [first] = reader closes the source"
// expect: loses "break out of for…of closes the source"
// expect: loses "return() before any next() closes the source"
// expect: loses "when readLine() throws, the source is closed and the same error reaches the loop"
// expect: loses "after readLine() threw, next() is done and reads nothing more"
// Peeks: keeps the following line in hand so that it knows whether there is another, reading
// the first one in the constructor. The source loses a line the loop never asked for, and a read
// error surfaces one line early.
export interface LineSource {
  readLine(): string | null;
  close(): void;
}

export class LineReader implements IterableIterator<string> {
  #closed = false;
  #upcoming: string | null;

  constructor(private readonly source: LineSource) {
    this.#upcoming = source.readLine();
  }

  get closed(): boolean {
    return this.#closed;
  }

  next(): IteratorResult<string, undefined> {
    if (this.#closed || this.#upcoming === null) {
      this.return();
      return { done: true, value: undefined };
    }
    const line = this.#upcoming;
    try {
      this.#upcoming = this.source.readLine();
    } catch (error) {
      this.return();
      throw error;
    }
    return { done: false, value: line };
  }

  return(value?: unknown): IteratorReturnResult<unknown> {
    if (!this.#closed) {
      this.#closed = true;
      this.source.close();
    }
    return { done: true, value };
  }

  [Symbol.iterator](): this {
    return this;
  }
}
