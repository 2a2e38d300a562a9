/**
 * 09-paginate — the "asynchronous database": a paginated API read one item at a time.
 *
 * Write `paginate(fetchPage)`: an async iterator over every item of every page, in order.
 * - The first page is `await fetchPage(undefined)`; a page's `next` is the cursor of the page
 *   after it, and a page without `next` is the last one.
 * - Lazy, no prefetch: fetch the page for `next` only once every item of the current page has
 *   been handed out and the consumer asks for one more.
 * - Empty pages that have a `next` are skipped over.
 * - A `next` cursor that was already fetched is a cycle: hand out that page's items, then throw
 *   an Error whose message contains "cycle" instead of fetching again.
 * - An error from `fetchPage` reaches the consumer as it is; `break` stops all fetching.
 *
 * Read the lesson: npx workbook lesson 09-paginate      Stuck? npx workbook hint 09-paginate
 * Check your work: npx workbook run 09-paginate
 */
export interface Page<T> {
  items: readonly T[];
  next?: string;
}

export async function* paginate<T>(fetchPage: (cursor: string | undefined) => Promise<Page<T>>): AsyncGenerator<T, void> {
  throw new Error('TODO: fetch the first page with fetchPage(undefined), yield its items one by one, then follow page.next (see npx workbook lesson 09-paginate)');
}
