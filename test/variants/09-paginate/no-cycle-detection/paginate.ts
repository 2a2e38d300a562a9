// expect: loses "a cycle: the items of the page that names a fetched cursor are yielded, then an Error about the cycle"
// expect: loses "a page whose next is its own cursor: its items, then the cycle Error"
// expect: loses "after the cycle Error the iterator is done and fetches nothing more"
// Follows next blindly: a cycle of cursors makes it go round for ever.
export interface Page<T> {
  items: readonly T[];
  next?: string;
}

export async function* paginate<T>(fetchPage: (cursor: string | undefined) => Promise<Page<T>>): AsyncGenerator<T, void> {
  let cursor: string | undefined;
  do {
    const page = await fetchPage(cursor);
    yield* page.items;
    cursor = page.next;
  } while (cursor !== undefined);
}
