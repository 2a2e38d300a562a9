// expect: loses "when readLine() throws, the source is closed and the same error reaches the loop"
// expect: loses "after readLine() threw, next() is done and reads nothing more"
// When readLine() throws, next() closes the source and quietly reports done: the loop ends as if
// the file were complete, and nobody learns that lines are missing.
export interface LineSource {
  readLine(): string | null;
  close(): void;
}

export class LineReader implements IterableIterator<string> {
  #closed = false;

  constructor(private readonly source: LineSource) {}

  get closed(): boolean {
    return this.#closed;
  }

  next(): IteratorResult<string, undefined> {
    if (this.#closed) return { done: true, value: undefined };
    try {
      const line = this.source.readLine();
      if (line !== null) return { done: false, value: line };
    } catch {
      // a read error: treat it as the end of the lines
    }
    return this.return() as IteratorReturnResult<undefined>;
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
