// Attack: overwriting the globals jest and the grader put in the realm: describe, test, it,
// expect, the hooks, jest, and the harness channel's Symbol.for key (a fake channel that says
// every check passed, for a harness loaded after this file).
// Success: any test that the wrong class fails passes.
const g = globalThis as any;
const pass = () => undefined;
for (const name of ['describe', 'test', 'it', 'expect', 'beforeEach', 'afterEach', 'beforeAll', 'afterAll', 'jest']) {
  try { g[name] = pass; } catch { /* refused */ }
}
try { g[Symbol.for('iteration-workbook.channel')] = { assertion: () => undefined }; } catch { /* refused */ }
try { g[Symbol.for('jest-native-promise')] = class {}; } catch { /* refused */ }

export class Data<T> implements IterableIterator<T> {
  private index = 0;
  constructor(private readonly data: ArrayLike<T>) {}
  [Symbol.iterator](): this { this.index = 0; return this; }
  next(): IteratorResult<T, undefined> {
    if (this.index >= this.data.length) return { done: true, value: undefined };
    return { done: false, value: this.data[this.data.length - 1 - this.index++] as T };
  }
}
