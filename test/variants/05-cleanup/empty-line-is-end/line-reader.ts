// expect: loses "is a line: only null ends the lines"
// Tests for the end with `if (!line)`: an empty line "" is falsy too, so a blank line ends the
// reading early (and closes the source in the middle of the file).
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
    let line: string | null;
    try {
      line = this.source.readLine();
    } catch (error) {
      this.return();
      throw error;
    }
    if (!line) {
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
