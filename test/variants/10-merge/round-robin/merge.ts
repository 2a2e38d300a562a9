// expect: loses "values come in arrival order across sources, earliest first"
// expect: loses "a fast source is not held back by a slow one"
// Asks every source at once, but waits for all of them each round and hands the values out
// source by source: one from each in turn, not in the order they arrived.
export async function* merge<T>(...sources: AsyncIterable<T>[]): AsyncGenerator<T, void> {
  let live = sources.map((source) => source[Symbol.asyncIterator]());
  try {
    while (live.length > 0) {
      const results = await Promise.all(live.map((it) => it.next()));
      const still: AsyncIterator<T>[] = [];
      for (let i = 0; i < results.length; i++) {
        const result = results[i] as IteratorResult<T>;
        if (result.done) continue;
        still.push(live[i] as AsyncIterator<T>);
        yield result.value;
      }
      live = still;
    }
  } finally {
    for (const it of live) void it.return?.();
  }
}
