// expect: loses "values that arrive at the same moment are all handed out, none dropped"
// expect: loses "while the consumer is busy, arrived values wait for it and their sources are not asked again"
// One pump per source writes into a single slot and wakes the consumer; when two values arrive
// before the consumer takes the first, the second overwrites it.
export async function* merge<T>(...sources: AsyncIterable<T>[]): AsyncGenerator<T, void> {
  const iterators = sources.map((source) => source[Symbol.asyncIterator]());
  let slot: { value: T } | undefined;
  let failure: { error: unknown } | undefined;
  let running = iterators.length;
  let wake: (() => void) | undefined;
  let taken: () => void = () => {};
  let tookOne = new Promise<void>((resolve) => (taken = resolve));
  const open = new Set(iterators.keys());
  const notify = () => {
    const w = wake;
    wake = undefined;
    w?.();
  };
  iterators.forEach(async (it, index) => {
    try {
      for (;;) {
        const result = await it.next();
        if (result.done) break;
        slot = { value: result.value };
        notify();
        await tookOne;
      }
    } catch (error) {
      failure = { error };
    }
    open.delete(index);
    running--;
    notify();
  });
  try {
    for (;;) {
      if (!slot && !failure && running > 0) await new Promise<void>((resolve) => (wake = resolve));
      if (failure) throw failure.error;
      if (slot) {
        const { value } = slot;
        slot = undefined;
        yield value;
        const release = taken;
        tookOne = new Promise<void>((resolve) => (taken = resolve));
        release();
        continue;
      }
      if (running === 0) return;
    }
  } finally {
    for (const index of open) void iterators[index]?.return?.();
  }
}
