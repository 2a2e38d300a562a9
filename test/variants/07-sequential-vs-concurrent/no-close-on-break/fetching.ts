// expect: loses "mapConcurrent: break starts no new calls and closes the source"
// mapConcurrent drives the source's iterator by hand and forgets to call its return() when the
// consumer breaks out of the loop.

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
    window.length = 0;
  }
}
