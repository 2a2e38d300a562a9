/**
 * Exercise 05-cleanup: a LineReader that always closes its source.
 *
 * A LineSource is like an open file: readLine() gives the next line (null at the end) and
 * close() must be called exactly once when we are finished with it, however the loop over the
 * LineReader ends: the lines run out, `break`, an exception in the loop body, destructuring
 * (`const [first] = reader`), a manual return(), or readLine() itself throwing (then close, and
 * let the very same error reach the caller). Once closed, next() is done and reads nothing.
 *
 * Read the lesson: npx workbook lesson 05-cleanup
 * Stuck?           npx workbook hint 05-cleanup
 * Check your work: npx workbook run 05-cleanup
 */

/** Something that hands out lines and must be closed afterwards (a file, a socket, a cursor). */
export interface LineSource {
  /** The next line, or null at the end. May throw (a read error). */
  readLine(): string | null;
  close(): void;
}

export class LineReader implements IterableIterator<string> {
  constructor(private readonly source: LineSource) {}

  /** True once the source has been closed, on any path. */
  get closed(): boolean {
    throw new Error('TODO: closed: report whether the source has been closed (keep a private flag).');
  }

  /** Reads one line: { done: false, value: line }, or at the end (null) closes and is done. */
  next(): IteratorResult<string, undefined> {
    throw new Error('TODO: next: read one line with this.source.readLine(); null means close and return done.');
  }

  /** for…of calls this on break or an exception, destructuring when it stops early. */
  return(value?: unknown): IteratorReturnResult<unknown> {
    throw new Error('TODO: return: close the source (only once) and return { done: true, value }.');
  }

  [Symbol.iterator](): this {
    throw new Error('TODO: [Symbol.iterator]: a LineReader is its own iterator.');
  }
}
