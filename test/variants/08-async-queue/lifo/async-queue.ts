// expect: loses "next() takes values first in, first out"
// expect: loses "pushes and next() calls interleaved keep first in, first out"
// Takes buffered values from the end of the array (pop): a stack, last in, first out.

type Waiter<T> = (result: IteratorResult<T, undefined>) => void;

export class AsyncQueue<T> implements AsyncIterableIterator<T> {
  private readonly buffer: T[] = [];
  private readonly waiters: Waiter<T>[] = [];
  private closed = false;

  /** Values pushed and not yet taken by a next(). */
  get size(): number {
    return this.buffer.length;
  }

  /** Hands `value` to the oldest pending next(), or keeps it for the next one to come. */
  push(value: T): void {
    if (this.closed) throw new Error('push() on a closed AsyncQueue');
    const waiter = this.waiters.shift();
    if (waiter) waiter({ done: false, value });
    else this.buffer.push(value);
  }

  /** No more pushes; what is buffered is still delivered, then every next() resolves done. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    // Waiters exist only while the buffer is empty, so they will never get a value.
    this.finishWaiters();
  }

  next(): Promise<IteratorResult<T, undefined>> {
    if (this.buffer.length > 0) return Promise.resolve({ done: false, value: this.buffer.pop() as T });
    if (this.closed) return Promise.resolve({ done: true, value: undefined });
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  /** Ends the queue at once: the buffer is dropped and every pending next() resolves done. */
  return(): Promise<IteratorResult<T, undefined>> {
    this.closed = true;
    this.buffer.length = 0;
    this.finishWaiters();
    return Promise.resolve({ done: true, value: undefined });
  }

  [Symbol.asyncIterator](): this {
    return this;
  }

  private finishWaiters(): void {
    for (const waiter of this.waiters.splice(0)) waiter({ done: true, value: undefined });
  }
}
