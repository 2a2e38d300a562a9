// expect: loses "iter() throws a TypeError"
// Uses the `in` operator, which throws its own TypeError for null and numbers, and lets other objects fall through to a call of undefined.
/**
 * A bridge between Python's iteration magic methods and TypeScript's iterator protocol:
 * StopIteration, iter(), next(), and adapters in both directions.
 */

/** Python's iterator: `__next__()` returns the next value or throws StopIteration. */
export interface PyIterator<T> {
  __next__(): T;
}

/** Python's iterable: `__iter__()` returns an iterator. */
export interface PyIterable<T> {
  __iter__(): PyIterator<T>;
}

/** Python's StopIteration: "there is no next value". Its message is usually empty. */
export class StopIteration extends Error {
  constructor(message = '') {
    super(message);
    this.name = 'StopIteration';
  }
}

function isStopIteration(error: unknown): boolean {
  return error instanceof StopIteration || (error instanceof Error && error.name === 'StopIteration');
}

function hasJsIterator(obj: unknown): obj is Iterable<unknown> {
  // Strings are iterable too, so primitives are looked up as well (except null and undefined).
  return obj !== null && obj !== undefined && typeof (obj as Record<symbol, unknown>)[Symbol.iterator] === 'function';
}

function hasDunderIter(obj: unknown): obj is PyIterable<unknown> {
  return obj !== null && typeof obj === 'object' && typeof (obj as Record<string, unknown>).__iter__ === 'function';
}

/**
 * The adapter from Python's protocol to TypeScript's: each next() calls __next__() once and turns
 * a StopIteration into `{ done: true }`. After that it stays done and never calls __next__ again.
 */
class DunderAdapter<T> implements IterableIterator<T> {
  private source: PyIterator<T> | undefined;
  private finished = false;

  constructor(private readonly iterable: PyIterable<T>) {}

  next(): IteratorResult<T, undefined> {
    if (this.finished) return { done: true, value: undefined };
    // __iter__ is called once, on the first next() (Python's for calls iter() once, up front).
    if (this.source === undefined) this.source = this.iterable.__iter__();
    let value: T;
    try {
      value = this.source.__next__();
    } catch (error) {
      if (isStopIteration(error)) {
        this.finished = true;
        return { done: true, value: undefined };
      }
      throw error; // any other error reaches the caller as it is
    }
    return { done: false, value };
  }

  [Symbol.iterator](): this {
    return this;
  }
}

export function fromDunder<T>(obj: PyIterable<T>): IterableIterator<T> {
  return new DunderAdapter(obj);
}

/** Python's iter(): the JS protocol first, then __iter__, else TypeError. */
export function iter<T>(obj: Iterable<T> | PyIterable<T>): Iterator<T> {
  if (Symbol.iterator in obj) return (obj as Iterable<T>)[Symbol.iterator]();
  return fromDunder(obj as PyIterable<T>);
}

/** Python's next(): the next value; at the end the default if one was given, else StopIteration. */
export function next<T>(it: Iterator<T>): T;
export function next<T, D>(it: Iterator<T>, defaultValue: D): T | D;
export function next<T, D>(it: Iterator<T>, ...rest: [] | [D]): T | D {
  const r = it.next();
  if (!r.done) return r.value;
  // Count the arguments: next(it, undefined) has a default, and it is undefined.
  if (rest.length > 0) return rest[0] as D;
  throw new StopIteration();
}

/** The reverse adapter: each __iter__() opens a new JS iterator; its end becomes StopIteration. */
export function toDunder<T>(iterable: Iterable<T>): PyIterable<T> {
  return {
    __iter__(): PyIterator<T> {
      const it = iterable[Symbol.iterator]();
      let finished = false;
      return {
        __next__(): T {
          if (finished) throw new StopIteration();
          const r = it.next();
          if (r.done) {
            finished = true;
            throw new StopIteration();
          }
          return r.value;
        },
      };
    },
  };
}
