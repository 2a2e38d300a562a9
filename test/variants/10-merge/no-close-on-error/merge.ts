// expect: loses "an error from one source closes every other unfinished source"
// A hand-written class: return() closes the sources, but the error path only passes the error
// on and leaves the other sources open (and still pulling).
class Merged<T> implements AsyncGenerator<T, void> {
  private readonly iterators: AsyncIterator<T>[];
  private readonly pending = new Map<number, Promise<{ index: number; result: IteratorResult<T> }>>();
  private finished = false;

  constructor(sources: AsyncIterable<T>[]) {
    this.iterators = sources.map((source) => source[Symbol.asyncIterator]());
    this.iterators.forEach((_, index) => this.ask(index));
  }

  private ask(index: number): void {
    this.pending.set(index, (this.iterators[index] as AsyncIterator<T>).next().then((result) => ({ index, result })));
  }

  [Symbol.asyncIterator](): this {
    return this;
  }

  async next(): Promise<IteratorResult<T, void>> {
    while (!this.finished && this.pending.size > 0) {
      let settled: { index: number; result: IteratorResult<T> };
      try {
        settled = await Promise.race(this.pending.values());
      } catch (error) {
        this.finished = true;
        throw error;
      }
      this.pending.delete(settled.index);
      if (settled.result.done) continue;
      this.ask(settled.index);
      return { value: settled.result.value, done: false };
    }
    this.finished = true;
    return { value: undefined, done: true };
  }

  async return(): Promise<IteratorResult<T, void>> {
    if (!this.finished) {
      this.finished = true;
      for (const index of this.pending.keys()) void this.iterators[index]?.return?.();
    }
    return { value: undefined, done: true };
  }

  async throw(error: unknown): Promise<IteratorResult<T, void>> {
    await this.return();
    throw error;
  }
}

export function merge<T>(...sources: AsyncIterable<T>[]): AsyncGenerator<T, void> {
  return new Merged(sources);
}
