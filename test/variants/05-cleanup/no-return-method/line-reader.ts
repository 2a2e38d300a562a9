// expect: loses "break out of for…of closes the source"
// expect: loses "an exception in the loop body closes the source and still reaches the caller"
// expect: loses "array destructuring const [first] = reader closes the source"
// expect: loses "a manual return() closes the source"
// expect: loses "return() before any next() closes the source"
// expect: loses "return(value) gives back { done: true, value }"
// expect: loses "calling return() again, or after the end, closes nothing more"
// expect: loses "after return(), next() is done and reads nothing"
// expect: loses "closed is false while reading and true once the source is closed"
// expect: loses "after readLine() threw, next() is done and reads nothing more"
// Closes the source only when the lines run out and has no return() method: break, an exception
// in the loop body and destructuring leave the source open (for…of has no return() to call).
export interface LineSource {
  readLine(): string | null;
  close(): void;
}

export class LineReader implements IterableIterator<string> {
  closed = false;

  constructor(private readonly source: LineSource) {}

  next(): IteratorResult<string, undefined> {
    if (this.closed) return { done: true, value: undefined };
    let line: string | null;
    try {
      line = this.source.readLine();
    } catch (error) {
      this.closed = true;
      this.source.close();
      throw error;
    }
    if (line === null) {
      this.closed = true;
      this.source.close();
      return { done: true, value: undefined };
    }
    return { done: false, value: line };
  }

  [Symbol.iterator](): this {
    return this;
  }
}
