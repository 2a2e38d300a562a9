// expect: loses "ends after a page without next, without fetching again"
// Checks the "that was the last page" flag one fetch too late: it asks fetchPage(undefined) once more.
export interface Page<T> {
  items: readonly T[];
  next?: string;
}

export async function* paginate<T>(fetchPage: (cursor: string | undefined) => Promise<Page<T>>): AsyncGenerator<T, void> {
  const fetched = new Set<string>();
  let cursor: string | undefined;
  let wasLast = false;
  for (;;) {
    const page = await fetchPage(cursor);
    if (wasLast) return;
    yield* page.items;
    wasLast = page.next === undefined;
    if (page.next !== undefined && fetched.has(page.next)) throw new Error('cycle in the page cursors');
    if (page.next !== undefined) fetched.add(page.next);
    cursor = page.next;
  }
}
