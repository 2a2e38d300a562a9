import { equal, same, ok, fail, show, includes, submission } from '../harness';
import type * as Learner from '@submission/09-paginate/paginate';

const learner = submission<typeof Learner>('paginate.ts', () => require('@submission/09-paginate/paginate'));

type Page<T> = Learner.Page<T>;

/** Every fake fetch takes this long (a setTimeout, so the fake clock drives it). */
const FETCH_MS = 100;
/** How long one step may take on the fake clock before the suite calls it stuck. */
const STEP_MS = 2_000;

beforeEach(() => {
  jest.useFakeTimers();
});
afterEach(() => {
  jest.useRealTimers();
});

/**
 * A fake paginated API. `pages` maps a cursor to its page; the first page is under 'start' and
 * is what fetchPage(undefined) returns. Records every call, in order, with the cursor it got.
 */
function api<T>(pages: Record<string, Page<T>>, failures: Record<string, unknown> = {}) {
  const log = { cursors: [] as (string | undefined)[], inFlight: 0, maxInFlight: 0 };
  const fetchPage = (cursor: string | undefined): Promise<Page<T>> => {
    log.cursors.push(cursor);
    log.inFlight++;
    log.maxInFlight = Math.max(log.maxInFlight, log.inFlight);
    return new Promise<Page<T>>((resolve, reject) => {
      setTimeout(() => {
        log.inFlight--;
        const key = cursor === undefined ? 'start' : cursor;
        if (key in failures) return reject(failures[key]);
        const page = pages[key];
        if (!page) return reject(new Error(`the test's API has no page for the cursor ${show(cursor)}`));
        // A fresh object each time, as a real API would send.
        resolve(page.next === undefined ? { items: [...page.items] } : { items: [...page.items], next: page.next });
      }, FETCH_MS);
    });
  };
  return { fetchPage, log };
}

/** What one next() came to, written the way the protocol shows it (a rejection as `{ rejected }`). */
type Outcome<T> = { value: T; done: false } | { value: undefined; done: true } | { rejected: unknown };
const DONE = { value: undefined, done: true } as const;
const item = <T>(value: T) => ({ value, done: false }) as const;

/** Calls next() once and runs the fake clock until it settles (failing, not hanging, if it never does). */
async function step<T>(it: AsyncIterator<T>, what: string, cursors: readonly unknown[]): Promise<Outcome<T>> {
  let outcome: Outcome<T> | undefined;
  let promise: Promise<IteratorResult<T>>;
  try {
    promise = Promise.resolve(it.next());
  } catch (error) {
    return { rejected: error };
  }
  promise.then(
    (r) => {
      if (r === null || typeof r !== 'object' || !('done' in r)) {
        outcome = { rejected: new Error(`next() must resolve an object like { value, done }, got ${show(r)}`) };
      } else outcome = r.done ? { value: undefined, done: true } : { value: r.value, done: false };
    },
    (error: unknown) => {
      outcome = { rejected: error };
    },
  );
  await jest.advanceTimersByTimeAsync(STEP_MS);
  if (!outcome) {
    fail(`${what}: next() was still pending after ${STEP_MS} ms of fetches (each takes ${FETCH_MS} ms); fetchPage was called with ${show(cursors)}. Is the generator looping without yielding or ending?`);
  }
  return outcome;
}

/** Pulls until done or an error, never more than `max` values. */
async function pullAll<T>(it: AsyncIterator<T>, max: number, what: string, cursors: readonly unknown[], hint?: string) {
  const values: T[] = [];
  for (;;) {
    const o = await step(it, what, cursors);
    if ('rejected' in o) return { values, error: o.rejected, threw: true };
    if (o.done) return { values, error: undefined, threw: false };
    values.push(o.value);
    if (values.length > max) {
      fail(`${what}: expected the end after at most ${max} items, but it kept yielding: ${show(values)}; fetchPage was called with ${show(cursors)}.${hint ? ` ${hint}` : ''}`);
    }
  }
}

function describeError(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : show(error);
}

function noError(pulled: { threw: boolean; error: unknown }, what: string): void {
  if (pulled.threw) fail(`${what}: expected it to end without an error, but next() rejected with ${describeError(pulled.error)}.`);
}

test('the first page is fetched with fetchPage(undefined)', async () => {
  const paginate = learner.get('paginate');
  const { fetchPage, log } = api({ start: { items: ['a'] } });
  const it = paginate(fetchPage);
  const o = await step(it, 'the first next() of paginate(fetchPage)', log.cursors);
  ok(log.cursors.length >= 1, 'the first next() should call fetchPage to get the first page, but fetchPage was never called.');
  same(log.cursors[0], undefined, 'the cursor of the first fetchPage call', 'The first page has no cursor: call fetchPage(undefined), not fetchPage("") or fetchPage(null).');
  equal(o, item('a'), 'the first next() over a page with items ["a"]');
});

test('calling paginate() fetches nothing before the first next()', async () => {
  const paginate = learner.get('paginate');
  const { fetchPage, log } = api({ start: { items: [1, 2] } });
  const it = paginate(fetchPage);
  await jest.advanceTimersByTimeAsync(STEP_MS);
  equal(log.cursors, [], 'the fetchPage calls made by paginate(fetchPage) before anyone asked for an item', 'A lazy iterator does no work until next() is called.');
  const o = await step(it, 'the first next(), called later', log.cursors);
  equal(o, item(1), 'the first next(), called a while after paginate(fetchPage)');
  equal(log.cursors, [undefined], 'the fetchPage calls made once the first item was asked for');
});

test('a single page without next: its items in order, then done', async () => {
  const paginate = learner.get('paginate');
  const { fetchPage, log } = api({ start: { items: [10, 20, 30] } });
  const pulled = await pullAll(paginate(fetchPage), 3, 'paginate over one page [10, 20, 30]', log.cursors);
  noError(pulled, 'paginate over one page [10, 20, 30]');
  equal(pulled.values, [10, 20, 30], 'the items of paginate over one page [10, 20, 30]');
  equal(log.cursors, [undefined], 'the cursors fetchPage was called with, for one page without next');
});

test('follows next from page to page and yields every item in order', async () => {
  const paginate = learner.get('paginate');
  const { fetchPage, log } = api({
    start: { items: ['a', 'b'], next: 'cursor-2' },
    'cursor-2': { items: ['c'], next: 'cursor-3' },
    'cursor-3': { items: ['d', 'e', 'f'] },
  });
  const pulled = await pullAll(paginate(fetchPage), 6, 'paginate over three pages', log.cursors);
  noError(pulled, 'paginate over three pages');
  equal(pulled.values, ['a', 'b', 'c', 'd', 'e', 'f'], 'the items of three pages ["a", "b"] → ["c"] → ["d", "e", "f"]');
  equal(log.cursors, [undefined, 'cursor-2', 'cursor-3'], 'the cursors fetchPage was called with', 'Each page is fetched with the previous page\'s next, exactly once.');
});

test('the next page is not fetched while items of the current page remain', async () => {
  const paginate = learner.get('paginate');
  const { fetchPage, log } = api({
    start: { items: [1, 2, 3], next: 'p2' },
    p2: { items: [4] },
  });
  const it = paginate(fetchPage);
  for (const expected of [1, 2, 3]) {
    const o = await step(it, `taking item ${expected}`, log.cursors);
    equal(o, item(expected), `next() number ${expected}`);
    equal(log.cursors, [undefined], `the pages fetched once item ${expected} of the first page [1, 2, 3] was taken (and the clock ran ${STEP_MS} ms more)`,
      'No prefetch: the page for next is fetched only when the consumer asks for an item after the last one of this page.');
  }
});

test('the next page is fetched only when an item after the last one is asked for', async () => {
  const paginate = learner.get('paginate');
  const { fetchPage, log } = api({
    start: { items: ['x'], next: 'p2' },
    p2: { items: ['y'], next: 'p3' },
    p3: { items: ['z'] },
  });
  const it = paginate(fetchPage);
  const expected: [string, (string | undefined)[]][] = [
    ['x', [undefined]],
    ['y', [undefined, 'p2']],
    ['z', [undefined, 'p2', 'p3']],
  ];
  for (const [value, cursors] of expected) {
    const o = await step(it, `taking ${show(value)}`, log.cursors);
    equal(o, item(value), `the next() that should give ${show(value)}`);
    await jest.advanceTimersByTimeAsync(10 * FETCH_MS);
    equal(log.cursors, cursors, `the cursors fetched once ${show(value)} was taken and the consumer waited ${10 * FETCH_MS} ms before asking again`,
      'A page is fetched when an item from it is asked for, never ahead of time.');
  }
});

test('ends after a page without next, without fetching again', async () => {
  const paginate = learner.get('paginate');
  const { fetchPage, log } = api({
    start: { items: [1], next: 'last' },
    last: { items: [2] },
  });
  const it = paginate(fetchPage);
  const pulled = await pullAll(it, 2, 'paginate over [1] → [2]', log.cursors);
  noError(pulled, 'paginate over [1] → [2]');
  equal(pulled.values, [1, 2], 'the items of paginate over [1] → [2]');
  equal(log.cursors, [undefined, 'last'], 'the cursors fetchPage was called with, once the last page (no next) was read',
    'A page without next is the last: end there, do not ask fetchPage for anything more.');
  const again = await step(it, 'next() once more after the end', log.cursors);
  equal(again, DONE, 'next() once more after the end', 'An exhausted iterator stays exhausted.');
  equal(log.cursors, [undefined, 'last'], 'the cursors fetched after next() was called again past the end');
});

test('an empty page with a next is skipped over', async () => {
  const paginate = learner.get('paginate');
  const { fetchPage, log } = api({
    start: { items: ['a', 'b'], next: 'empty' },
    empty: { items: [], next: 'more' },
    more: { items: ['c'] },
  });
  const pulled = await pullAll(paginate(fetchPage), 3, 'paginate over ["a", "b"] → [] → ["c"]', log.cursors);
  noError(pulled, 'paginate over ["a", "b"] → [] → ["c"]');
  equal(pulled.values, ['a', 'b', 'c'], 'the items of ["a", "b"] → [] → ["c"]', 'An empty page is not the end while it has a next.');
  equal(log.cursors, [undefined, 'empty', 'more'], 'the cursors fetchPage was called with');
});

test('several empty pages in a row, the first one included, are skipped over', async () => {
  const paginate = learner.get('paginate');
  const { fetchPage, log } = api({
    start: { items: [], next: 'e1' },
    e1: { items: [], next: 'e2' },
    e2: { items: [], next: 'full' },
    full: { items: [7, 8], next: 'e3' },
    e3: { items: [], next: 'e4' },
    e4: { items: [], next: 'tail' },
    tail: { items: [9] },
  });
  const it = paginate(fetchPage);
  const first = await step(it, 'the first next() when the first three pages are empty', log.cursors);
  equal(first, item(7), 'the first next() when the first three pages are empty',
    'One next() keeps fetching while the pages are empty, until it finds an item or a page without next.');
  const rest = await pullAll(it, 2, 'the rest of [] → [] → [] → [7, 8] → [] → [] → [9]', log.cursors);
  noError(rest, 'the rest of [] → [] → [] → [7, 8] → [] → [] → [9]');
  equal(rest.values, [8, 9], 'the items after 7');
  equal(log.cursors, [undefined, 'e1', 'e2', 'full', 'e3', 'e4', 'tail'], 'the cursors fetchPage was called with');
});

test('an empty last page ends the items', async () => {
  const paginate = learner.get('paginate');
  const { fetchPage, log } = api({
    start: { items: ['only'], next: 'blank' },
    blank: { items: [] },
  });
  const pulled = await pullAll(paginate(fetchPage), 1, 'paginate over ["only"] → [] (no next)', log.cursors);
  noError(pulled, 'paginate over ["only"] → [] (no next)');
  equal(pulled.values, ['only'], 'the items of ["only"] → [] (no next)');
  equal(log.cursors, [undefined, 'blank'], 'the cursors fetchPage was called with');
});

test('a cycle: the items of the page that names a fetched cursor are yielded, then an Error about the cycle', async () => {
  const paginate = learner.get('paginate');
  const { fetchPage, log } = api({
    start: { items: [0], next: 'A' },
    A: { items: [1, 2], next: 'B' },
    B: { items: [3], next: 'C' },
    C: { items: [4, 5], next: 'A' },
  });
  const pulled = await pullAll(paginate(fetchPage), 6, 'paginate over [0] → A [1, 2] → B [3] → C [4, 5] → back to A', log.cursors,
    'Keep every cursor you fetched (a Set): a next that is already in it is a cycle.');
  equal(pulled.values, [0, 1, 2, 3, 4, 5], 'the items yielded before the cycle error',
    'Page C\'s own items are fine: hand them out, and only when the consumer asks for more, notice that its next ("A") was fetched already.');
  ok(pulled.threw, `after the items of page C (whose next "A" was already fetched) next() should reject with an Error about the cycle, but the iterator simply ended; fetchPage was called with ${show(log.cursors)}.`);
  ok(pulled.error instanceof Error && includes(pulled.error.message, 'cycle'),
    `the error after the items of page C: expected an Error whose message contains "cycle", got ${describeError(pulled.error)}.`);
  equal(log.cursors, [undefined, 'A', 'B', 'C'], 'the cursors fetchPage was called with', 'Detect the cycle before fetching "A" a second time.');
});

test('a page whose next is its own cursor: its items, then the cycle Error', async () => {
  const paginate = learner.get('paginate');
  const { fetchPage, log } = api({
    start: { items: ['s'], next: 'loop' },
    loop: { items: ['l1', 'l2'], next: 'loop' },
  });
  const pulled = await pullAll(paginate(fetchPage), 3, 'paginate over ["s"] → "loop" ["l1", "l2"] → "loop" again', log.cursors,
    'Keep every cursor you fetched (a Set): a next that is already in it is a cycle.');
  equal(pulled.values, ['s', 'l1', 'l2'], 'the items yielded before the cycle error');
  ok(pulled.threw && pulled.error instanceof Error && includes(pulled.error.message, 'cycle'),
    `after the items of the page "loop" (whose next is "loop" itself) next() should reject with an Error whose message contains "cycle", got ${pulled.threw ? describeError(pulled.error) : 'the end of the items'}.`);
  equal(log.cursors, [undefined, 'loop'], 'the cursors fetchPage was called with');
});

test('after the cycle Error the iterator is done and fetches nothing more', async () => {
  const paginate = learner.get('paginate');
  const { fetchPage, log } = api({
    start: { items: [1], next: 'X' },
    X: { items: [2], next: 'Y' },
    Y: { items: [], next: 'X' },
  });
  const it = paginate(fetchPage);
  const pulled = await pullAll(it, 2, 'paginate over [1] → X [2] → Y [] → back to X', log.cursors,
    'Keep every cursor you fetched (a Set): a next that is already in it is a cycle.');
  equal(pulled.values, [1, 2], 'the items yielded before the cycle error');
  ok(pulled.threw && pulled.error instanceof Error && includes(pulled.error.message, 'cycle'),
    `an empty page Y whose next "X" was already fetched: expected next() to reject with an Error whose message contains "cycle", got ${pulled.threw ? describeError(pulled.error) : 'the end of the items'}.`);
  const cursors = [...log.cursors];
  const after = await step(it, 'next() after the cycle error', log.cursors);
  equal(after, DONE, 'next() after the cycle error', 'Once an async generator throws, it is finished.');
  equal(log.cursors, cursors, 'the cursors fetched after the cycle error');
});

test('an error from fetchPage for the first page reaches the consumer unchanged', async () => {
  const paginate = learner.get('paginate');
  const boom = new Error('database unavailable');
  const { fetchPage, log } = api<number>({}, { start: boom });
  const it = paginate(fetchPage);
  const o = await step(it, 'the first next() when fetchPage(undefined) rejects', log.cursors);
  if (!('rejected' in o)) fail(`the first next() when fetchPage(undefined) rejects with Error("database unavailable"): expected next() to reject with that error, but it resolved ${show(o)}. Do not swallow the error: let it reach the consumer.`);
  same(o.rejected, boom, 'the error the consumer got when fetchPage(undefined) rejected', 'It should be the very error object fetchPage rejected with, not a copy or a new Error.');
});

test('an error from fetchPage for a later page comes after the earlier items, and ends the iterator', async () => {
  const paginate = learner.get('paginate');
  const boom = new TypeError('page 2 is corrupt');
  const { fetchPage, log } = api<string>({ start: { items: ['p1a', 'p1b'], next: 'two' } }, { two: boom });
  const it = paginate(fetchPage);
  const pulled = await pullAll(it, 2, 'paginate over ["p1a", "p1b"] → a page whose fetch rejects', log.cursors);
  equal(pulled.values, ['p1a', 'p1b'], 'the items before the failing fetch');
  ok(pulled.threw, 'fetchPage("two") rejected with TypeError("page 2 is corrupt"), so the next() after "p1b" should reject with it, but the iterator simply ended. Do not swallow the error: let it reach the consumer.');
  same(pulled.error, boom, 'the error the consumer got when fetchPage("two") rejected', 'It should be the very error object fetchPage rejected with.');
  const after = await step(it, 'next() after the error', log.cursors);
  equal(after, DONE, 'next() after the error');
  equal(log.cursors, [undefined, 'two'], 'the cursors fetchPage was called with', 'After an error, do not retry or go on fetching.');
});

test('break in for await stops all fetching', async () => {
  const paginate = learner.get('paginate');
  const { fetchPage, log } = api({
    start: { items: ['a', 'b', 'c'], next: 'p2' },
    p2: { items: ['d'] },
  });
  const it = paginate(fetchPage);
  const seen: string[] = [];
  const loop = (async () => {
    for await (const item of { [Symbol.asyncIterator]: () => it }) {
      seen.push(item);
      if (item === 'c') break;
    }
  })();
  let finished = false;
  let loopError: unknown;
  loop.then(() => (finished = true), (error: unknown) => { finished = true; loopError = error; });
  await jest.advanceTimersByTimeAsync(STEP_MS);
  ok(finished, `for await with break after "c" did not finish: it was still waiting after ${STEP_MS} ms; items seen: ${show(seen)}.`);
  if (loopError !== undefined) fail(`for await with break after "c" threw ${describeError(loopError)}.`);
  equal(seen, ['a', 'b', 'c'], 'the items seen by for await before its break');
  await jest.advanceTimersByTimeAsync(10 * FETCH_MS);
  equal(log.cursors, [undefined], 'the cursors fetched by the time the loop broke after the last item of the first page (and a while after)', 'break calls return(): nothing more may be fetched.');
  const after = await step(it, 'next() after the loop broke', log.cursors);
  equal(after, DONE, 'next() after the for await loop broke', 'break calls return() on the iterator, and after that it must be finished (a hand-written class has to mark itself finished in return()).');
  equal(log.cursors, [undefined], 'the cursors fetched after next() was called on the closed iterator');
});

test('two next() calls made at once get the first two items, with one fetch', async () => {
  const paginate = learner.get('paginate');
  const { fetchPage, log } = api({
    start: { items: ['first', 'second'], next: 'p2' },
    p2: { items: ['third'] },
  });
  const it = paginate(fetchPage);
  const got: Outcome<string>[] = [];
  const record = (p: Promise<IteratorResult<string>>) =>
    p.then((r) => got.push(r.done ? DONE : item(r.value)), (error: unknown) => got.push({ rejected: error }));
  const both = Promise.all([record(it.next()), record(it.next())]);
  await jest.advanceTimersByTimeAsync(STEP_MS);
  await both;
  equal(got, [item('first'), item('second')], 'what two next() calls, made before the first page arrived, resolved to (in order)',
    'Each item is handed out once, in order, however the consumer calls next(). An async generator queues the calls for you.');
  equal(log.cursors, [undefined], 'the cursors fetched for those two next() calls', 'Both items are on the first page: one fetch, not one per next() call, and nothing fetched ahead.');
  same(log.maxInFlight, 1, 'the most fetchPage calls in flight at once');
});
