/**
 * 10-merge — fan-in: several async sources read at the same time, on purpose.
 *
 * Write `merge(...sources)`: one async iterator over the values of every source, each value
 * handed out as soon as its source produces it (earliest first).
 * - At most one next() pending per source: ask a source again only once its previous value
 *   has been taken. Each source's own order is kept.
 * - It ends when every source is done; `merge()` with no sources ends at once.
 * - An error from one source rejects the consumer's next() and closes (return()) the others.
 * - A consumer that stops early (break) closes every source that is not finished.
 *
 * Read the lesson: npx workbook lesson 10-merge      Stuck? npx workbook hint 10-merge
 * Check your work: npx workbook run 10-merge
 */
export async function* merge<T>(...sources: AsyncIterable<T>[]): AsyncGenerator<T, void> {
  throw new Error('TODO: keep one pending next() per source, race them, yield whichever value arrives first (see npx workbook lesson 10-merge)');
}
