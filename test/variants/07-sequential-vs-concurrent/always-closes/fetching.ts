// expect: loses "mapConcurrent: a source whose next() threw or rejected is asked nothing more and is not closed"
// expect: loses "mapConcurrent: a source that said done is asked nothing more and is not closed"
// "Always clean up": the finally block calls return() on the source whatever happened, even
// after it said done or its next() threw.

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
  let sourceError: { error: unknown } | undefined;
  let failed = false;
  try {
    for (;;) {
      while (!sourceDone && !failed && window.length < limit) {
        let step: IteratorResult<T>;
        try {
          step = await iterator.next();
        } catch (error) {
          sourceDone = true;
          sourceError = { error };
          break;
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
      if (head === undefined) {
        if (sourceError) throw sourceError.error;
        return;
      }
      yield await head;
    }
  } finally {
    await iterator.return?.();
  }
}
