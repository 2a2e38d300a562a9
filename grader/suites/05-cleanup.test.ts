// Hidden suite for 05-cleanup (line-reader.ts): LineReader closes its source exactly once on
// every path. Behaviour only: a plain class, a class around a generator, any internals pass.
import { equal, same, ok, collect, result, submission, fail, show } from '../harness';
import type * as Learner from '@submission/05-cleanup/line-reader';

const learner = submission<typeof Learner>('line-reader.ts', () => require('@submission/05-cleanup/line-reader'));

// ---- an instrumented LineSource ------------------------------------------------------------

interface SourceLog {
  /** readLine() calls, in all. */
  reads: number;
  /** readLine() calls made after close(): a real file would refuse them. */
  readsAfterClose: number;
  /** close() calls. */
  closes: number;
  /** Every call in order: ['read', 'read', 'close']. */
  calls: string[];
}

/**
 * A LineSource over `lines` (null after the last one) that records every call. With `failAt`,
 * the failAt-th readLine() (1-based) throws `error` instead of giving a line.
 */
function lineSource(lines: readonly string[], failure?: { at: number; error: unknown }) {
  const log: SourceLog = { reads: 0, readsAfterClose: 0, closes: 0, calls: [] };
  let index = 0;
  const source: Learner.LineSource = {
    readLine(): string | null {
      log.reads++;
      log.calls.push('read');
      if (log.closes > 0) log.readsAfterClose++;
      if (failure && log.reads === failure.at) throw failure.error;
      return index < lines.length ? (lines[index++] as string) : null;
    },
    close(): void {
      log.closes++;
      log.calls.push('close');
    },
  };
  return { source, log };
}

function newReader(lines: readonly string[], failure?: { at: number; error: unknown }) {
  const LineReader = learner.get('LineReader');
  const { source, log } = lineSource(lines, failure);
  return { reader: new LineReader(source), log };
}

function callReturn(reader: Learner.LineReader, value: unknown, what: string): IteratorResult<string, unknown> {
  if (typeof reader.return !== 'function') {
    fail(`${what}: LineReader has no return() method. for…of calls return() on break and on an exception, destructuring calls it when it stops early: that is where the source gets closed.`);
  }
  return result<string>(reader.return(value), what) as IteratorResult<string, unknown>;
}

const LINES = ['first line', 'second line', 'third line'] as const;

// ---- reading -------------------------------------------------------------------------------

test('for…of over a LineReader gives every line in order', () => {
  const { reader } = newReader(LINES);
  equal(collect(reader, 10, 'for…of over a LineReader of three lines'), [...LINES], 'the lines of a LineReader over three lines');
  const empty = newReader([]);
  equal(collect(empty.reader, 10, 'for…of over a LineReader of no lines'), [], 'the lines of a LineReader over a source with no lines', 'readLine() returning null at once means there are no lines.');
});

test('an empty line "" is a line: only null ends the lines', () => {
  const { reader } = newReader(['', 'after the blank', '']);
  equal(collect(reader, 10, 'for…of over the lines "", "after the blank", ""'), ['', 'after the blank', ''], 'the lines of a source whose lines are "", "after the blank", ""', 'An empty string is falsy but it is a line: test for null (line === null), not for a falsy line.');
});

test('a LineReader is its own iterator', () => {
  const { reader } = newReader(LINES);
  same(reader[Symbol.iterator](), reader, 'reader[Symbol.iterator]()', 'Like Python\'s file objects, whose __iter__ returns self: return this.');
});

test('lines are read one at a time, only when asked for', () => {
  const { reader, log } = newReader(LINES);
  same(log.reads, 0, 'readLine() calls made by new LineReader(source), before any next()', 'Read nothing in the constructor: the first line is read by the first next().');
  const first = result<string>(reader.next(), 'reader.next()');
  equal({ done: first.done, value: first.value }, { done: false, value: 'first line' }, 'the first reader.next()');
  same(log.reads, 1, 'readLine() calls after one reader.next()', 'next() reads one line, no more: reading ahead takes lines out of the source that the loop may never want.');
});

// ---- closing on every path -----------------------------------------------------------------

test('the source is closed exactly once when the lines run out', () => {
  const { reader, log } = newReader(LINES);
  collect(reader, 10, 'for…of over a LineReader of three lines');
  same(log.closes, 1, 'close() calls once for…of has read every line', 'When readLine() returns null the reader has reached the end: close the source there. for…of does not call return() when next() says done.');
  const readsAtEnd = log.reads;
  for (let i = 0; i < 3; i++) {
    const r = result<string>(reader.next(), 'reader.next() after the end');
    equal({ done: r.done, value: r.value }, { done: true, value: undefined }, 'reader.next() after the end');
  }
  same(log.closes, 1, 'close() calls after three more next() calls on the finished reader', 'Close only once: remember that it is closed.');
  same(log.reads, readsAtEnd, 'readLine() calls made by next() after the end', 'Once closed, next() must answer done without reading: the source is closed.');
});

test('closed is false while reading and true once the source is closed', () => {
  const { reader } = newReader(['only line']);
  same(reader.closed, false, 'reader.closed before any next()');
  reader.next();
  same(reader.closed, false, 'reader.closed after reading the only line (readLine() has not returned null yet)');
  reader.next();
  same(reader.closed, true, 'reader.closed after next() found the end');
  const other = newReader(LINES).reader;
  other.next();
  callReturn(other, undefined, 'reader.return()');
  same(other.closed, true, 'reader.closed after reader.return()');
});

test('break out of for…of closes the source', () => {
  const { reader, log } = newReader(LINES);
  const seen: string[] = [];
  for (const line of reader) {
    seen.push(line);
    if (seen.length === 2) break;
  }
  equal(seen, ['first line', 'second line'], 'the lines seen before break');
  same(log.closes, 1, 'close() calls after break out of for (const line of reader)', 'break makes for…of call reader.return(): close the source there.');
  same(log.reads, 2, 'readLine() calls before the break', 'Read a line only when next() is called: a line read ahead is lost to whoever reads the source next.');
  same(reader.closed, true, 'reader.closed after the break');
});

test('an exception in the loop body closes the source and still reaches the caller', () => {
  const { reader, log } = newReader(LINES);
  const bodyError = new Error('the loop body failed');
  let caught: unknown;
  try {
    for (const line of reader) {
      if (line === 'second line') throw bodyError;
    }
  } catch (error) {
    caught = error;
  }
  same(caught, bodyError, 'what the caller caught from the loop', 'return() must not swallow the loop body\'s error: just close and return { done: true, value }.');
  same(log.closes, 1, 'close() calls after an exception thrown inside for (const line of reader)', 'An exception leaving the loop body makes for…of call reader.return(), just as break does.');
});

test('array destructuring const [first] = reader closes the source', () => {
  const { reader, log } = newReader(LINES);
  const [first] = reader;
  same(first, 'first line', 'first, after const [first] = reader');
  same(log.reads, 1, 'readLine() calls made by const [first] = reader', 'Destructuring one value calls next() once: it should read one line.');
  same(log.closes, 1, 'close() calls after const [first] = reader', 'Destructuring takes what it needs and then calls reader.return(), since the iterator is not done.');
  const short = newReader(['only line']);
  const [a, b] = short.reader;
  equal([a, b], ['only line', undefined], 'const [a, b] = reader over one line');
  same(short.log.closes, 1, 'close() calls after const [a, b] = reader over one line (the end was reached, so no return())');
});

test('a manual return() closes the source', () => {
  const { reader, log } = newReader(LINES);
  reader.next();
  callReturn(reader, undefined, 'reader.return() after one line');
  same(log.closes, 1, 'close() calls after reader.return()', 'return() is how a consumer says "I am finished": close the source there.');
});

test('return() before any next() closes the source', () => {
  const { reader, log } = newReader(LINES);
  const r = callReturn(reader, undefined, 'reader.return() on a fresh reader');
  same(r.done, true, 'done of reader.return() on a fresh reader');
  same(log.closes, 1, 'close() calls after reader.return() on a reader that never read', 'The source was open from the start, so return() must close it even before the first next(). (A generator that never started skips its finally block on return(): if you wrap one, close the source yourself.)');
  same(log.reads, 0, 'readLine() calls made by reader.return() on a fresh reader');
});

test('return(value) gives back { done: true, value }', () => {
  const { reader } = newReader(LINES);
  reader.next();
  const marker = { reason: 'finished early' };
  const r = callReturn(reader, marker, 'reader.return(marker)');
  same(r.done, true, 'done of reader.return(marker)');
  same(r.value, marker, 'value of reader.return(marker)', 'return(value) hands the value back: { done: true, value }, as a generator\'s return() does.');
  const again = callReturn(reader, 'again', "reader.return('again') on a closed reader");
  equal({ done: again.done, value: again.value }, { done: true, value: 'again' }, "reader.return('again') on a closed reader");
});

test('calling return() again, or after the end, closes nothing more', () => {
  const twice = newReader(LINES);
  twice.reader.next();
  callReturn(twice.reader, undefined, 'a first reader.return()');
  callReturn(twice.reader, undefined, 'a second reader.return()');
  same(twice.log.closes, 1, 'close() calls after reader.return() twice', 'Close the source once: keep a flag and make return() do nothing the second time.');
  const ended = newReader(['only line']);
  collect(ended.reader, 5, 'for…of over a LineReader of one line');
  callReturn(ended.reader, undefined, 'reader.return() after the end');
  same(ended.log.closes, 1, 'close() calls after reading to the end and then reader.return()', 'The end already closed the source; return() must not close it again.');
});

test('after return(), next() is done and reads nothing', () => {
  const { reader, log } = newReader(LINES);
  reader.next();
  callReturn(reader, undefined, 'reader.return()');
  for (let i = 0; i < 2; i++) {
    const r = result<string>(reader.next(), 'reader.next() after return()');
    equal({ done: r.done, value: r.value }, { done: true, value: undefined }, 'reader.next() after reader.return()', 'A closed reader is finished: every next() is { done: true, value: undefined }.');
  }
  same(log.readsAfterClose, 0, 'readLine() calls made after the source was closed', 'Check your closed flag in next() before reading: reading a closed file is an error.');
  same(log.closes, 1, 'close() calls after return() and two more next() calls');
});

// ---- readLine() throwing -------------------------------------------------------------------

test('when readLine() throws, the source is closed and the same error reaches the loop', () => {
  const readError = new Error('disk read failed');
  const { reader, log } = newReader(LINES, { at: 2, error: readError });
  const seen: string[] = [];
  let caught: unknown;
  let threw = false;
  let closesWhenCaught = -1;
  try {
    for (const line of reader) seen.push(line);
  } catch (error) {
    threw = true;
    caught = error;
    closesWhenCaught = log.closes;
  }
  equal(seen, ['first line'], 'the lines the loop saw before readLine() threw (on its second call)', 'Each next() reads exactly one line, so the error of the second read belongs to the second next().');
  ok(threw, `readLine() threw on its second call, but the loop over the reader ended normally after ${show(seen)}: the error was swallowed. Close the source, then rethrow the very same error (throw error in the catch block).`);
  same(caught, readError, 'the error that reached the loop', 'Rethrow the caught error itself, not a new Error: the caller needs the original.');
  same(closesWhenCaught, 1, 'close() calls when the loop caught readLine()\'s error', 'When next() throws, for…of does NOT call return(): next() itself must close the source before letting the error go (try { … } catch (e) { close; throw e }, or try/finally).');
  same(reader.closed, true, 'reader.closed after readLine() threw');
});

test('after readLine() threw, next() is done and reads nothing more', () => {
  const readError = new Error('disk read failed');
  const { reader, log } = newReader(LINES, { at: 1, error: readError });
  let caught: unknown;
  try {
    reader.next();
  } catch (error) {
    caught = error;
  }
  same(caught, readError, 'the error thrown by the first reader.next() when readLine() throws', 'next() must let readLine()\'s error out (after closing), not turn it into done.');
  const readsAfterError = log.reads;
  const r = result<string>(reader.next(), 'reader.next() after readLine() threw');
  equal({ done: r.done, value: r.value }, { done: true, value: undefined }, 'reader.next() after readLine() threw', 'The reader closed the source when the read failed, so it is finished.');
  same(log.reads, readsAfterError, 'readLine() calls made after the failed read');
  callReturn(reader, undefined, 'reader.return() after readLine() threw');
  same(log.closes, 1, 'close() calls after the failed read, one more next() and a return()', 'The failed read closed the source already: close it once in all.');
});
