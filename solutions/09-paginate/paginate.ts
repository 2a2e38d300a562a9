/**
 * 09-paginate — reference solution.
 *
 * One page is fetched at a time, and only when the consumer asks for an item that the pages
 * fetched so far do not hold: an async generator suspends at each `yield`, so the code after
 * the last item of a page runs only when `next()` is called again.
 */
export interface Page<T> {
  items: readonly T[];
  next?: string;
}

export async function* paginate<T>(fetchPage: (cursor: string | undefined) => Promise<Page<T>>): AsyncGenerator<T, void> {
  const fetched = new Set<string>();
  let page = await fetchPage(undefined);
  for (;;) {
    yield* page.items;
    const cursor = page.next;
    if (cursor === undefined) return;
    if (fetched.has(cursor)) throw new Error(`cycle: the cursor ${JSON.stringify(cursor)} was already fetched`);
    fetched.add(cursor);
    page = await fetchPage(cursor);
  }
}
