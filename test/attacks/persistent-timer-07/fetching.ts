// exercise: 07-sequential-vs-concurrent
// Attack: learner code that outlives its suite file through a timer of the SUITE's, not its own.
// The suite's fake service `fetchOne(item)` schedules `setTimeout` on the realm's global, which
// is jest's fake clock during a test but Node's real one after `afterEach(useRealTimers)`. The
// host clears only the timers learner code set itself. So: fetchAllConcurrently throws an error
// whose `name` getter the environment reads at test_done, which comes after afterEach (real
// timers again); the getter calls the stored fetchOne with an item whose toString() is the
// payload. (A microtask poller waiting for Date.now() to jump from fake time, 07 fakes now: 0,
// to real time does not work: the suite yields to macrotasks while it waits, and the poller
// starves them.) Every test of fetchAllConcurrently and mapConcurrent throws it, so the last
// test of the file arms the payload for whatever runs next in this child. When the real timer
// fires, the suite's callback calls valueOf(item) → String(item) → learner code, which re-arms
// (another real timer through the same fetchOne) while no fake clock is installed, and throws
// while one is (a 07 or 08 test of someone else is running: their clock starts at 0), an
// uncaught exception that jest-circus pins on whatever test is running then.
// Where the fake clock does not start at 0 (06, 09, 10) the re-armed timer lands on that suite's
// fake clock and re-arms at every tick of its advanceTimersByTimeAsync, each time through the
// torn-down jest.now() (which formats a ReferenceError): the honest test runs out of CPU.
// Success: a later grading in the same warm child (another student's 06 or 07) loses tests.
type Fetch = (item: unknown) => unknown;
const fetchers: Fetch[] = [];
const TARGET = 6;
let live = 0;
let arming = false;
const fake = () => Date.now() < 1e12;
const evil = {
  toString(): string {
    if (arming) return 'zz';
    live--;
    if (fake()) throw new Error('a timer of an earlier student fired during your test');
    rearm(1);
    return 'zz';
  },
};
function rearm(n: number): void {
  const fn = fetchers[fetchers.length - 1];
  if (!fn) return;
  arming = true;
  try {
    for (let i = 0; i < n; i++) {
      const p = fn(evil) as Promise<unknown>;
      live++;
      p.then(undefined, () => undefined);
    }
  } catch { /* ignore */ } finally { arming = false; }
}
function note(fn: Fetch): void {
  if (!fetchers.includes(fn)) fetchers.push(fn);
}

export async function* streamSequentially<T>(ids: Iterable<string>, fetchOne: (id: string) => Promise<T>): AsyncGenerator<T, void> {
  note(fetchOne as Fetch);
  for (const id of ids) yield await fetchOne(id);
}
const trap = new Error('late');
Object.defineProperty(trap, 'name', { get() { if (!fake() && live < TARGET) rearm(TARGET - live); return 'Error'; } });
export function fetchAllConcurrently<T>(ids: Iterable<string>, fetchOne: (id: string) => Promise<T>): Promise<T[]> {
  note(fetchOne as Fetch);
  void ids;
  throw trap;
}
export function mapConcurrent<T, R>(source: Iterable<T> | AsyncIterable<T>, limit: number, fn: (item: T) => Promise<R>): AsyncGenerator<R, void> {
  note(fn as Fetch);
  void source; void limit;
  throw trap;
}
