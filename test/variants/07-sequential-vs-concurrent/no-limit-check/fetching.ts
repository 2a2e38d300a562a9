// expect: loses "mapConcurrent with a limit that is not an integer ≥ 1 throws RangeError"
// mapConcurrent trusts its limit: 0 or NaN gives a window that never fills, 1.5 acts like 2.

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
  const iterator: Iterator<T> | AsyncIterator<T> =
    Symbol.asyncIterator in source
      ? (source as AsyncIterable<T>)[Symbol.asyncIterator]()
      : (source as Iterable<T>)[Symbol.iterator]();
  const window: Promise<R>[] = [];
  let sourceDone = false;
  let failed = false;
  try {
    for (;;) {
      while (!sourceDone && !failed && window.length < limit) {
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
