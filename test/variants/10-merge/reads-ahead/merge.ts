// expect: loses "while the consumer is busy, arrived values wait for it and their sources are not asked again"
// One pump per source reads it as fast as it answers into a shared queue: never two next() calls
// pending on a source, but it asks again before the consumer took the previous value, so a slow
// consumer ends up with everything buffered in memory.
export async function* merge<T>(...sources: AsyncIterable<T>[]): AsyncGenerator<T, void> {
  const iterators = sources.map((source) => source[Symbol.asyncIterator]());
  const queue: T[] = [];
  const open = new Set(iterators.keys());
  let failure: { error: unknown } | undefined;
  let stopped = false;
  let wake: (() => void) | undefined;
  const notify = () => {
    const w = wake;
    wake = undefined;
    w?.();
  };
  iterators.forEach(async (it, index) => {
    try {
      while (!stopped) {
        const result = await it.next();
        if (result.done || stopped) break;
        queue.push(result.value);
        notify();
      }
    } catch (error) {
      failure ??= { error };
    }
    open.delete(index);
    notify();
  });
  try {
    for (;;) {
      if (queue.length > 0) {
        yield queue.shift() as T;
        continue;
      }
      if (failure) throw failure.error;
      if (open.size === 0) return;
      await new Promise<void>((resolve) => (wake = resolve));
    }
  } finally {
    stopped = true;
    for (const index of open) void iterators[index]?.return?.();
  }
}
