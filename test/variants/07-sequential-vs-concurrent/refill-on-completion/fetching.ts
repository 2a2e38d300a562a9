// expect: loses "mapConcurrent pulls a sync source lazily"
// mapConcurrent keeps limit calls running whether or not the consumer asks: each call that
// finishes starts the next one, so the source runs far ahead of a slow consumer.

export async function* streamSequentially<T>(
  ids: Iterable<string>,
  fetchOne: (id: string) => Promise<T>,
): AsyncGenerator<T, void> {
  for (const id of ids) {
    yield await fetchOne(id);
  }
}

export async function fetchAllConcurrently<T>(
  ids: Iterable<string>,
  fetchOne: (id: string) => Promise<T>,
): Promise<T[]> {
  const pending: Promise<T>[] = [];
  for (const id of ids) pending.push(fetchOne(id));
  return Promise.all(pending);
}

export async function* mapConcurrent<T, R>(
  source: Iterable<T> | AsyncIterable<T>,
  limit: number,
  fn: (item: T) => Promise<R>,
): AsyncGenerator<R, void> {
  if (!Number.isInteger(limit) || limit < 1) throw new RangeError(`limit must be an integer >= 1, got ${limit}`);
  const iterator = Symbol.asyncIterator in source
    ? (source as AsyncIterable<T>)[Symbol.asyncIterator]()
    : (source as Iterable<T>)[Symbol.iterator]();
  const results: Promise<R>[] = [];
  let running = 0;
  let sourceDone = false;
  let wake: (() => void) | undefined;
  const pump = async (): Promise<void> => {
    while (!sourceDone && running < limit) {
      const step = await iterator.next();
      if (step.done) {
        sourceDone = true;
        break;
      }
      running++;
      const call = fn(step.value);
      call.catch(() => {});
      results.push(call);
      wake?.();
      call.finally(() => {
        running--;
        void pump();
      }).catch(() => {});
    }
    wake?.();
  };
  void pump();
  let index = 0;
  try {
    for (;;) {
      while (index >= results.length && !sourceDone) await new Promise<void>((resolve) => (wake = resolve));
      if (index >= results.length) return;
      yield await results[index++]!;
    }
  } finally {
    sourceDone = true;
    await iterator.return?.();
  }
}
