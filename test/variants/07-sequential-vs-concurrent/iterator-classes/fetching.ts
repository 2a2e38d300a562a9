// expect: full
// Written without async function*: hand-made async iterator classes that queue their own next()
// calls, a Promise built by hand instead of Promise.all, and a limit checked at the call itself.

const DONE = { done: true, value: undefined } as const;

/** Runs next()/return()/throw() one after another, as an async generator would. */
class Serial {
  private tail: Promise<unknown> = Promise.resolve();
  run<V>(job: () => Promise<V>): Promise<V> {
    const run = this.tail.then(job);
    this.tail = run.catch(() => undefined);
    return run;
  }
}

class Sequential<T> implements AsyncGenerator<T, void> {
  private readonly ids: Iterator<string>;
  private finished = false;
  private readonly serial = new Serial();

  constructor(ids: Iterable<string>, private readonly fetchOne: (id: string) => Promise<T>) {
    this.ids = ids[Symbol.iterator]();
  }

  [Symbol.asyncIterator](): this {
    return this;
  }

  next(): Promise<IteratorResult<T, void>> {
    return this.serial.run(async () => {
      if (this.finished) return DONE;
      const step = this.ids.next();
      if (step.done) {
        this.finished = true;
        return DONE;
      }
      try {
        return { done: false, value: await this.fetchOne(step.value) };
      } catch (error) {
        this.stop();
        throw error;
      }
    });
  }

  return(): Promise<IteratorResult<T, void>> {
    return this.serial.run(async () => {
      this.stop();
      return DONE;
    });
  }

  throw(error: unknown): Promise<IteratorResult<T, void>> {
    return this.serial.run(async () => {
      this.stop();
      throw error;
    });
  }

  private stop(): void {
    if (this.finished) return;
    this.finished = true;
    this.ids.return?.();
  }
}

export function streamSequentially<T>(
  ids: Iterable<string>,
  fetchOne: (id: string) => Promise<T>,
): AsyncGenerator<T, void> {
  return new Sequential(ids, fetchOne);
}

export function fetchAllConcurrently<T>(
  ids: Iterable<string>,
  fetchOne: (id: string) => Promise<T>,
): Promise<T[]> {
  return new Promise<T[]>((resolve, reject) => {
    const results: T[] = [];
    let remaining = 0;
    let index = 0;
    for (const id of ids) {
      const slot = index++;
      remaining++;
      fetchOne(id).then((value) => {
        results[slot] = value;
        if (--remaining === 0) resolve(results);
      }, reject);
    }
    if (remaining === 0) resolve(results);
  });
}

class Window<T, R> implements AsyncGenerator<R, void> {
  private iterator: Iterator<T> | AsyncIterator<T> | undefined;
  private readonly calls: Promise<R>[] = [];
  private sourceDone = false;
  /** What the source's next() threw: handed over once the calls before it are yielded. */
  private sourceError: { error: unknown } | undefined;
  private failed = false;
  private finished = false;
  private readonly serial = new Serial();

  constructor(
    private readonly source: Iterable<T> | AsyncIterable<T>,
    private readonly limit: number,
    private readonly fn: (item: T) => Promise<R>,
  ) {
    if (!Number.isInteger(limit) || limit < 1) throw new RangeError(`limit must be a whole number of at least 1, not ${limit}`);
  }

  [Symbol.asyncIterator](): this {
    return this;
  }

  next(): Promise<IteratorResult<R, void>> {
    return this.serial.run(async () => {
      if (this.finished) return DONE;
      try {
        await this.fill();
        const head = this.calls.shift();
        if (head === undefined) {
          if (this.sourceError) throw this.sourceError.error;
          this.finished = true;
          return DONE;
        }
        return { done: false, value: await head };
      } catch (error) {
        await this.stop();
        throw error;
      }
    });
  }

  return(): Promise<IteratorResult<R, void>> {
    return this.serial.run(async () => {
      await this.stop();
      return DONE;
    });
  }

  throw(error: unknown): Promise<IteratorResult<R, void>> {
    return this.serial.run(async () => {
      await this.stop();
      throw error;
    });
  }

  private async fill(): Promise<void> {
    if (!this.iterator) {
      const source = this.source as Partial<AsyncIterable<T>> & Partial<Iterable<T>>;
      const makeAsync = source[Symbol.asyncIterator];
      this.iterator = makeAsync ? makeAsync.call(source) : (source as Iterable<T>)[Symbol.iterator]();
    }
    while (!this.sourceDone && !this.failed && this.calls.length < this.limit) {
      let step: IteratorResult<T>;
      try {
        step = await this.iterator.next();
      } catch (error) {
        this.sourceDone = true;
        this.sourceError = { error };
        return;
      }
      if (step.done) {
        this.sourceDone = true;
        return;
      }
      const item = step.value;
      const call = (async () => this.fn(item))();
      call.then(undefined, () => {
        this.failed = true;
      });
      this.calls.push(call);
    }
  }

  private async stop(): Promise<void> {
    if (this.finished) return;
    this.finished = true;
    this.calls.length = 0;
    if (this.iterator && !this.sourceDone) {
      this.sourceDone = true;
      await this.iterator.return?.();
    }
  }
}

export function mapConcurrent<T, R>(
  source: Iterable<T> | AsyncIterable<T>,
  limit: number,
  fn: (item: T) => Promise<R>,
): AsyncGenerator<R, void> {
  return new Window(source, limit, fn);
}
