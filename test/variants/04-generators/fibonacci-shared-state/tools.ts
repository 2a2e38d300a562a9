// expect: loses "each call of fibonacci() starts again at 0"
// expect: loses "fibonacci never ends: 300 next() calls all give values"
// expect: loses "take yields the first n values, or fewer if the source ends first"
// expect: loses "chain yields every value of each iterable in turn"
// expect: loses "the tools compose: enumerate(take(fibonacci(), 5), 1)"
// The running pair lives in module variables, so a second fibonacci() carries on where the
// first one stopped, and the two move each other (every later test that calls fibonacci() too).
let a = 0;
let b = 1;

export function* fibonacci(): Generator<number, void, undefined> {
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
