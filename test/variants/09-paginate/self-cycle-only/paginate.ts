// expect: loses "a cycle: the items of the page that names a fetched cursor are yielded, then an Error about the cycle"
// Only notices a page that names itself; a longer loop (A → B → C → A) goes round for ever.
export interface Page<T> {
  items: readonly T[];
  next?: string;
}

export async function* paginate<T>(fetchPage: (cursor: string | undefined) => Promise<Page<T>>): AsyncGenerator<T, void> {
  let cursor: string | undefined;
  for (;;) {
    const page = await fetchPage(cursor);
    yield* page.items;
    if (page.next === undefined) return;
    if (page.next === cursor) throw new Error('cycle: the page names itself as next');
    cursor = page.next;
  }
}
