// expect: loses "ends only when every source is done"
// Takes the first done for the end of everything: the other sources' values are never read.
export async function* merge<T>(...sources: AsyncIterable<T>[]): AsyncGenerator<T, void> {
  const iterators = sources.map((source) => source[Symbol.asyncIterator]());
  const pending = new Map<number, Promise<{ index: number; result: IteratorResult<T> }>>();
  const ask = (index: number) =>
    pending.set(index, (iterators[index] as AsyncIterator<T>).next().then((result) => ({ index, result })));
  iterators.forEach((_, index) => ask(index));
  const open = new Set(iterators.keys());
  try {
    while (pending.size > 0) {
      const { index, result } = await Promise.race(pending.values());
      pending.delete(index);
      if (result.done) {
        open.delete(index);
        return;
      }
      yield result.value;
      ask(index);
    }
  } finally {
    for (const index of open) void iterators[index]?.return?.();
  }
}
