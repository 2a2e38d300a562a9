// expect: loses "calling return() again, or after the end, closes nothing more"
// expect: loses "after readLine() threw, next() is done and reads nothing more"
// return() closes the source every time it is called: a second return(), or a return() after the
// lines ran out, closes it again (a real file would complain, a pooled connection gets released twice).
export interface LineSource {
  readLine(): string | null;
  close(): void;
}

export class LineReader implements IterableIterator<string> {
  private isClosed = false;

  constructor(private readonly source: LineSource) {}

  get closed(): boolean {
    return this.isClosed;
  }

  next(): IteratorResult<string, undefined> {
    if (this.isClosed) return { done: true, value: undefined };
    let line: string | null;
    try {
      line = this.source.readLine();
    } catch (error) {
      this.return();
      throw error;
    }
    if (line === null) {
      this.return();
      return { done: true, value: undefined };
    }
    return { done: false, value: line };
  }

  return(value?: unknown): IteratorReturnResult<unknown> {
    this.source.close();
    this.isClosed = true;
    return { done: true, value };
  }

  [Symbol.iterator](): this {
    return this;
  }
}
