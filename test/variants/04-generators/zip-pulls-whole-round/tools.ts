// expect: loses "zip pulls left to right each round and stops as soon as one source is done"
// zip asks every source for its next value (iterators.map(it => it.next())) and only then looks
// for a done one: a source after the exhausted one gives up a value that is thrown away.
/** 0, 1, 1, 2, 3, 5, 8, … for ever: the consumer decides when to stop. */
export function* fibonacci(): Generator<number, void, undefined> {
  let [a, b] = [0, 1];
  for (;;) {
    yield a;
    [a, b] = [b, a + b];
  }
}

/** The first `n` values of `iterable` (fewer if it ends first), like Python's `itertools.islice(it, n)`. */
export function* take<T>(iterable: Iterable<T>, n: number): Generator<T, void, undefined> {
  if (!Number.isInteger(n) || n < 0) {
    throw new RangeError(`take: n must be an integer >= 0, got ${n}`);
  }
  if (n === 0) return; // never even open the source
  let taken = 0;
  for (const value of iterable) {
    yield value;
    taken++;
    // Stop here, before for…of asks the source for one more value. Leaving the loop with
    // `return` makes for…of call the source's return(): the source is closed.
    if (taken === n) return;
  }
}

/** `[index, value]` pairs, counting from `start`, like Python's `enumerate(it, start)`. */
export function* enumerate<T>(iterable: Iterable<T>, start = 0): Generator<[number, T], void, undefined> {
  let index = start;
  for (const value of iterable) {
    yield [index, value];
    index++;
  }
}

export function* zip<T extends unknown[]>(
  ...iterables: { [K in keyof T]: Iterable<T[K]> }
): Generator<T, void, undefined> {
  if (iterables.length === 0) return;
  const iterators = iterables.map((iterable) => iterable[Symbol.iterator]());
  let steps: IteratorResult<unknown>[] = [];
  try {
    for (;;) {
      steps = iterators.map((iterator) => iterator.next());
      if (steps.some((step) => step.done)) return;
      yield steps.map((step) => step.value) as T;
    }
  } finally {
    iterators.forEach((iterator, i) => {
      if (!steps[i]?.done) iterator.return?.();
    });
  }
}

/** Every value of the first iterable, then of the second, …, like Python's `itertools.chain`. */
export function* chain<T>(...iterables: Iterable<T>[]): Generator<T, void, undefined> {
  for (const iterable of iterables) {
    // yield* opens `iterable` only now, once the previous one is exhausted, and forwards a
    // consumer's return() to it.
    yield* iterable;
  }
}
