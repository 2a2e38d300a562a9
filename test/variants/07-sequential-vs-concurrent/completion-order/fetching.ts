// expect: loses "fetchAllConcurrently resolves the results in input order, not completion order"
// fetchAllConcurrently pushes each result when its fetch finishes: the results come back in
// completion order, not in the order of the ids.

export async function* streamSequentially<T>(
  ids: Iterable<string>,
  fetchOne: (id: string) => Promise<T>,
): AsyncGenerator<T, void> {
  for (const id of ids) {
    yield await fetchOne(id);
  }
}

export function fetchAllConcurrently<T>(
  ids: Iterable<string>,
  fetchOne: (id: string) => Promise<T>,
): Promise<T[]> {
  const list = Array.from(ids);
  return new Promise<T[]>((resolve, reject) => {
    const results: T[] = [];
    if (list.length === 0) resolve(results);
    for (const id of list) {
      fetchOne(id).then((value) => {
        results.push(value);
        if (results.length === list.length) resolve(results);
      }, reject);
    }
  });
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
    if (!sourceDone) await iterator.return?.();
  }
}
