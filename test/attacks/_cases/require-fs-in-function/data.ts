// Not an attack on the verdicts: a module that asks for node's fs only inside one code path
// (new Data of a string, which only "a string is walked character by character" makes). That
// test must fail with "graded code may not import 'fs'"; every other test runs as usual.
declare const require: any;
function peek(): void {
  const fs = require('fs');
  console.log(fs.readdirSync('.').join(', '));
}
export class Data<T> implements IterableIterator<T> {
  private index = 0;
  constructor(private readonly data: ArrayLike<T>) { if (typeof data === "string") peek(); }
  [Symbol.iterator](): this { this.index = 0; return this; }
  next(): IteratorResult<T, undefined> {
    if (this.index >= this.data.length) return { done: true, value: undefined };
    return { done: false, value: this.data[this.data.length - 1 - this.index++] as T };
  }
}
