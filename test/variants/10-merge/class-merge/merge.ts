// expect: full
// merge as a hand-written async iterator class. Each source gets a "pump" that asks it for one
// value at a time and parks that value in a FIFO until the consumer takes it; only then is the
// source asked again. Consumers' next() calls wait in their own FIFO.
type Event<T> = { kind: 'value'; value: T; source: number } | { kind: 'error'; error: unknown };

class Merge<T> implements AsyncGenerator<T, void> {
  private readonly iterators: AsyncIterator<T>[];
  private readonly ready: Event<T>[] = [];
  private readonly waiting: { resolve: (r: IteratorResult<T, void>) => void; reject: (e: unknown) => void }[] = [];
  private readonly live = new Set<number>();
  private started = false;
  private closed = false;

  constructor(sources: AsyncIterable<T>[]) {
    this.iterators = sources.map((source) => source[Symbol.asyncIterator]());
  }

  [Symbol.asyncIterator](): this {
    return this;
  }

  next(): Promise<IteratorResult<T, void>> {
    if (!this.started) {
      this.started = true;
      this.iterators.forEach((_, index) => {
        this.live.add(index);
        this.pump(index);
      });
    }
    return new Promise((resolve, reject) => {
      this.waiting.push({ resolve, reject });
      this.deliver();
    });
  }

  async return(): Promise<IteratorResult<T, void>> {
    this.close();
    return { value: undefined, done: true };
  }

  async throw(error: unknown): Promise<IteratorResult<T, void>> {
    this.close();
    throw error;
  }

  /** Asks source `index` for one value; what comes back waits in `ready`. */
  private pump(index: number): void {
    let step: Promise<IteratorResult<T>>;
    try {
      step = Promise.resolve((this.iterators[index] as AsyncIterator<T>).next());
    } catch (error) {
      step = Promise.reject(error);
    }
    step.then(
      (result) => {
        if (this.closed) return;
        if (result.done) this.live.delete(index);
        else this.ready.push({ kind: 'value', value: result.value, source: index });
        this.deliver();
      },
      (error: unknown) => {
        if (this.closed) return;
        this.live.delete(index);
        this.ready.push({ kind: 'error', error });
        this.deliver();
      },
    );
  }

  /** Matches waiting consumers with ready values, in order. */
  private deliver(): void {
    while (this.waiting.length > 0) {
      if (this.closed) {
        this.waiting.shift()?.resolve({ value: undefined, done: true });
        continue;
      }
      const event = this.ready.shift();
      if (event === undefined) {
        if (this.live.size > 0) return; // wait for a source
        this.closed = true;
        continue;
      }
      const consumer = this.waiting.shift()!;
      if (event.kind === 'error') {
        this.close();
        consumer.reject(event.error);
        continue;
      }
      consumer.resolve({ value: event.value, done: false });
      this.pump(event.source); // its value was taken: the source may be asked again
    }
  }

  /** Ends the merge and closes every source that is not finished. */
  private close(): void {
    if (this.closed) return;
    this.closed = true;
    this.ready.length = 0;
    for (const index of this.live) {
      try {
        Promise.resolve(this.iterators[index]?.return?.()).catch(() => undefined);
      } catch {
        // nothing more to do for a source whose return() throws
      }
    }
    this.live.clear();
    this.deliver();
  }
}

export function merge<T>(...sources: AsyncIterable<T>[]): AsyncGenerator<T, void> {
  return new Merge(sources);
}
