/**
 * Exercise 03-python-bridge: Python's iteration magic methods, written in TypeScript.
 *
 * - `StopIteration`: an Error whose `name` is 'StopIteration' (its message may be empty).
 * - `iter(obj)`: `obj[Symbol.iterator]()` when obj has it (preferred); else, when obj has a
 *   callable `__iter__`, an iterator adapted from `obj.__iter__()`; else a TypeError whose
 *   message says "... is not iterable".
 * - `next(it)` / `next(it, defaultValue)`: Python's next(): the next value; at the end, the
 *   default if one was passed (even `undefined`), else throw a StopIteration.
 * - `fromDunder(obj)`: a TypeScript iterator over a Python-style iterable. Call `__iter__`
 *   exactly once (at the latest on the first next()); a thrown StopIteration means done, and then
 *   `__next__` is never called again; any other error goes to the caller unchanged.
 * - `toDunder(iterable)`: the reverse. Each `__iter__()` returns a fresh `{ __next__ }` that
 *   throws StopIteration at the end, and keeps throwing it.
 *
 * Read the lesson: npx workbook lesson 03-python-bridge   Stuck? npx workbook hint 03-python-bridge
 * Check your work: npx workbook run 03-python-bridge
 */

/** Python's iterator: `__next__()` returns the next value or throws StopIteration. */
export interface PyIterator<T> {
  __next__(): T;
}

/** Python's iterable: `__iter__()` returns an iterator. */
export interface PyIterable<T> {
  __iter__(): PyIterator<T>;
}

export class StopIteration extends Error {
  constructor(message = '') {
    super(message);
    throw new Error("TODO: give StopIteration the name 'StopIteration' (and delete this line)");
  }
}

export function iter<T>(obj: Iterable<T> | PyIterable<T>): Iterator<T> {
  throw new Error('TODO: return obj[Symbol.iterator]() if obj has it, else adapt obj.__iter__(), else throw a TypeError "… is not iterable"');
}

export function next<T>(it: Iterator<T>): T;
export function next<T, D>(it: Iterator<T>, defaultValue: D): T | D;
export function next<T, D>(it: Iterator<T>, defaultValue?: D): T | D {
  throw new Error('TODO: return the next value; when done, return the default if one was passed (even undefined), else throw StopIteration');
}

export function fromDunder<T>(obj: PyIterable<T>): IterableIterator<T> {
  throw new Error('TODO: return an iterator that calls obj.__iter__() once, then __next__() per next(), and is done after a StopIteration');
}

export function toDunder<T>(iterable: Iterable<T>): PyIterable<T> {
  throw new Error('TODO: return { __iter__() { … } } whose every call opens iterable[Symbol.iterator]() and wraps it in { __next__ }');
}
