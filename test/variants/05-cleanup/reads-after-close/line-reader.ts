// expect: loses "after return(), next() is done and reads nothing"
// expect: loses "the source is closed exactly once when the lines run out"
// expect: loses "after readLine() threw, next() is done and reads nothing more"
// next() never looks at the closed flag: after return() (or after the end, or a failed read) it
// calls readLine() on a source that is already closed.
export interface LineSource {
  readLine(): string | null;
  close(): void;
}

export class LineReader implements IterableIterator<string> {
  closed = false;

  constructor(private readonly source: LineSource) {}

  next(): IteratorResult<string, undefined> {
    let line: string | null;
    try {
      line = this.source.readLine();
    } catch (error) {
      this.close();
      throw error;
    }
    if (line === null) {
      this.close();
      return { done: true, value: undefined };
    }
    return { done: false, value: line };
  }

  return(value?: unknown): IteratorReturnResult<unknown> {
    this.close();
    return { done: true, value };
  }

  [Symbol.iterator](): this {
    return this;
  }

  private close(): void {
    if (!this.closed) {
      this.closed = true;
      this.source.close();
    }
  }
}
