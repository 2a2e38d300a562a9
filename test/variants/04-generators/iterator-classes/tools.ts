// expect: full
// Correct, written another way: no function*, every tool is a hand-made iterator class with
// next(), return() and throw(), the way a generator object behaves. take checks n when it is
// called (earlier than the first next(), which the exercise allows).

/** What the tools share: once finished (done, closed or failed), every next() is done. */
abstract class Tool<T> implements Generator<T, void, undefined> {
  private finished = false;

  /** The next value, or done; called only while not finished. */
  protected abstract pull(): IteratorResult<T, void>;

  /** Closes whatever sources are still open; called at most once. */
  protected closeSources(): void {}

  next(): IteratorResult<T, void> {
    if (this.finished) return { done: true, value: undefined };
    let step: IteratorResult<T, void>;
    try {
      step = this.pull();
    } catch (error) {
      this.finished = true;
      this.closeSources();
      throw error;
    }
    if (step.done) this.return();
    return step;
  }

  return(): IteratorResult<T, void> {
    if (!this.finished) {
      this.finished = true;
      this.closeSources();
    }
    return { done: true, value: undefined };
  }

  throw(error: unknown): IteratorResult<T, void> {
    this.return();
    throw error;
  }

  [Symbol.iterator](): this {
    return this;
  }
}

class Fibonacci extends Tool<number> {
  private current = 0;
  private following = 1;

  protected pull(): IteratorResult<number, void> {
    const value = this.current;
    this.current = this.following;
    this.following += value;
    return { done: false, value };
  }
}

export function fibonacci(): Generator<number, void, undefined> {
  return new Fibonacci();
}

class Take<T> extends Tool<T> {
  private source: Iterator<T> | undefined;
  private taken = 0;

  constructor(private readonly iterable: Iterable<T>, private readonly n: number) {
    super();
    if (!Number.isInteger(n) || n < 0) throw new RangeError(`take: n must be an integer >= 0, got ${n}`);
  }

  protected pull(): IteratorResult<T, void> {
    if (this.taken >= this.n) return { done: true, value: undefined };
    this.source ??= this.iterable[Symbol.iterator]();
    const step = this.source.next();
    if (step.done) {
      this.source = undefined; // exhausted: nothing to close
      return { done: true, value: undefined };
    }
    this.taken++;
    return { done: false, value: step.value };
  }

  protected override closeSources(): void {
    this.source?.return?.();
  }
}

export function take<T>(iterable: Iterable<T>, n: number): Generator<T, void, undefined> {
  return new Take(iterable, n);
}

class Enumerate<T> extends Tool<[number, T]> {
  private source: Iterator<T> | undefined;

  constructor(private readonly iterable: Iterable<T>, private index: number) {
    super();
  }

  protected pull(): IteratorResult<[number, T], void> {
    this.source ??= this.iterable[Symbol.iterator]();
    const step = this.source.next();
    if (step.done) {
      this.source = undefined;
      return { done: true, value: undefined };
    }
    return { done: false, value: [this.index++, step.value] };
  }

  protected override closeSources(): void {
    this.source?.return?.();
  }
}

export function enumerate<T>(iterable: Iterable<T>, start = 0): Generator<[number, T], void, undefined> {
  return new Enumerate(iterable, start);
}

class Zip<T extends unknown[]> extends Tool<T> {
  private sources: (Iterator<unknown> | undefined)[] | undefined;

  constructor(private readonly iterables: Iterable<unknown>[]) {
    super();
  }

  protected pull(): IteratorResult<T, void> {
    if (this.iterables.length === 0) return { done: true, value: undefined };
    if (!this.sources) {
      this.sources = [];
      for (const iterable of this.iterables) this.sources.push(iterable[Symbol.iterator]());
    }
    const tuple: unknown[] = [];
    for (let i = 0; i < this.sources.length; i++) {
      const source = this.sources[i]!;
      this.sources[i] = undefined; // not ours to close while its next() has not answered
      const step = source.next();
      if (step.done) return { done: true, value: undefined };
      this.sources[i] = source;
      tuple.push(step.value);
    }
    return { done: false, value: tuple as T };
  }

  protected override closeSources(): void {
    for (const source of this.sources ?? []) source?.return?.();
  }
}

export function zip<T extends unknown[]>(
  ...iterables: { [K in keyof T]: Iterable<T[K]> }
): Generator<T, void, undefined> {
  return new Zip<T>(iterables as Iterable<unknown>[]);
}

class Chain<T> extends Tool<T> {
  private position = 0;
  private current: Iterator<T> | undefined;

  constructor(private readonly iterables: Iterable<T>[]) {
    super();
  }

  protected pull(): IteratorResult<T, void> {
    for (;;) {
      if (!this.current) {
        const iterable = this.iterables[this.position++];
        if (iterable === undefined) return { done: true, value: undefined };
        this.current = iterable[Symbol.iterator]();
      }
      const step = this.current.next();
      if (!step.done) return { done: false, value: step.value };
      this.current = undefined; // exhausted: on to the next iterable
    }
  }

  protected override closeSources(): void {
    this.current?.return?.();
  }
}

export function chain<T>(...iterables: Iterable<T>[]): Generator<T, void, undefined> {
  return new Chain(iterables);
}
