// expect: loses "mapConcurrent yields the results in source order, not completion order"
// mapConcurrent keeps a pool of limit calls and yields whichever finishes first (Promise.race):
// a correct pool, but the results come out in completion order.

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
  const pool = new Map<number, Promise<{ key: number; value: R }>>();
  let key = 0;
  for await (const item of source) {
    const k = key++;
    pool.set(k, fn(item).then((value) => ({ key: k, value })));
    if (pool.size >= limit) {
      const first = await Promise.race(pool.values());
      pool.delete(first.key);
      yield first.value;
    }
  }
  while (pool.size > 0) {
    const first = await Promise.race(pool.values());
    pool.delete(first.key);
    yield first.value;
  }
}
