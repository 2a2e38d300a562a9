/**
 * Exercise 07: for await is not a parallel loop.
 *
 * Write the same fetching three ways:
 * - streamSequentially: an async generator that fetches one id at a time, only when the consumer
 *   asks for the next value (what `for await` / Python's `async for` really does);
 * - fetchAllConcurrently: start every fetch at once and wait for all (Python's asyncio.gather);
 * - mapConcurrent: at most `limit` calls of `fn` in flight, results in source order, the source
 *   pulled lazily.
 *
 * Read the lesson: npx workbook lesson 07-sequential-vs-concurrent
 * Stuck? npx workbook hint 07-sequential-vs-concurrent
 */

export async function* streamSequentially<T>(
  ids: Iterable<string>,
  fetchOne: (id: string) => Promise<T>,
): AsyncGenerator<T, void> {
  throw new Error('TODO: for each id, await fetchOne(id) and yield the value, one fetch at a time, only when asked');
}

export async function fetchAllConcurrently<T>(
  ids: Iterable<string>,
  fetchOne: (id: string) => Promise<T>,
): Promise<T[]> {
  throw new Error('TODO: start every fetchOne(id) before awaiting any, then resolve all results in the order of ids');
}

export async function* mapConcurrent<T, R>(
  source: Iterable<T> | AsyncIterable<T>,
  limit: number,
  fn: (item: T) => Promise<R>,
): AsyncGenerator<R, void> {
  throw new Error('TODO: keep up to limit calls of fn in flight and yield their results in source order');
}
