// expect: loses "never more than one next() pending on a source"
// expect: loses "each source's own order is kept"
// Races a fresh next() of every source each round: the losers' earlier next() calls are still
// pending, so a source is asked again before its previous value was taken (and those values are lost).
export async function* merge<T>(...sources: AsyncIterable<T>[]): AsyncGenerator<T, void> {
  const iterators = sources.map((source) => source[Symbol.asyncIterator]());
  const live = new Set(iterators.keys());
  try {
    while (live.size > 0) {
      const { index, result } = await Promise.race(
        [...live].map((index) => (iterators[index] as AsyncIterator<T>).next().then((result) => ({ index, result }))),
      );
      if (result.done) {
        live.delete(index);
        continue;
      }
      yield result.value;
    }
  } finally {
    for (const index of live) void iterators[index]?.return?.();
  }
}
