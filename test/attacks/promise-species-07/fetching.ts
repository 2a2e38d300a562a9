// exercise: 07-sequential-vs-concurrent
// Attack: promise species. fetchAllConcurrently returns a Promise subclass whose
// constructor[Symbol.species] is the attacker's: when the suite awaits it, the engine calls then()
// with the suite realm's resolving functions and builds the derived promise through the species,
// handing it an executor. Those functions' constructors may evaluate in the suite's realm.
// Promise.prototype.then is also replaced, to see what it is called with.
// Success: the tests of 07 after fetchAllConcurrently's first call pass.
// @payload
let done = false;
const look = (...things: unknown[]) => { for (const t of things) if (t && !done && exploit(t)) done = true; };
class Sneaky<T> extends Promise<T> {
  static get [Symbol.species](): PromiseConstructor {
    return function (this: unknown, executor: (...a: any[]) => void) {
      look(executor);
      return new Promise((resolve, reject) => executor((v: unknown) => { resolve(v); }, (e: unknown) => { reject(e); }));
    } as unknown as PromiseConstructor;
  }
  then(ok?: any, ko?: any): any {
    look(ok, ko);
    return super.then(ok, ko);
  }
}
try {
  const then = Promise.prototype.then;
  Promise.prototype.then = function (this: Promise<unknown>, ok?: any, ko?: any) { look(ok, ko); return then.call(this, ok, ko); } as any;
} catch { /* refused */ }
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
export function fetchAllConcurrently<T>(ids: Iterable<string>, fetchOne: (id: string) => Promise<T>): Promise<T[]> {
  return new Sneaky<T[]>((resolve, reject) => { fetchAllSequentially(ids, fetchOne).then(resolve, reject); });
}
