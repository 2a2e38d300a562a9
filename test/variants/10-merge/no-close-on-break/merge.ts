// expect: loses "a consumer break closes every unfinished source"
// expect: loses "break runs the finally blocks of async generator sources"
// Right while it runs to the end, but has no finally: break (return()) leaves the sources open.
export async function* merge<T>(...sources: AsyncIterable<T>[]): AsyncGenerator<T, void> {
  const iterators = sources.map((source) => source[Symbol.asyncIterator]());
  const pending = new Map<number, Promise<{ index: number; result: IteratorResult<T> }>>();
  const ask = (index: number) =>
    pending.set(index, (iterators[index] as AsyncIterator<T>).next().then((result) => ({ index, result })));
  iterators.forEach((_, index) => ask(index));
  while (pending.size > 0) {
    const { index, result } = await Promise.race(pending.values());
    pending.delete(index);
    if (result.done) continue;
    yield result.value;
    ask(index);
  }
}
