/**
 * Reference solution for 05-cleanup: an iterator over the lines of a source that must be closed,
 * like a file. It closes the source exactly once, whichever way the iteration ends.
 */

/** Something that hands out lines and must be closed afterwards (a file, a socket, a cursor). */
export interface LineSource {
  /** The next line, or null at the end. May throw (a read error). */
  readLine(): string | null;
  close(): void;
}

export class LineReader implements IterableIterator<string> {
  #closed = false;

  constructor(private readonly source: LineSource) {}

  /** True once the source has been closed, on any path. */
  get closed(): boolean {
    return this.#closed;
  }

  next(): IteratorResult<string, undefined> {
    if (this.#closed) return { done: true, value: undefined };
    let line: string | null;
    try {
      line = this.source.readLine();
    } catch (error) {
      // for…of does not call return() when next() throws: closing is our job here.
      this.#close();
      throw error;
    }
    if (line === null) {
      this.#close();
      return { done: true, value: undefined };
    }
    return { done: false, value: line };
  }

  /** Called by for…of on break, on an exception in the loop body, and by destructuring. */
  return(value?: unknown): IteratorReturnResult<unknown> {
    this.#close();
    return { done: true, value };
  }

  [Symbol.iterator](): this {
    return this;
  }

  #close(): void {
    if (this.#closed) return;
    this.#closed = true;
    this.source.close();
  }
}
