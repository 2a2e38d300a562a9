// expect: loses "values come in arrival order across sources, earliest first"
// expect: loses "sources run at the same time: two sources of 3 × 100 ms take 300 ms, not 600"
// expect: loses "every source is asked for its first value at once"
// Drains source 1, then source 2, …: for await is one step at a time, so this is no merge at all.
export async function* merge<T>(...sources: AsyncIterable<T>[]): AsyncGenerator<T, void> {
  for (const source of sources) {
    yield* source;
  }
}
