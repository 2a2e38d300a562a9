// exercise: 07-sequential-vs-concurrent
// Attack: a thenable with a getter. fetchAllConcurrently returns not a promise but an object
// whose then is a getter: the getter runs when the suite awaits it (inside the suite's own
// frames), and then() is called with the resolving functions of the suite's await.
// Success: the tests of 07 after fetchAllConcurrently's first call pass.
// @payload
let done = false;
const look = (...things: unknown[]) => { for (const t of things) if (t && !done && exploit(t)) done = true; };
export async function* streamSequentially<T>(ids: Iterable<string>, fetchOne: (id: string) => Promise<T>): AsyncGenerator<T, void> {
  for (const id of ids) yield await fetchOne(id);
}
async function fetchAllSequentially<T>(ids: Iterable<string>, fetchOne: (id: string) => Promise<T>): Promise<T[]> {
  const results: T[] = [];
  for (const id of ids) results.push(await fetchOne(id));
  return results;
}
export async function* mapConcurrent<T, R>(source: Iterable<T> | AsyncIterable<T>, limit: number, fn: (item: T) => Promise<R>): AsyncGenerator<R, void> {
  void limit;
  for await (const item of source as AsyncIterable<T>) yield await fn(item);
}
export function fetchAllConcurrently<T>(ids: Iterable<string>, fetchOne: (id: string) => Promise<T>): PromiseLike<T[]> {
  const work = fetchAllSequentially(ids, fetchOne);
  return {
    get then() {
      look(new Error().stack); // (a string: harmless) the getter runs here, inside the suite's await
      return (resolve: (v: T[]) => void, reject: (e: unknown) => void) => {
        look(resolve, reject);
        work.then(resolve, reject);
      };
    },
  } as PromiseLike<T[]>;
}
