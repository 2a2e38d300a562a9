// expect: loses "take pulls at most n values from its source"
// expect: loses "take closes its source exactly once when it has yielded n values"
// expect: loses "take(source, 0) yields nothing and never opens the source"
// take checks the count before yielding instead of after: to find out that it is done it has
// already pulled value n + 1 from the source, which is then lost. take(x, 0) opens x and pulls one.
/** 0, 1, 1, 2, 3, 5, 8, … for ever: the consumer decides when to stop. */
export function* fibonacci(): Generator<number, void, undefined> {
  let [a, b] = [0, 1];
  for (;;) {
    yield a;
    [a, b] = [b, a + b];
  }
}

export function* take<T>(iterable: Iterable<T>, n: number): Generator<T, void, undefined> {
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`n must be an integer >= 0, got ${n}`);
  let count = 0;
  for (const value of iterable) {
    if (count >= n) return;
    count++;
    yield value;
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

/** Tuples of the k-th values of every source; ends as soon as one source ends, like Python's `zip`. */
export function* zip<T extends unknown[]>(
  ...iterables: { [K in keyof T]: Iterable<T[K]> }
): Generator<T, void, undefined> {
  if (iterables.length === 0) return;
  const iterators: Iterator<unknown>[] = [];
  // The sources that must not be closed: the one that said done, or whose next() threw.
  const finished = new Set<Iterator<unknown>>();
  try {
    for (const iterable of iterables) iterators.push(iterable[Symbol.iterator]());
    for (;;) {
      const tuple: unknown[] = [];
      for (const iterator of iterators) {
        finished.add(iterator); // until next() hands over a value
        const step = iterator.next();
        if (step.done) return;
        finished.delete(iterator);
        tuple.push(step.value);
      }
      yield tuple as T;
    }
  } finally {
    // Whatever ended us (one source ran out, the consumer stopped, an error), close every
    // source that is still open.
    for (const iterator of iterators) {
      if (!finished.has(iterator)) iterator.return?.();
    }
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
