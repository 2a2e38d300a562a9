// expect: loses "an error from fetchPage for the first page reaches the consumer unchanged"
// expect: loses "an error from fetchPage for a later page comes after the earlier items, and ends the iterator"
// Catches a failed fetch and quietly ends, so the consumer cannot tell an error from the end.
export interface Page<T> {
  items: readonly T[];
  next?: string;
}

export async function* paginate<T>(fetchPage: (cursor: string | undefined) => Promise<Page<T>>): AsyncGenerator<T, void> {
  const fetched = new Set<string>();
  let cursor: string | undefined;
  for (;;) {
    let page: Page<T>;
    try {
      page = await fetchPage(cursor);
    } catch {
      return;
    }
    yield* page.items;
    if (page.next === undefined) return;
    if (fetched.has(page.next)) throw new Error('cycle in the page cursors');
    fetched.add(page.next);
    cursor = page.next;
  }
}
