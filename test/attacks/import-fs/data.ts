// Attack: a plain import of node's fs at the top of the module, then reading the reference
// solution (and the hidden suite, and the .git folder) and printing what it got.
// Success: a test's output holds the reference solution's text. Under the sandbox: every test
// fails with "graded code may not import 'fs'" (the module cannot load), never a crash.
import * as fs from 'fs';
for (const file of ['../../solutions/01-data-iterator/data.ts', '/proc/self/cwd/../solutions/01-data-iterator/data.ts']) {
  try { console.log(fs.readFileSync(file, 'utf8')); } catch (error) { console.log(String(error)); }
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
