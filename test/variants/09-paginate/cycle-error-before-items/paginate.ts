// expect: loses "a cycle: the items of the page that names a fetched cursor are yielded, then an Error about the cycle"
// expect: loses "a page whose next is its own cursor: its items, then the cycle Error"
// Checks the page's next as soon as the page arrives, so the cycle error comes before that page's items.
export interface Page<T> {
  items: readonly T[];
  next?: string;
}

export async function* paginate<T>(fetchPage: (cursor: string | undefined) => Promise<Page<T>>): AsyncGenerator<T, void> {
  const fetched = new Set<string>();
  let cursor: string | undefined;
  for (;;) {
    const page = await fetchPage(cursor);
    if (cursor !== undefined) fetched.add(cursor);
    if (page.next !== undefined && fetched.has(page.next)) throw new Error(`cycle: ${page.next} was already fetched`);
    yield* page.items;
    if (page.next === undefined) return;
    cursor = page.next;
  }
}
