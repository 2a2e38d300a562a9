/**
 * Instrumented sources for the suites: iterables that record every call made on them, so a
 * suite can say "next() was called 4 times, expected 3" or "return() was never called".
 */

export interface SourceLog {
  /** How many times [Symbol.iterator]() / [Symbol.asyncIterator]() was called. */
  opened: number;
  /** How many times next() was called (over all iterators of this source). */
  nexts: number;
  /** How many times return() was called. */
  returns: number;
  /** Values handed out so far, in order. */
  given: unknown[];
  /** Every call in order, e.g. ['open', 'next', 'next', 'return']. */
  calls: string[];
}

function newLog(): SourceLog {
  return { opened: 0, nexts: 0, returns: 0, given: [], calls: [] };
}

export interface CountingOptions {
  /** Make the k-th next() call (1-based) throw this error instead of producing a value. */
  throwOnNext?: { at: number; error: unknown };
  /** An endless source: values[i % values.length] forever. */
  endless?: boolean;
}

/** A sync iterable over `values` that logs calls; its iterators have next() and return(). */
export function countingIterable<T>(values: readonly T[], options: CountingOptions = {}): { iterable: IterableIterator<T>; log: SourceLog } {
  const log = newLog();
  let index = 0;
  let finished = false;
  const iterator: IterableIterator<T> = {
    next(): IteratorResult<T> {
      log.nexts++;
      log.calls.push('next');
      if (options.throwOnNext && log.nexts === options.throwOnNext.at) throw options.throwOnNext.error;
      if (finished) return { done: true, value: undefined };
      if (options.endless ? values.length > 0 : index < values.length) {
        const value = values[index++ % values.length] as T;
        log.given.push(value);
        return { done: false, value };
      }
      finished = true;
      return { done: true, value: undefined };
    },
    return(value?: unknown): IteratorResult<T> {
      log.returns++;
      log.calls.push('return');
      finished = true;
      return { done: true, value: value as T };
    },
    [Symbol.iterator]() {
      log.opened++;
      log.calls.push('open');
      return iterator;
    },
  };
  return { iterable: iterator, log };
}

export interface AsyncCountingOptions {
  /** Delay in ms (real setTimeout, so fake timers drive it) before the k-th value (0-based); default 0. */
  delays?: readonly number[];
  /** Make the k-th next() call (1-based) reject with this error. */
  rejectOnNext?: { at: number; error: unknown };
  endless?: boolean;
}

/**
 * An async iterable over `values` that logs calls, the number of next() calls pending at once
 * (`maxPending`), and waits `delays[k]` ms (setTimeout, so jest's fake timers drive it).
 */
export function countingAsyncIterable<T>(values: readonly T[], options: AsyncCountingOptions = {}): {
  iterable: AsyncIterableIterator<T>;
  log: SourceLog & { pending: number; maxPending: number };
} {
  const log = { ...newLog(), pending: 0, maxPending: 0 };
  let index = 0;
  let finished = false;
  const wait = (ms: number) => new Promise<void>((resolve) => (ms > 0 ? setTimeout(resolve, ms) : resolve()));
  const iterator: AsyncIterableIterator<T> = {
    async next(): Promise<IteratorResult<T>> {
      log.nexts++;
      log.calls.push('next');
      const call = log.nexts;
      log.pending++;
      log.maxPending = Math.max(log.maxPending, log.pending);
      try {
        if (finished) return { done: true, value: undefined };
        const position = index++;
        await wait(options.delays?.[position] ?? 0);
        if (options.rejectOnNext && call === options.rejectOnNext.at) throw options.rejectOnNext.error;
        if (finished) return { done: true, value: undefined };
        if (options.endless ? values.length > 0 : position < values.length) {
          const value = values[position % values.length] as T;
          log.given.push(value);
          return { done: false, value };
        }
        finished = true;
        return { done: true, value: undefined };
      } finally {
        log.pending--;
      }
    },
    async return(value?: unknown): Promise<IteratorResult<T>> {
      log.returns++;
      log.calls.push('return');
      finished = true;
      return { done: true, value: value as T };
    },
    [Symbol.asyncIterator]() {
      log.opened++;
      log.calls.push('open');
      return iterator;
    },
  };
  return { iterable: iterator, log };
}
