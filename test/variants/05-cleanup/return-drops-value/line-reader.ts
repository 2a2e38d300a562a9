// expect: loses "return(value) gives back { done: true, value }"
// return(value) closes correctly but always answers { done: true, value: undefined }, dropping the
// value it was given.
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
    if (line === null) return this.return();
    return { done: false, value: line };
  }

  return(): IteratorReturnResult<undefined> {
    if (!this.#closed) {
      this.#closed = true;
      this.source.close();
    }
    return { done: true, value: undefined };
  }

  [Symbol.iterator](): this {
    return this;
  }
}
