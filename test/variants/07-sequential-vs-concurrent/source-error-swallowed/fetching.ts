// expect: loses "mapConcurrent: an error from the source's next() reaches the consumer unchanged"
// A source whose next() fails is treated as one that has run out: the window drains and the
// stream ends normally, so the consumer never learns that the source broke.

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
  let sourceDone = false;
  let failed = false;
  try {
    for (;;) {
      while (!sourceDone && !failed && window.length < limit) {
        let step: IteratorResult<T>;
        try {
          step = await iterator.next();
        } catch {
          step = { done: true, value: undefined }; // a broken source: just stop reading it
        }
        if (step.done) {
          sourceDone = true;
          break;
        }
        const item = step.value;
        const call = new Promise<R>((resolve) => resolve(fn(item)));
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
