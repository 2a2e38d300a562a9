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

/**
 * At most `limit` calls of `fn` in flight, results in source order. A window holds the calls
 * started but not yet yielded; it is refilled only when the consumer asks, so the source is
 * never pulled more than `limit` items ahead of what was yielded.
 */
export async function* mapConcurrent<T, R>(
  source: Iterable<T> | AsyncIterable<T>,
  limit: number,
  fn: (item: T) => Promise<R>,
): AsyncGenerator<R, void> {
  if (!Number.isInteger(limit) || limit < 1) {
    throw new RangeError(`limit must be an integer ≥ 1, got ${limit}`);
  }
  const iterator: Iterator<T> | AsyncIterator<T> =
    typeof (source as Partial<AsyncIterable<T>>)[Symbol.asyncIterator] === 'function'
      ? (source as AsyncIterable<T>)[Symbol.asyncIterator]()
      : (source as Iterable<T>)[Symbol.iterator]();
  const window: Promise<R>[] = [];
  let sourceDone = false; // exhausted, or its next() threw: then it must not be closed
  let sourceError: { error: unknown } | undefined; // what its next() threw, once the window is empty
  let failed = false; // a call rejected: start nothing more

  try {
    for (;;) {
      while (!sourceDone && !failed && window.length < limit) {
        let step: IteratorResult<T>;
        try {
          step = await iterator.next();
        } catch (error) {
          // The items taken before it still get their results; the error comes after them.
          sourceDone = true;
          sourceError = { error };
          break;
        }
        if (step.done) {
          sourceDone = true;
          break;
        }
        const item = step.value;
        // new Promise(...) turns an fn that throws instead of rejecting into a rejection.
        const call = new Promise<R>((resolve) => resolve(fn(item)));
        // Record a failure the moment it happens (and keep it from being "unhandled" if the
        // consumer stops before this item's turn).
        call.catch(() => {
          failed = true;
        });
        window.push(call);
      }
      const head = window.shift();
      if (head === undefined) {
        if (sourceError) throw sourceError.error;
        return;
      }
      yield await head;
    }
  } finally {
    if (!sourceDone) await iterator.return?.();
  }
}
