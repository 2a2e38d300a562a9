// Hidden suite for 04-generators (tools.ts): fibonacci, take, enumerate, zip, chain.
// Behaviour only: generator functions and hand-written iterator classes both get full marks.
import { equal, same, ok, throws, collect, drain, result, submission, countingIterable, fail, show } from '../harness';
import type * as Learner from '@submission/04-generators/tools';

const learner = submission<typeof Learner>('tools.ts', () => require('@submission/04-generators/tools'));

// ---- instrumented sources ------------------------------------------------------------------

/**
 * A list-like source (each [Symbol.iterator]() gives a fresh iterator, as an array does) that
 * writes every call into a journal shared with other sources, so that a test can check the
 * order in which a tool pulls from several sources: ['a.open', 'a.next', 'b.open', …].
 */
interface Tracked<T> {
  iterable: Iterable<T>;
  opened: number;
  nexts: number;
  returns: number;
}

function tracked<T>(name: string, values: readonly T[], journal: string[]): Tracked<T> {
  const record: Tracked<T> = {
    opened: 0,
    nexts: 0,
    returns: 0,
    iterable: {
      [Symbol.iterator](): Iterator<T> {
        record.opened++;
        journal.push(`${name}.open`);
        let index = 0;
        let finished = false;
        const iterator: IterableIterator<T> = {
          next(): IteratorResult<T> {
            record.nexts++;
            journal.push(`${name}.next`);
            if (finished || index >= values.length) {
              finished = true;
              return { done: true, value: undefined };
            }
            return { done: false, value: values[index++] as T };
          },
          return(value?: unknown): IteratorResult<T> {
            record.returns++;
            journal.push(`${name}.return`);
            finished = true;
            return { done: true, value: value as T };
          },
          [Symbol.iterator]() {
            return iterator;
          },
        };
        return iterator;
      },
    },
  };
  return record;
}

/** Only the calls of one kind, e.g. nextCalls(journal) → ['a.next', 'b.next', 'c.next', 'a.next']. */
function nextCalls(journal: readonly string[]): string[] {
  return journal.filter((call) => call.endsWith('.next'));
}

function step<T>(it: Iterator<T>, what: string): IteratorResult<T> {
  return result<T>(it.next(), what);
}

function fibonacciReference(count: number): number[] {
  const values: number[] = [];
  let [a, b] = [0, 1];
  for (let i = 0; i < count; i++) {
    values.push(a);
    [a, b] = [b, a + b];
  }
  return values;
}

// ---- fibonacci -----------------------------------------------------------------------------

test('fibonacci yields 0, 1, 1, 2, 3, 5, 8, 13, 21, 34 first', () => {
  const fibonacci = learner.get('fibonacci');
  const it = fibonacci();
  const values: unknown[] = [];
  for (let i = 0; i < 10; i++) {
    const r = step(it, `fibonacci(): next() number ${i + 1}`);
    if (r.done) fail(`fibonacci(): next() number ${i + 1} returned done: true; the sequence never ends, so every next() must give a value. Values so far: ${show(values)}.`);
    values.push(r.value);
  }
  equal(values, [0, 1, 1, 2, 3, 5, 8, 13, 21, 34], 'the first ten values of fibonacci()', 'It starts 0, 1, and each value after that is the sum of the two before it.');
});

test('fibonacci never ends: 300 next() calls all give values', () => {
  const fibonacci = learner.get('fibonacci');
  const it = fibonacci();
  const expected = fibonacciReference(300);
  for (let i = 0; i < 300; i++) {
    const r = step(it, `fibonacci(): next() number ${i + 1}`);
    if (r.done) fail(`fibonacci(): next() number ${i + 1} returned done: true. fibonacci() is infinite: the loop inside never ends, the consumer decides when to stop (with take, or break).`);
    if (i === 78) same(r.value, expected[78], 'the 79th value of fibonacci() (the largest that a number holds exactly)');
  }
});

test('each call of fibonacci() starts again at 0', () => {
  const fibonacci = learner.get('fibonacci');
  const first = fibonacci();
  const firstValues = [step(first, 'first fibonacci()').value, step(first, 'first fibonacci()').value, step(first, 'first fibonacci()').value, step(first, 'first fibonacci()').value];
  const second = fibonacci();
  const secondValues = [step(second, 'second fibonacci()').value, step(second, 'second fibonacci()').value, step(second, 'second fibonacci()').value];
  equal(firstValues, [0, 1, 1, 2], 'the first four values of a new fibonacci()', 'Every call of fibonacci() must start at 0, whatever other fibonacci() generators did before: keep the running values in local variables inside the generator.');
  equal(secondValues, [0, 1, 1], 'the first three values of a second fibonacci(), made after the first had given four', 'Keep the running values inside the generator (local variables), not in module-level variables that every call shares.');
  equal(step(first, 'first fibonacci()').value, 3, 'the fifth value of the first fibonacci(), after the second one ran', 'Two generators must not share their state.');
});

test('a fibonacci() generator closed with return() is finished for good', () => {
  const fibonacci = learner.get('fibonacci');
  const it = fibonacci();
  step(it, 'fibonacci()');
  step(it, 'fibonacci()');
  if (typeof it.return !== 'function') fail('fibonacci() must return a generator, which has a return() method (it closes the generator, like Python\'s close()); this one has no return().');
  const closed = result(it.return(undefined), 'fibonacci().return()');
  same(closed.done, true, 'done of the result of fibonacci().return()');
  const after = step(it, 'fibonacci().next() after return()');
  equal({ done: after.done, value: after.value }, { done: true, value: undefined }, 'fibonacci().next() after return()', 'A closed generator stays finished: every next() after return() gives { done: true, value: undefined }.');
});

// ---- take ----------------------------------------------------------------------------------

test('take yields the first n values, or fewer if the source ends first', () => {
  const take = learner.get('take');
  equal(collect(take(['a', 'b', 'c', 'd'], 2), 10, "take(['a', 'b', 'c', 'd'], 2)"), ['a', 'b'], "the values of take(['a', 'b', 'c', 'd'], 2)");
  equal(collect(take(new Set([1, 2]), 5), 10, 'take(new Set([1, 2]), 5)'), [1, 2], 'the values of take(new Set([1, 2]), 5)', 'When the source ends before n values, take ends with it.');
  equal(collect(take('xyz', 3), 10, "take('xyz', 3)"), ['x', 'y', 'z'], "the values of take('xyz', 3)");
  const fibonacci = learner.get('fibonacci');
  equal(collect(take(fibonacci(), 7), 10, 'take(fibonacci(), 7)'), [0, 1, 1, 2, 3, 5, 8], 'the values of take(fibonacci(), 7)');
});

test('take pulls nothing before the first next() and one value per next()', () => {
  const take = learner.get('take');
  const { iterable, log } = countingIterable([10, 20, 30, 40, 50]);
  const it = take(iterable, 4);
  same(log.nexts, 0, 'next() calls on the source right after take(source, 4), before any next()', 'A generator runs nothing before its first next(): do not read the source ahead into an array.');
  for (let k = 1; k <= 3; k++) {
    const r = step(it, 'take(source, 4)');
    same(r.value, [10, 20, 30][k - 1], `value number ${k} of take([10, 20, 30, 40, 50], 4)`);
    same(log.nexts, k, `next() calls on the source after ${k} next() on take(source, 4)`, 'take must pull one value for each value it is asked for, not read ahead.');
  }
});

test('take pulls at most n values from its source', () => {
  const take = learner.get('take');
  const { iterable, log } = countingIterable([10, 20, 30, 40, 50]);
  equal(collect(take(iterable, 3), 10, 'take([10, 20, 30, 40, 50], 3)'), [10, 20, 30], 'the values of take([10, 20, 30, 40, 50], 3)');
  same(log.nexts, 3, 'next() calls take(source, 3) made on its source', `take asked for more than 3 values (${show(log.given)} were handed out): stop right after yielding the 3rd, before asking the source for another.`);
  const endless = countingIterable([1, 2, 3], { endless: true });
  collect(take(endless.iterable, 5), 10, 'take(an endless source, 5)');
  same(endless.log.nexts, 5, 'next() calls take(endless source, 5) made on its source', 'Every value pulled and not yielded is lost to whoever uses the source next.');
});

test('take closes its source exactly once when it has yielded n values', () => {
  const take = learner.get('take');
  const { iterable, log } = countingIterable(['a', 'b', 'c', 'd', 'e']);
  const it = take(iterable, 2);
  step(it, 'take(source, 2)');
  step(it, 'take(source, 2)');
  const third = step(it, 'take(source, 2): the third next()');
  same(third.done, true, 'done of the third next() on take(source, 2)');
  same(log.returns, 1, 'return() calls on the source once take(source, 2) has ended', 'take stops before the source is used up, so it must close it: leave the for…of with return or break (for…of then calls the source\'s return()).');
  step(it, 'take(source, 2): a fourth next()');
  step(it, 'take(source, 2): a fifth next()');
  if (typeof it.return === 'function') it.return(undefined);
  same(log.returns, 1, 'return() calls on the source after more next() calls and a return() on the finished take(source, 2)', 'Close the source once: a finished generator does nothing more.');
  same(log.nexts, 2, 'next() calls take(source, 2) made on the source in all', 'After the 2nd value take must stop without asking the source for a 3rd.');
});

test('take closes its source when the consumer stops early', () => {
  const take = learner.get('take');
  const { iterable, log } = countingIterable([1, 2, 3, 4, 5, 6]);
  const seen: number[] = [];
  for (const value of take(iterable, 5)) {
    seen.push(value);
    if (seen.length === 2) break;
  }
  equal(seen, [1, 2], 'the values seen before break in for (const v of take(source, 5))');
  same(log.returns, 1, 'return() calls on the source after break out of take(source, 5)', 'break calls return() on take\'s generator; inside it, the for…of over the source is left at its yield, which calls the source\'s return().');
  same(log.nexts, 2, 'next() calls take(source, 5) made on the source before the break', 'take pulled values nobody asked for: pull one value per value yielded, not a batch up front.');
});

test('take with n negative or not an integer throws RangeError by the first next()', () => {
  const take = learner.get('take');
  for (const n of [-1, 2.5, NaN]) {
    const { iterable } = countingIterable([1, 2, 3]);
    throws(() => {
      const it = take(iterable, n);
      it.next();
    }, RangeError, `take(source, ${n}) and its first next()`, undefined);
  }
});

test('take(source, 0) yields nothing and never opens the source', () => {
  const take = learner.get('take');
  const { iterable, log } = countingIterable([1, 2, 3]);
  equal(collect(take(iterable, 0), 5, 'take(source, 0)'), [], 'the values of take(source, 0)');
  same(log.opened, 0, 'times take(source, 0) opened the source ([Symbol.iterator]())', 'With n = 0 there is nothing to take: return before the for…of, which would open the source.');
  same(log.nexts, 0, 'next() calls take(source, 0) made on the source');
});

// ---- enumerate -----------------------------------------------------------------------------

test('enumerate pairs each value with its index from 0', () => {
  const enumerate = learner.get('enumerate');
  equal(collect(enumerate(['a', 'b', 'c']), 10, "enumerate(['a', 'b', 'c'])"), [[0, 'a'], [1, 'b'], [2, 'c']], "the values of enumerate(['a', 'b', 'c'])");
  equal(collect(enumerate([]), 10, 'enumerate([])'), [], 'the values of enumerate([])');
});

test('enumerate counts from start when start is given', () => {
  const enumerate = learner.get('enumerate');
  equal(collect(enumerate('xy', 1), 10, "enumerate('xy', 1)"), [[1, 'x'], [2, 'y']], "the values of enumerate('xy', 1)", 'The second argument is the first index, as in Python\'s enumerate(it, start=1).');
  equal(collect(enumerate([true, false], -3), 10, 'enumerate([true, false], -3)'), [[-3, true], [-2, false]], 'the values of enumerate([true, false], -3)');
});

test('enumerate pulls nothing before the first next() and one value per next()', () => {
  const enumerate = learner.get('enumerate');
  const { iterable, log } = countingIterable(['p', 'q', 'r']);
  const it = enumerate(iterable, 0);
  same(log.nexts, 0, 'next() calls on the source right after enumerate(source), before any next()', 'Nothing runs before the first next(): do not copy the source into an array.');
  equal(step(it, 'enumerate(source)').value, [0, 'p'], 'the first value of enumerate(source)');
  same(log.nexts, 1, 'next() calls on the source after one next() on enumerate(source)', 'enumerate must pull one value for each pair it yields.');
});

// ---- zip -----------------------------------------------------------------------------------

test('zip yields tuples of the k-th values and ends with the shortest source', () => {
  const zip = learner.get('zip');
  equal(collect(zip([1, 2, 3], 'ab'), 10, "zip([1, 2, 3], 'ab')"), [[1, 'a'], [2, 'b']], "the values of zip([1, 2, 3], 'ab')");
  equal(collect(zip(['only']), 10, "zip(['only'])"), [['only']], "the values of zip(['only'])", 'With one source, each tuple has one value.');
  equal(collect(zip([1, 2], [3, 4], [5, 6]), 10, 'zip([1, 2], [3, 4], [5, 6])'), [[1, 3, 5], [2, 4, 6]], 'the values of zip([1, 2], [3, 4], [5, 6])');
});

test('zip() with no sources is done at once', () => {
  const zip = learner.get('zip');
  equal(collect(zip(), 3, 'zip()'), [], 'the values of zip()', 'With no sources there is no first tuple to make: Python\'s zip() is empty too. Do not loop for ever yielding [].');
});

test('zip pulls left to right each round and stops as soon as one source is done', () => {
  const zip = learner.get('zip');
  const journal: string[] = [];
  const a = tracked('a', [1, 2, 3], journal);
  const b = tracked('b', ['x'], journal);
  const c = tracked('c', [true, false, true], journal);
  const it = zip(a.iterable, b.iterable, c.iterable);
  same(a.nexts + b.nexts + c.nexts, 0, 'next() calls on the sources right after zip(a, b, c), before any next()', 'A generator runs nothing before its first next().');
  equal(step(it, 'zip(a, b, c)').value, [1, 'x', true], 'the first value of zip(a, b, c)');
  equal(nextCalls(journal), ['a.next', 'b.next', 'c.next'], 'the next() calls on the sources for the first tuple', 'One next() per source, left to right.');
  const second = step(it, 'zip(a, b, c): the second next()');
  same(second.done, true, 'done of the second next() on zip(a, b, c), where b has one value');
  equal(nextCalls(journal), ['a.next', 'b.next', 'c.next', 'a.next', 'b.next'], 'the next() calls on the sources until zip(a, b, c) ended', 'Once b says done there is no tuple to make: do not ask c for a value that would be thrown away.');
});

test('zip closes the sources that are not exhausted when one runs out', () => {
  const zip = learner.get('zip');
  const journal: string[] = [];
  const a = tracked('a', [1, 2, 3], journal);
  const b = tracked('b', ['x'], journal);
  const c = tracked('c', [true, false, true], journal);
  equal(collect(zip(a.iterable, b.iterable, c.iterable), 5, 'zip(a, b, c)'), [[1, 'x', true]], 'the values of zip(a, b, c), where b has one value');
  same(a.returns, 1, 'return() calls on a (not exhausted) after zip(a, b, c) ended', 'zip leaves a and c half-read: close them with their return(), e.g. in a finally block.');
  same(c.returns, 1, 'return() calls on c (not exhausted) after zip(a, b, c) ended', 'zip leaves c half-read: close it with its return(), e.g. in a finally block.');
  ok(b.returns <= 1, `b was closed ${b.returns} times; close each source at most once.`);
});

test('zip closes every source when the consumer stops early', () => {
  const zip = learner.get('zip');
  const journal: string[] = [];
  const a = tracked('a', [1, 2, 3], journal);
  const b = tracked('b', ['x', 'y', 'z'], journal);
  for (const pair of zip(a.iterable, b.iterable)) {
    equal(pair, [1, 'x'], 'the first value of zip(a, b)');
    break;
  }
  same(a.returns, 1, 'return() calls on a after break out of for (const pair of zip(a, b))', 'break calls return() on zip\'s generator: a finally block around its loop runs then, and can close the sources.');
  same(b.returns, 1, 'return() calls on b after break out of for (const pair of zip(a, b))');
});

// ---- chain ---------------------------------------------------------------------------------

test('chain yields every value of each iterable in turn', () => {
  const chain = learner.get('chain');
  equal(collect(chain<number | string>([1, 2], [], 'ab', new Set([3])), 10, "chain([1, 2], [], 'ab', new Set([3]))"), [1, 2, 'a', 'b', 3], "the values of chain([1, 2], [], 'ab', new Set([3]))");
  equal(collect(chain(), 3, 'chain()'), [], 'the values of chain()');
  const take = learner.get('take');
  const fibonacci = learner.get('fibonacci');
  equal(collect(take(chain([-1], fibonacci()), 4), 10, 'take(chain([-1], fibonacci()), 4)'), [-1, 0, 1, 1], 'the values of take(chain([-1], fibonacci()), 4)');
});

test('chain opens the next iterable only once the one before is exhausted', () => {
  const chain = learner.get('chain');
  const journal: string[] = [];
  const a = tracked('a', [1, 2], journal);
  const b = tracked('b', [3, 4], journal);
  const c = tracked('c', [5], journal);
  const it = chain(a.iterable, b.iterable, c.iterable);
  same(a.nexts, 0, 'next() calls on a right after chain(a, b, c), before any next()', 'A generator runs nothing before its first next().');
  equal([step(it, 'chain(a, b, c)').value, step(it, 'chain(a, b, c)').value], [1, 2], 'the first two values of chain(a, b, c)');
  same(b.opened, 0, 'times b was opened after chain(a, b, c) gave a\'s two values (a has not said done yet)', 'Open each iterable only when its turn comes: yield* opens it then. Opening them all up front starts work (a file, a request) that may never be needed.');
  same(c.opened, 0, 'times c was opened after chain(a, b, c) gave a\'s two values');
  same(step(it, 'chain(a, b, c)').value, 3, 'the third value of chain(a, b, c)');
  same(b.opened, 1, 'times b was opened once a was exhausted');
  same(c.opened, 0, 'times c was opened while b is still being read');
  same(b.nexts, 1, 'next() calls on b after chain(a, b, c) gave its third value', 'Pull one value per value asked for.');
  equal(collect({ [Symbol.iterator]: () => it }, 5, 'the rest of chain(a, b, c)'), [4, 5], 'the rest of chain(a, b, c)');
});

test('chain closes the iterable it is reading when the consumer stops early', () => {
  const chain = learner.get('chain');
  const journal: string[] = [];
  const a = tracked('a', [1], journal);
  const b = tracked('b', [2, 3, 4], journal);
  const c = tracked('c', [5], journal);
  const seen: number[] = [];
  for (const value of chain(a.iterable, b.iterable, c.iterable)) {
    seen.push(value);
    if (value === 2) break;
  }
  equal(seen, [1, 2], 'the values seen before break in for (const v of chain(a, b, c))');
  same(b.returns, 1, 'return() calls on b, the iterable chain was reading at the break', 'break calls return() on chain\'s generator; yield* passes it on to the iterable it is reading.');
  same(c.opened, 0, 'times c was opened (the consumer stopped before its turn)');
  ok(a.returns <= 1, `a (already exhausted) was closed ${a.returns} times; at most once is fine.`);
});

test('the tools compose: enumerate(take(fibonacci(), 5), 1)', () => {
  const { enumerate, take, fibonacci, zip } = { enumerate: learner.get('enumerate'), take: learner.get('take'), fibonacci: learner.get('fibonacci'), zip: learner.get('zip') };
  equal(collect(enumerate(take(fibonacci(), 5), 1), 10, 'enumerate(take(fibonacci(), 5), 1)'), [[1, 0], [2, 1], [3, 1], [4, 2], [5, 3]], 'the values of enumerate(take(fibonacci(), 5), 1)');
  const fib = fibonacci();
  equal(collect(zip('abc', fib), 10, "zip('abc', fib)"), [['a', 0], ['b', 1], ['c', 1]], "the values of zip('abc', fib) where fib = fibonacci()");
  const after = step(fib, 'fib.next() after zip(\'abc\', fib) ended');
  same(after.done, true, 'done of fib.next() after zip(\'abc\', fib) ended', 'zip must close fib (its return()) when \'abc\' runs out; a closed generator is finished.');
});
