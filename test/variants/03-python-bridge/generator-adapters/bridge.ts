// expect: full
// Written another way: fromDunder is a generator function (lazy: __iter__ runs on the first
// next()), toDunder hands out instances of a small class, and next() reads arguments.length.
export interface PyIterator<T> {
  __next__(): T;
}

export interface PyIterable<T> {
  __iter__(): PyIterator<T>;
}

export class StopIteration extends Error {
  override name = 'StopIteration';
}

export function* fromDunder<T>(obj: PyIterable<T>): Generator<T, void, undefined> {
  const source = obj.__iter__();
  for (;;) {
    let value: T;
    try {
      value = source.__next__();
    } catch (error) {
      if (error instanceof StopIteration) return; // a finished generator stays finished
      throw error;
    }
    yield value;
  }
}

export function iter<T>(obj: Iterable<T> | PyIterable<T>): Iterator<T> {
  const record = Object(obj ?? {}) as Partial<Iterable<T> & PyIterable<T>>;
  if (obj != null && typeof record[Symbol.iterator] === 'function') return record[Symbol.iterator]!();
  if (obj != null && typeof obj === 'object' && typeof record.__iter__ === 'function') return fromDunder(obj as PyIterable<T>);
  throw new TypeError(`${obj === null ? 'null' : typeof obj} is not iterable`);
}

export function next<T>(it: Iterator<T>): T;
export function next<T, D>(it: Iterator<T>, defaultValue: D): T | D;
export function next<T, D>(it: Iterator<T>, defaultValue?: D): T | D {
  const step = it.next();
  if (step.done !== true) return step.value;
  if (arguments.length >= 2) return defaultValue as D;
  throw new StopIteration();
}

class PyIteratorOver<T> implements PyIterator<T> {
  private source: Iterator<T> | null;

  constructor(iterable: Iterable<T>) {
    this.source = iterable[Symbol.iterator]();
  }

  __next__(): T {
    if (this.source === null) throw new StopIteration();
    const step = this.source.next();
    if (step.done) {
      this.source = null; // forget the source: the end is final
      throw new StopIteration();
    }
    return step.value;
  }
}

export function toDunder<T>(iterable: Iterable<T>): PyIterable<T> {
  return { __iter__: () => new PyIteratorOver(iterable) };
}
