// expect: loses "mapConcurrent: a rejection surfaces by its turn and no new call starts after it"
// mapConcurrent catches a failed call, logs nothing and skips the item: the consumer never
// learns that anything went wrong.

const SKIP = Symbol('skip');

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
  const window: Promise<R | typeof SKIP>[] = [];
  let sourceDone = false;
  try {
    for (;;) {
      while (!sourceDone && window.length < limit) {
        const step = await iterator.next();
        if (step.done) {
          sourceDone = true;
          break;
        }
        window.push(fn(step.value).catch(() => SKIP));
      }
      const head = window.shift();
      if (head === undefined) return;
      const value = await head;
      if (value !== SKIP) yield value as R;
    }
  } finally {
    if (!sourceDone) await iterator.return?.();
  }
}
