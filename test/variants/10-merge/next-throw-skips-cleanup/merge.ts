// expect: loses "a source whose first next() throws instead of rejecting"
// next() is assumed to return a promise: a source whose next() throws at once throws out of
// merge's first round of next() calls, which runs before the try block, so no source is closed.
// (A throw from a later next() happens inside the try, and the finally block closes the others.)
type Settled<T> =
  | { index: number; result: IteratorResult<T> }
  | { index: number; error: unknown };

export async function* merge<T>(...sources: AsyncIterable<T>[]): AsyncGenerator<T, void> {
  const iterators = sources.map((source) => source[Symbol.asyncIterator]());
  const pending = new Map<number, Promise<Settled<T>>>();
  const ask = (index: number) => {
    const iterator = iterators[index] as AsyncIterator<T>;
    const step = Promise.resolve(iterator.next());
    pending.set(
      index,
      step.then(
        (result): Settled<T> => ({ index, result }),
        (error: unknown): Settled<T> => ({ index, error }),
      ),
    );
  };
  /** Sources that are neither exhausted nor failed: the ones to close if we stop early. */
  const open = new Set<number>(iterators.keys());
  iterators.forEach((_, index) => ask(index));
  try {
    while (pending.size > 0) {
      const settled = await Promise.race(pending.values());
      pending.delete(settled.index);
      if ('error' in settled) {
        open.delete(settled.index);
        throw settled.error;
      }
      if (settled.result.done) {
        open.delete(settled.index);
        continue;
      }
      yield settled.result.value;
      ask(settled.index);
    }
  } finally {
    // Early exit (break, return(), an error): close every source that is still open. Their
    // return() promises are not awaited: a source stuck in a slow next() must not hold up
    // the consumer, and a failing return() must not hide the error that brought us here.
    for (const index of open) {
      const iterator = iterators[index] as AsyncIterator<T>;
      try {
        Promise.resolve(iterator.return?.()).catch(() => undefined);
      } catch {
        // a return() that throws: nothing more we can do for that source
      }
    }
  }
}
