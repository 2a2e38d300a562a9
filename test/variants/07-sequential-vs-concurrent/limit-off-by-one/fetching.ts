// expect: loses "mapConcurrent never has more than limit calls in flight"
// expect: loses "mapConcurrent: n items of equal delay d take ceil(n / limit) * d"
// mapConcurrent fills its window while window.length <= limit: one call too many in flight.

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
  const iterator: Iterator<T> | AsyncIterator<T> =
    Symbol.asyncIterator in source
      ? (source as AsyncIterable<T>)[Symbol.asyncIterator]()
      : (source as Iterable<T>)[Symbol.iterator]();
  const window: Promise<R>[] = [];
  let sourceDone = false;
  let failed = false;
  try {
    for (;;) {
      while (!sourceDone && !failed && window.length <= limit) {
        const step = await iterator.next();
        if (step.done) {
          sourceDone = true;
          break;
        }
        const call = fn(step.value);
        call.catch(() => {
          failed = true;
        });
        window.push(call);
      }
      const head = window.shift();
      if (head === undefined) return;
      yield await head;
    }
  } finally {
    if (!sourceDone) await iterator.return?.();
  }
}
