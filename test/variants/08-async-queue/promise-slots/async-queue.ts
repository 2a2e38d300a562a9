// expect: full
// Another structure: one numbered slot per value. push number k settles slot k, next() number k
// takes slot k, whichever comes first creates the slot. No separate buffer and waiter lists:
// the counters say which slots hold values (buffered) and which hold callers (waiting).

type Result<T> = IteratorResult<T, undefined>;

interface Slot<T> {
  promise: Promise<Result<T>>;
  settle(result: Result<T>): void;
}

const DONE: IteratorReturnResult<undefined> = { done: true, value: undefined };

export class AsyncQueue<T> implements AsyncIterableIterator<T> {
  #slots = new Map<number, Slot<T>>();
  #pushed = 0;
  #taken = 0;
  #state: 'open' | 'closed' | 'returned' = 'open';

  get size(): number {
    return Math.max(0, this.#pushed - this.#taken);
  }

  push(value: T): void {
    if (this.#state !== 'open') throw new Error(`cannot push: the queue is ${this.#state}`);
    const index = this.#pushed++;
    const slot = this.#slot(index);
    slot.settle({ done: false, value });
    if (index < this.#taken) this.#slots.delete(index); // a next() was already waiting for it
  }

  close(): void {
    if (this.#state !== 'open') return;
    this.#state = 'closed';
    this.#answerWaiting();
  }

  next(): Promise<Result<T>> {
    if (this.#state === 'returned') return Promise.resolve(DONE);
    if (this.#state === 'closed' && this.#taken >= this.#pushed) return Promise.resolve(DONE);
    const index = this.#taken++;
    const slot = this.#slot(index);
    if (index < this.#pushed) this.#slots.delete(index); // its value is already there
    return slot.promise;
  }

  return(): Promise<Result<T>> {
    this.#state = 'returned';
    this.#answerWaiting();
    this.#slots.clear();
    this.#pushed = this.#taken = Math.max(this.#pushed, this.#taken);
    return Promise.resolve(DONE);
  }

  [Symbol.asyncIterator](): this {
    return this;
  }

  /** Slots numbered from #pushed on belong to next() calls still waiting for a value. */
  #answerWaiting(): void {
    for (const [index, slot] of this.#slots) {
      if (index >= this.#pushed) {
        slot.settle(DONE);
        this.#slots.delete(index);
      }
    }
  }

  #slot(index: number): Slot<T> {
    let slot = this.#slots.get(index);
    if (!slot) {
      let settle!: (result: Result<T>) => void;
      const promise = new Promise<Result<T>>((resolve) => (settle = resolve));
      slot = { promise, settle };
      this.#slots.set(index, slot);
    }
    return slot;
  }
}
