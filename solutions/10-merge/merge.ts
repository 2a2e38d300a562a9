/**
 * 10-merge — reference solution.
 *
 * Every unfinished source has exactly one next() in flight; Promise.race picks whichever
 * settles first. A source is asked again only after its value has been handed to the consumer,
 * so no source ever has two next() calls pending and its own order is kept. Values that settle
 * at the same moment are not lost: each source's promise stays in `pending` until it is taken.
 */
type Settled<T> =
  | { index: number; result: IteratorResult<T> }
  | { index: number; error: unknown };

export async function* merge<T>(...sources: AsyncIterable<T>[]): AsyncGenerator<T, void> {
  const iterators = sources.map((source) => source[Symbol.asyncIterator]());
  const pending = new Map<number, Promise<Settled<T>>>();
  const ask = (index: number) => {
    const iterator = iterators[index] as AsyncIterator<T>;
    let step: Promise<IteratorResult<T>>;
    try {
      step = Promise.resolve(iterator.next());
    } catch (error) {
      step = Promise.reject(error); // a next() that throws instead of rejecting
    }
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
