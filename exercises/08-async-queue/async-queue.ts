/**
 * Exercise 08: an async queue, where next() may be called many times before any value exists.
 *
 * Build AsyncQueue<T>: push(value) hands a value to the oldest waiting next() or buffers it;
 * next() takes the oldest buffered value or waits in line; close() ends it after the buffered
 * values; return() ends it at once. A hand-written async iterator must queue its own waiting
 * next() calls: an async function* would do that for you, this class cannot rely on it.
 *
 * Read the lesson: npx workbook lesson 08-async-queue
 * Stuck? npx workbook hint 08-async-queue
 */

export class AsyncQueue<T> implements AsyncIterableIterator<T> {
  /** How many pushed values are waiting to be taken by a next(). */
  get size(): number {
    throw new Error('TODO: return how many pushed values no next() has taken yet');
  }

  push(value: T): void {
    throw new Error('TODO: give the value to the oldest waiting next(), or buffer it; throw an Error once closed');
  }

  close(): void {
    throw new Error('TODO: refuse further pushes, resolve every waiting next() done, keep the buffered values');
  }

  next(): Promise<IteratorResult<T, undefined>> {
    throw new Error('TODO: resolve the oldest buffered value, or done once closed, or wait in line for a push');
  }

  return(): Promise<IteratorResult<T, undefined>> {
    throw new Error('TODO: end the queue now: drop the buffer and resolve every waiting next() done');
  }

  [Symbol.asyncIterator](): this {
    throw new Error('TODO: return this (the queue is its own async iterator, like __aiter__ returning self)');
  }
}
