// expect: loses "mapConcurrent starts the next call as soon as a result is taken, not in batches"
// mapConcurrent takes limit items, awaits Promise.all over them, yields them, takes the next
// limit: the limit is respected, but one slow call holds the whole batch up.

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
  let batch: T[] = [];
  for await (const item of source) {
    batch.push(item);
    if (batch.length === limit) {
      yield* await Promise.all(batch.map(fn));
      batch = [];
    }
  }
  if (batch.length > 0) yield* await Promise.all(batch.map(fn));
}
