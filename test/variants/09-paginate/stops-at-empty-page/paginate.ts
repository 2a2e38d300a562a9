// expect: loses "an empty page with a next is skipped over"
// expect: loses "several empty pages in a row, the first one included, are skipped over"
// Takes an empty page for the end of the data, even when it has a next.
export interface Page<T> {
  items: readonly T[];
  next?: string;
}

export async function* paginate<T>(fetchPage: (cursor: string | undefined) => Promise<Page<T>>): AsyncGenerator<T, void> {
  const fetched = new Set<string>();
  let cursor: string | undefined;
  for (;;) {
    const page = await fetchPage(cursor);
    if (page.items.length === 0) return;
    yield* page.items;
    if (page.next === undefined) return;
    if (fetched.has(page.next)) throw new Error('cycle in the page cursors');
    fetched.add(page.next);
    cursor = page.next;
  }
}
