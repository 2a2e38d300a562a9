// expect: full
// The same behaviour as a hand-written async iterator class instead of an async function*.
// next() calls are chained on a promise, so two calls made at once are answered in order,
// one page fetch at a time (what an async generator's request queue does for free).
export interface Page<T> {
  items: readonly T[];
  next?: string;
}

type Fetch<T> = (cursor: string | undefined) => Promise<Page<T>>;

class PageIterator<T> implements AsyncGenerator<T, void> {
  private buffer: readonly T[] = [];
  private position = 0;
  /** The cursor of the page to fetch next; `null` once the last page (no next) has been read. */
  private cursor: string | undefined | null = undefined;
  private readonly seen = new Set<string>();
  private closed = false;
  private tail: Promise<unknown> = Promise.resolve();

  constructor(private readonly fetchPage: Fetch<T>) {}

  [Symbol.asyncIterator](): this {
    return this;
  }

  next(): Promise<IteratorResult<T, void>> {
    return this.enqueue(() => this.advance());
  }

  return(): Promise<IteratorResult<T, void>> {
    return this.enqueue(async () => this.finish());
  }

  throw(error: unknown): Promise<IteratorResult<T, void>> {
    return this.enqueue(async () => {
      this.finish();
      throw error;
    });
  }

  private enqueue(work: () => Promise<IteratorResult<T, void>>): Promise<IteratorResult<T, void>> {
    const answer = this.tail.then(work);
    this.tail = answer.then(
      () => undefined,
      () => undefined,
    );
    return answer;
  }

  private finish(): IteratorResult<T, void> {
    this.closed = true;
    this.buffer = [];
    return { value: undefined, done: true };
  }

  private async advance(): Promise<IteratorResult<T, void>> {
    while (!this.closed) {
      if (this.position < this.buffer.length) {
        return { value: this.buffer[this.position++] as T, done: false };
      }
      const cursor = this.cursor;
      if (cursor === null) break;
      if (cursor !== undefined) {
        if (this.seen.has(cursor)) {
          this.finish();
          throw new Error(`cycle: page cursor ${JSON.stringify(cursor)} came round again`);
        }
        this.seen.add(cursor);
      }
      let page: Page<T>;
      try {
        page = await this.fetchPage(cursor);
      } catch (error) {
        this.finish();
        throw error;
      }
      if (this.closed) break;
      this.buffer = page.items;
      this.position = 0;
      this.cursor = page.next === undefined ? null : page.next;
    }
    return this.finish();
  }
}

export function paginate<T>(fetchPage: Fetch<T>): AsyncGenerator<T, void> {
  return new PageIterator(fetchPage);
}
