/**
 * Exercise 04-generators: iteration tools written as generator functions (function*).
 *
 * Write the five tools below, each as a `function*` that yields its values one at a time.
 * All of them are lazy: nothing is pulled from a source before the first next(), and each
 * value asked for pulls only what it needs. When a tool stops before a source is used up,
 * it closes that source (its return()).
 *
 * Read the lesson: npx workbook lesson 04-generators
 * Stuck?           npx workbook hint 04-generators
 * Check your work: npx workbook run 04-generators
 */

/** 0, 1, 1, 2, 3, 5, 8, … and never ends (Python: a `def` with `yield` inside `while True`). */
export function* fibonacci(): Generator<number, void, undefined> {
  throw new Error('TODO: fibonacci: yield 0, then 1, then each value as the sum of the two before it, for ever.');
}

/**
 * The first `n` values of `iterable`, or fewer if it ends first (Python: `itertools.islice(it, n)`).
 * Pulls at most `n` values; once it has yielded `n`, it closes the source. `n` negative or not
 * an integer: RangeError. `take(x, 0)` never opens `x`.
 */
export function* take<T>(iterable: Iterable<T>, n: number): Generator<T, void, undefined> {
  throw new Error('TODO: take: check n, then yield values from iterable and stop right after the n-th, without pulling one more.');
}

/** `[index, value]` pairs, the index counting from `start` (Python: `enumerate(it, start)`). */
export function* enumerate<T>(iterable: Iterable<T>, start = 0): Generator<[number, T], void, undefined> {
  throw new Error('TODO: enumerate: yield [index, value] for each value, the index starting at start.');
}

/**
 * Tuples of the k-th value of every source (Python: `zip(a, b, …)`). Each round pulls the
 * sources left to right and ends as soon as one of them is done; the sources that are not
 * exhausted get closed. `zip()` with no sources yields nothing.
 */
export function* zip<T extends unknown[]>(
  ...iterables: { [K in keyof T]: Iterable<T[K]> }
): Generator<T, void, undefined> {
  throw new Error('TODO: zip: open each source, then each round call next() on them left to right and yield the tuple.');
}

/**
 * Every value of the first iterable, then of the second, and so on (Python: `itertools.chain`).
 * Opens `iterables[k + 1]` only once `iterables[k]` is exhausted.
 */
export function* chain<T>(...iterables: Iterable<T>[]): Generator<T, void, undefined> {
  throw new Error('TODO: chain: yield every value of each iterable in turn (yield* does it for one iterable).');
}
