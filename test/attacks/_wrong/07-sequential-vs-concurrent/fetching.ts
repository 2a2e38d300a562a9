// The plain wrong 07 every 07 attack is built on: everything one at a time (no concurrency).
export async function* streamSequentially<T>(ids: Iterable<string>, fetchOne: (id: string) => Promise<T>): AsyncGenerator<T, void> {
  for (const id of ids) yield await fetchOne(id);
}
export async function fetchAllConcurrently<T>(ids: Iterable<string>, fetchOne: (id: string) => Promise<T>): Promise<T[]> {
  const results: T[] = [];
  for (const id of ids) results.push(await fetchOne(id));
  return results;
}
export async function* mapConcurrent<T, R>(source: Iterable<T> | AsyncIterable<T>, limit: number, fn: (item: T) => Promise<R>): AsyncGenerator<R, void> {
  void limit;
  for await (const item of source as AsyncIterable<T>) yield await fn(item);
}
