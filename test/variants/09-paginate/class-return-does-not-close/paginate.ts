// expect: loses "break in for await stops all fetching"
// A hand-written async iterator whose return() answers done but does not end it: after break,
// next() goes on handing out items and fetching pages.
export interface Page<T> {
  items: readonly T[];
  next?: string;
}

class Paginator<T> implements AsyncGenerator<T, void> {
  private items: readonly T[] = [];
  private index = 0;
  private cursor: string | undefined;
  private started = false;
  private finished = false;
  private readonly fetched = new Set<string>();
  private queue: Promise<unknown> = Promise.resolve();

  constructor(private readonly fetchPage: (cursor: string | undefined) => Promise<Page<T>>) {}

  [Symbol.asyncIterator](): this {
    return this;
  }

  next(): Promise<IteratorResult<T, void>> {
    const result = this.queue.then(() => this.step());
    this.queue = result.catch(() => undefined);
    return result;
  }

  private async step(): Promise<IteratorResult<T, void>> {
    try {
      while (!this.finished) {
        if (this.index < this.items.length) return { value: this.items[this.index++] as T, done: false };
        if (this.started && this.cursor === undefined) break;
        if (this.started && this.fetched.has(this.cursor as string)) throw new Error('cycle in the page cursors');
        if (this.cursor !== undefined) this.fetched.add(this.cursor);
        this.started = true;
        const page = await this.fetchPage(this.cursor);
        this.items = page.items;
        this.index = 0;
        this.cursor = page.next;
      }
    } catch (error) {
      this.finished = true;
      throw error;
    }
    this.finished = true;
    return { value: undefined, done: true };
  }

  // The type asks for return(), so here is one; but it forgets to mark the iterator finished.
  async return(): Promise<IteratorResult<T, void>> {
    return { value: undefined, done: true };
  }

  async throw(error: unknown): Promise<IteratorResult<T, void>> {
    this.finished = true;
    throw error;
  }
}

export function paginate<T>(fetchPage: (cursor: string | undefined) => Promise<Page<T>>): AsyncGenerator<T, void> {
  return new Paginator(fetchPage);
}
