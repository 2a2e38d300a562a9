// expect: loses "mapConcurrent pulls a sync source lazily"
// expect: loses "mapConcurrent pulls an async source lazily"
// mapConcurrent first copies the whole source into an array, then runs the window over it.

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
  const items: T[] = [];
  for await (const item of source) items.push(item);
  const window: Promise<R>[] = [];
  let next = 0;
  let failed = false;
  for (;;) {
    while (!failed && next < items.length && window.length < limit) {
      const call = fn(items[next++] as T);
      call.catch(() => {
        failed = true;
      });
      window.push(call);
    }
    const head = window.shift();
    if (head === undefined) return;
    yield await head;
  }
}
