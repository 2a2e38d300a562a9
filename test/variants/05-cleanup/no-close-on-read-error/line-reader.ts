// expect: loses "when readLine() throws, the source is closed and the same error reaches the loop"
// expect: loses "after readLine() threw, next() is done and reads nothing more"
// Closes on the end, break, exceptions in the loop body and return(), but not when readLine()
// itself throws: the error goes out of next(), for…of does not call return() for it, and the
// source stays open.
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
    const line = this.source.readLine();
    if (line === null) {
      this.return();
      return { done: true, value: undefined };
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
