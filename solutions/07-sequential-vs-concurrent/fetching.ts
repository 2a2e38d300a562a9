/**
 * Reference solution for 07-sequential-vs-concurrent: the same work done one at a time, all at
 * once, and with a bounded window.
 */

/**
 * One fetch at a time, and only when the consumer asks: `for await` over this is the article's
 * loop. A failed fetch rejects that `next()` and ends the generator; `break` ends it too.
 */
export async function* streamSequentially<T>(
  ids: Iterable<string>,
  fetchOne: (id: string) => Promise<T>,
): AsyncGenerator<T, void> {
  for (const id of ids) {
    // The generator is paused at `yield` until the consumer asks again, so the next fetch
    // cannot start early.
    yield await fetchOne(id);
  }
}

/** Every fetch starts at once; results come back in the order of `ids`. */
export async function fetchAllConcurrently<T>(
  ids: Iterable<string>,
  fetchOne: (id: string) => Promise<T>,
): Promise<T[]> {
  const pending: Promise<T>[] = [];
  for (const id of ids) pending.push(fetchOne(id));
  // Promise.all keeps the order of its input and rejects as soon as one of them rejects.
  return Promise.all(pending);
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
