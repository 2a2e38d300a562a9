import { equal, same, ok, throws, drain, collect, result, show, includes, submission, countingIterable, fail, CheckFailure } from '../harness';
import type * as Learner from '@submission/03-python-bridge/bridge';

const learner = submission<typeof Learner>('bridge.ts', () => require('@submission/03-python-bridge/bridge'));

type StopIterationClass = typeof Learner.StopIteration;

function describe(error: unknown): string {
  if (!(error instanceof Error)) return show(error);
  return error.message ? `${error.name}: ${error.message}` : `${error.name} (with an empty message)`;
}

const ESCAPED_STOP = 'A StopIteration thrown by __next__ means the end: next() should turn it into { done: true, value: undefined }, not let it escape.';

/** Runs learner code that must not throw; a throw becomes a message instead of a stack trace. */
function attempt<T>(run: () => T, what: string, hint?: string): T {
  try {
    return run();
  } catch (error) {
    if (error instanceof CheckFailure) throw error; // a check inside already said what went wrong
    const stop = error instanceof Error && error.name === 'StopIteration' ? ` ${ESCAPED_STOP}` : '';
    return fail(`${what} threw ${describe(error)}, but it should not throw here.${stop}${hint ? ` ${hint}` : ''}`);
  }
}

/** Runs learner code that must throw, and returns what it threw. */
function caught(run: () => unknown, what: string, hint?: string): unknown {
  let value: unknown;
  try {
    value = run();
  } catch (error) {
    return error;
  }
  return fail(`${what}: expected it to throw, but it returned ${show(value)}.${hint ? ` ${hint}` : ''}`);
}

function isStop(StopIteration: StopIterationClass, error: unknown): boolean {
  return error instanceof StopIteration && (error as Error).name === 'StopIteration';
}

interface DunderLog {
  /** __iter__() calls. */
  iters: number;
  /** __next__() calls, over every iterator __iter__ made. */
  nexts: number;
  /** __next__() calls made after this source had thrown StopIteration. */
  afterStop: number;
}

interface DunderOptions {
  /** Make the k-th __next__() call (1-based) throw this instead. */
  throwAt?: { call: number; error: unknown };
  /** The message of the StopIteration thrown at the end (Python's is empty). */
  stopMessage?: string;
  /** A badly behaved iterator: after StopIteration, __next__ hands out `'again'` forever. */
  resumes?: boolean;
  /** Python's usual iterator: one object with __iter__() returning itself and __next__(). */
  selfIterator?: boolean;
}

/** A Python-style iterable over `values` whose magic methods count their calls. */
function dunderSource<T>(StopIteration: StopIterationClass, values: readonly T[], options: DunderOptions = {}) {
  const log: DunderLog = { iters: 0, nexts: 0, afterStop: 0 };
  function makeIterator(): Learner.PyIterator<T> & { __iter__(): Learner.PyIterator<T> } {
    let index = 0;
    let stopped = false;
    const iterator = {
      __iter__() {
        log.iters++;
        return iterator;
      },
      __next__(): T {
        log.nexts++;
        if (stopped) log.afterStop++;
        if (options.throwAt && log.nexts === options.throwAt.call) throw options.throwAt.error;
        if (stopped && options.resumes) return 'again' as unknown as T;
        if (!stopped && index < values.length) return values[index++] as T;
        stopped = true;
        throw new StopIteration(options.stopMessage ?? '');
      },
    };
    return iterator;
  }
  if (options.selfIterator) return { obj: makeIterator() as Learner.PyIterable<T>, log };
  const obj: Learner.PyIterable<T> = {
    __iter__() {
      log.iters++;
      return makeIterator();
    },
  };
  return { obj, log };
}

/** Python's `for`, written out: iter once, then __next__ until StopIteration (bounded). */
function pythonFor<T>(StopIteration: StopIterationClass, obj: Learner.PyIterable<T>, max: number, what: string): T[] {
  const iterator = attempt(() => obj.__iter__(), `${what}: __iter__()`);
  if (iterator === null || typeof iterator !== 'object' || typeof iterator.__next__ !== 'function') {
    fail(`${what}: __iter__() must return an object with __next__(), got ${show(iterator)}.`);
  }
  const values: T[] = [];
  for (;;) {
    let value: T;
    try {
      value = iterator.__next__();
    } catch (error) {
      if (isStop(StopIteration, error)) return values;
      return fail(`${what}: __next__() threw ${describe(error)}; at the end it must throw your StopIteration (named 'StopIteration').`);
    }
    values.push(value);
    if (values.length > max) fail(`${what}: expected StopIteration after at most ${max} values, but __next__() kept returning values: ${show(values)}.`);
  }
}

const DONE = { done: true, value: undefined };

// ---- StopIteration ------------------------------------------------------------------------

test('StopIteration is an Error named StopIteration, with an optional message', () => {
  const StopIteration = learner.get('StopIteration');
  const plain = attempt(() => new StopIteration(), 'new StopIteration()');
  ok(plain instanceof Error, 'new StopIteration() is not an instance of Error: declare it as `class StopIteration extends Error`.');
  ok(plain instanceof StopIteration, 'new StopIteration() is not an instance of StopIteration.');
  equal(plain.name, 'StopIteration', 'new StopIteration().name', "Set this.name = 'StopIteration' in the constructor, so messages and checks by name see it.");
  equal(plain.message, '', "new StopIteration().message (Python's StopIteration usually has no message)");
  equal(attempt(() => new StopIteration('no more'), "new StopIteration('no more')").message, 'no more', "new StopIteration('no more').message");
});

// ---- iter() -------------------------------------------------------------------------------

test('iter() returns obj[Symbol.iterator]() for a JavaScript iterable', () => {
  const iter = learner.get('iter');
  const made = countingIterable(['a', 'b']);
  const custom = { [Symbol.iterator]: () => made.iterable };
  same(attempt(() => iter(custom), 'iter(custom)'), made.iterable, 'iter(custom) for an object whose [Symbol.iterator]() returns a known iterator',
    "iter(obj) should return exactly what obj[Symbol.iterator]() returns, like Python's iter() returns what __iter__() returns.");
  equal(drain(attempt(() => iter([1, 2, 3]), 'iter([1, 2, 3])'), 5, 'iter([1, 2, 3])'), [1, 2, 3], 'the values of iter([1, 2, 3])');
  equal(drain(attempt(() => iter(new Set(['x', 'y'])), "iter(new Set(['x', 'y']))"), 4, "iter(new Set(['x', 'y']))"), ['x', 'y'], "the values of iter(new Set(['x', 'y']))");
  equal(drain(attempt(() => iter('hi'), "iter('hi')", 'A string is iterable too, as in Python: look up [Symbol.iterator] on it.'), 4, "iter('hi')"),
    ['h', 'i'], "the values of iter('hi')");
});

test('iter() prefers [Symbol.iterator] when an object has both protocols', () => {
  const iter = learner.get('iter');
  const StopIteration = learner.get('StopIteration');
  const js = countingIterable([1, 2]);
  const py = dunderSource(StopIteration, ['py']);
  const both = { [Symbol.iterator]: () => js.iterable, __iter__: () => py.obj.__iter__() };
  const it = attempt(() => iter(both), 'iter(both)');
  same(it, js.iterable, 'iter(obj) for an obj with both [Symbol.iterator] and __iter__',
    'When both exist, the JavaScript protocol wins: return obj[Symbol.iterator]().');
  equal(py.log.iters, 0, 'how many times iter(obj) called __iter__ when obj also has [Symbol.iterator]');
});

test('iter() adapts an object that only has __iter__', () => {
  const iter = learner.get('iter');
  const StopIteration = learner.get('StopIteration');
  const { obj, log } = dunderSource(StopIteration, ['a', 'b', 'c']);
  const it = attempt(() => iter(obj), 'iter(obj) for an obj with __iter__ only');
  ok(it !== null && typeof it === 'object' && typeof it.next === 'function', `iter(obj) for an obj with __iter__ only must return an iterator (an object with next()), got ${show(it)}.`);
  equal(attempt(() => drain(it, 5, 'the iterator iter(obj) made from __iter__'), 'next() on iter(obj)'), ['a', 'b', 'c'], 'the values of iter(obj) for an obj whose __next__ gives a, b, c');
  equal(log.iters, 1, 'how many times __iter__ was called while iterating over iter(obj) once');
});

test('iter() throws a TypeError "is not iterable" for anything else', () => {
  const iter = learner.get('iter') as (obj: unknown) => Iterator<unknown>;
  const cases: [string, unknown][] = [
    ['iter({})', {}],
    ['iter(42)', 42],
    ['iter(null)', null],
    ['iter(undefined)', undefined],
    ["iter({ __iter__: 'not a function' })", { __iter__: 'not a function' }],
    ['iter({ __next__() {} }) (an iterator without __iter__)', { __next__() { return 1; } }],
    ['iter({ next() {} }) (a JS iterator without [Symbol.iterator])', { next: () => ({ done: true, value: undefined }) }],
  ];
  for (const [what, value] of cases) {
    throws(() => iter(value), TypeError, `${what} (Python's iter() raises TypeError at once, with "… is not iterable")`,
      (e) => includes((e as Error).message, 'is not iterable'));
  }
});

// ---- next() -------------------------------------------------------------------------------

test('next(it) returns the values one at a time, then throws StopIteration', () => {
  const next = learner.get('next');
  const StopIteration = learner.get('StopIteration');
  const { iterable, log } = countingIterable([1, 2]);
  equal(attempt(() => next(iterable), 'next(it) (first call)'), 1, 'next(it), first call');
  equal(attempt(() => next(iterable), 'next(it) (second call)'), 2, 'next(it), second call');
  equal(log.nexts, 2, 'how many times two calls of next(it) called it.next()', 'Each next(it) takes exactly one value.');
  for (let i = 1; i <= 2; i++) {
    throws(() => next(iterable), StopIteration, `next(it) call ${i} after the last value (Python raises StopIteration)`,
      (e) => (e as Error).name === 'StopIteration');
  }
});

test('next(it, default) returns the default at the end, and values before it', () => {
  const next = learner.get('next');
  equal(attempt(() => next(countingIterable(['v']).iterable, 'none'), "next(it, 'none') while values remain"), 'v', "next(it, 'none') while it still has 'v'",
    'The default is only for the end: a value that is there comes first.');
  const defaults: unknown[] = ['none', 0, null, false, '', -1];
  for (const d of defaults) {
    const { iterable } = countingIterable<number>([]);
    same(attempt(() => next(iterable, d), `next(it, ${show(d)}) at the end`, 'With a default, the end returns the default instead of throwing.'), d,
      `next(it, ${show(d)}) on an exhausted iterator`, 'Any value can be a default, falsy ones too: do not test it with `if (defaultValue)`.');
  }
});

test('next(it, undefined) returns undefined at the end instead of throwing', () => {
  const next = learner.get('next');
  const { iterable } = countingIterable<number>([]);
  let threw: unknown;
  let value: unknown = 'not set';
  try {
    value = next(iterable, undefined);
  } catch (error) {
    threw = error;
  }
  if (threw !== undefined) {
    fail(`next(it, undefined) on an exhausted iterator threw ${describe(threw)}: an explicit undefined is a default like any other (Python's next(it, None) returns None). Count the arguments (arguments.length or a rest parameter) instead of comparing the default with undefined.`);
  }
  same(value, undefined, 'next(it, undefined) on an exhausted iterator');
});

// ---- fromDunder() -------------------------------------------------------------------------

test('fromDunder() yields each __next__() value, then done', () => {
  const fromDunder = learner.get('fromDunder');
  const StopIteration = learner.get('StopIteration');
  const { obj } = dunderSource(StopIteration, [10, 20, 30]);
  const it = attempt(() => fromDunder(obj), 'fromDunder(obj)');
  const results = [];
  for (let i = 0; i < 4; i++) results.push(attempt(() => result(it.next(), 'fromDunder(obj).next()'), `fromDunder(obj).next() call ${i + 1}`));
  equal(results, [{ done: false, value: 10 }, { done: false, value: 20 }, { done: false, value: 30 }, DONE],
    'four next() calls on fromDunder(obj), for an obj whose __next__ gives 10, 20, 30 and then throws StopIteration',
    'Each next() calls __next__() once; a StopIteration becomes { done: true, value: undefined }.');
});

test('fromDunder() calls __iter__ exactly once, no later than the first next()', () => {
  const fromDunder = learner.get('fromDunder');
  const StopIteration = learner.get('StopIteration');
  for (const selfIterator of [false, true]) {
    const kind = selfIterator ? 'an iterator whose __iter__ returns itself' : 'an iterable whose __iter__ makes a new iterator';
    const { obj, log } = dunderSource(StopIteration, ['x', 'y', 'z'], { selfIterator });
    const it = attempt(() => fromDunder(obj), `fromDunder(obj) for ${kind}`);
    ok(log.iters <= 1, `fromDunder(obj) called __iter__ ${log.iters} times before any next(); it should call it once.`);
    const keep = "Python's for calls iter() once and then only __next__(): keep the iterator __iter__ gave you.";
    attempt(() => it.next(), `the first next() on fromDunder(obj) for ${kind}`);
    equal(log.iters, 1, `__iter__ calls after the first next() on fromDunder(obj), for ${kind}`, keep);
    attempt(() => it.next(), `the second next() on fromDunder(obj) for ${kind}`);
    equal(log.iters, 1, `__iter__ calls after two next() calls on fromDunder(obj), for ${kind}`, keep);
    const rest = attempt(() => drain(it, 4, `fromDunder(obj) for ${kind}`), `next() on fromDunder(obj) for ${kind}`);
    equal(rest, ['z'], `the values after the first two, for ${kind}`);
    equal(log.iters, 1, `__iter__ calls after iterating fromDunder(obj) to the end, for ${kind}`, keep);
  }
});

test('fromDunder() ends on a StopIteration even when its message is empty', () => {
  const fromDunder = learner.get('fromDunder');
  const StopIteration = learner.get('StopIteration');
  for (const stopMessage of ['', 'finished']) {
    const { obj } = dunderSource(StopIteration, [1, 2], { stopMessage });
    const values = attempt(() => drain(fromDunder(obj), 4, 'fromDunder(obj)'),
      `next() on fromDunder(obj) when __next__ throws new StopIteration(${show(stopMessage)})`,
      "Recognise StopIteration by its class (instanceof) or its name, not by its message: Python's is usually empty.");
    equal(values, [1, 2], `the values of fromDunder(obj) whose __next__ ends with new StopIteration(${show(stopMessage)})`);
  }
});

test('after StopIteration, fromDunder() never calls __next__ again and stays done', () => {
  const fromDunder = learner.get('fromDunder');
  const StopIteration = learner.get('StopIteration');
  const { obj, log } = dunderSource(StopIteration, ['a'], { resumes: true });
  const it = attempt(() => fromDunder(obj), 'fromDunder(obj)');
  const results = [];
  for (let i = 0; i < 5; i++) results.push(attempt(() => result(it.next(), 'fromDunder(obj).next()'), `fromDunder(obj).next() call ${i + 1}`));
  equal(results, [{ done: false, value: 'a' }, DONE, DONE, DONE, DONE], "five next() calls on fromDunder(obj), for an obj that gives 'a' and then StopIteration",
    'Once done, always done: remember that StopIteration came.');
  equal(log.afterStop, 0, '__next__ calls made after it had thrown StopIteration',
    'After a StopIteration the adapter is finished: answer done: true without calling __next__ again.');
  equal(log.nexts, 2, 'all __next__ calls for one value and the end');
});

test('an error other than StopIteration from __next__ reaches the caller unchanged', () => {
  const fromDunder = learner.get('fromDunder');
  const StopIteration = learner.get('StopIteration');
  const errors: [string, unknown][] = [
    ["new Error('disk on fire')", new Error('disk on fire')],
    ["new TypeError('bad value')", new TypeError('bad value')],
    ["a thrown plain object { code: 42 }", { code: 42 }],
  ];
  for (const [what, error] of errors) {
    const { obj } = dunderSource(StopIteration, ['first', 'second'], { throwAt: { call: 2, error } });
    const it = attempt(() => fromDunder(obj), 'fromDunder(obj)');
    equal(attempt(() => result(it.next(), 'fromDunder(obj).next()'), 'the first next() on fromDunder(obj)'), { done: false, value: 'first' }, 'the first next() on fromDunder(obj)');
    const thrown = caught(() => it.next(), `the second next() on fromDunder(obj), when __next__ throws ${what}`,
      'Only StopIteration means the end; any other error must reach the caller unchanged, not be turned into done: true.');
    same(thrown, error, `what the second next() threw, when __next__ throws ${what}`,
      'Only StopIteration means the end. Any other error must reach the caller as the very same object: do not swallow it, wrap it or end quietly.');
  }
});

test('an error thrown by __iter__ reaches the caller unchanged', () => {
  const fromDunder = learner.get('fromDunder');
  const boom = new Error('cannot open');
  const obj = { __iter__(): never { throw boom; } };
  const thrown = caught(() => fromDunder(obj).next(), 'fromDunder(obj).next() for an obj whose __iter__ throws',
    'An error from __iter__ is not the end of the data: let it through unchanged.');
  same(thrown, boom, "what fromDunder(obj) (or its first next()) threw, when __iter__ throws new Error('cannot open')",
    'An error from __iter__ is not the end of the data: let it through unchanged.');
});

test('fromDunder() returns an iterator that for…of can loop over', () => {
  const fromDunder = learner.get('fromDunder');
  const StopIteration = learner.get('StopIteration');
  const { obj } = dunderSource(StopIteration, [1, 2, 3]);
  const it = attempt(() => fromDunder(obj), 'fromDunder(obj)');
  same(typeof it[Symbol.iterator] === 'function' ? it[Symbol.iterator]() : undefined, it, 'fromDunder(obj)[Symbol.iterator]()',
    'fromDunder returns an IterableIterator: its [Symbol.iterator]() returns itself.');
  equal(attempt(() => collect(it, 5, 'for…of over fromDunder(obj)'), 'for…of over fromDunder(obj)'), [1, 2, 3], 'for…of over fromDunder(obj)');
});

// ---- toDunder() ---------------------------------------------------------------------------

test('toDunder() gives each value from __next__, then throws StopIteration', () => {
  const toDunder = learner.get('toDunder');
  const StopIteration = learner.get('StopIteration');
  const py = attempt(() => toDunder([1, 2, 3]), 'toDunder([1, 2, 3])');
  const iterator = attempt(() => py.__iter__(), 'toDunder([1, 2, 3]).__iter__()');
  ok(iterator !== null && typeof iterator === 'object' && typeof iterator.__next__ === 'function', `toDunder([1, 2, 3]).__iter__() must return an object with __next__(), got ${show(iterator)}.`);
  const values = [1, 2, 3].map((_, i) => attempt(() => iterator.__next__(), `__next__() call ${i + 1}`));
  equal(values, [1, 2, 3], 'three __next__() calls on toDunder([1, 2, 3]).__iter__()');
  throws(() => iterator.__next__(), StopIteration, 'the fourth __next__() call on toDunder([1, 2, 3]).__iter__() (Python raises StopIteration at the end)',
    (e) => (e as Error).name === 'StopIteration');
});

test('toDunder() keeps throwing StopIteration after the end', () => {
  const toDunder = learner.get('toDunder');
  const StopIteration = learner.get('StopIteration');
  const iterator = attempt(() => toDunder(['only']).__iter__(), "toDunder(['only']).__iter__()");
  equal(attempt(() => iterator.__next__(), '__next__()'), 'only', "the first __next__() on toDunder(['only']).__iter__()");
  for (let i = 1; i <= 3; i++) {
    throws(() => iterator.__next__(), StopIteration, `__next__() call ${i} after the end (an exhausted iterator stays exhausted; it must not start over)`);
  }
  // A JS iterator that misbehaves after done: the Python side must still see the end.
  let calls = 0;
  const unruly: Iterable<string> = {
    [Symbol.iterator]: () => ({
      next: () => (++calls === 1 ? { done: true, value: undefined } : { done: false, value: 'late' }),
    }),
  };
  const late = attempt(() => toDunder(unruly).__iter__(), 'toDunder(unruly).__iter__()');
  for (let i = 1; i <= 3; i++) {
    throws(() => late.__next__(), StopIteration,
      `__next__() call ${i} on toDunder(unruly).__iter__(), where unruly's iterator says done once and then hands out values again (once StopIteration was thrown, keep throwing it)`);
  }
});

test('each toDunder().__iter__() call starts a fresh, independent pass', () => {
  const toDunder = learner.get('toDunder');
  const StopIteration = learner.get('StopIteration');
  let opened = 0;
  const source: Iterable<number> = {
    [Symbol.iterator]() {
      opened++;
      return [7, 8, 9][Symbol.iterator]();
    },
  };
  const py = attempt(() => toDunder(source), 'toDunder(source)');
  const a = attempt(() => py.__iter__(), 'the first __iter__()');
  const b = attempt(() => py.__iter__(), 'the second __iter__()');
  ok(a !== b, 'two __iter__() calls on one toDunder(source) returned the same object: each must be a fresh iterator.');
  equal([attempt(() => a.__next__(), 'a.__next__()'), attempt(() => a.__next__(), 'a.__next__()')], [7, 8], 'two __next__() calls on the first pass');
  equal(attempt(() => b.__next__(), 'b.__next__()'), 7, 'the first __next__() of a second pass, after the first pass took two values',
    'Each __iter__() opens its own iterable[Symbol.iterator](), so passes do not share a position.');
  equal(opened, 2, 'how many times two passes called source[Symbol.iterator]()');
  equal(pythonFor(StopIteration, py, 5, 'a third pass over toDunder(source)'), [7, 8, 9], 'a Python-style for loop over toDunder(source) after two other passes');
});

test('toDunder() lets an error from the JavaScript iterator through unchanged', () => {
  const toDunder = learner.get('toDunder');
  const boom = new Error('read failed');
  const { iterable } = countingIterable([1, 2, 3], { throwOnNext: { at: 2, error: boom } });
  const iterator = attempt(() => toDunder(iterable).__iter__(), 'toDunder(source).__iter__()');
  equal(attempt(() => iterator.__next__(), '__next__()'), 1, 'the first __next__() on toDunder(source).__iter__()');
  same(caught(() => iterator.__next__(), 'the second __next__(), when the source throws'), boom,
    "what the second __next__() threw, when the source's next() throws new Error('read failed')",
    'Only the end becomes StopIteration; an error is not the end and must reach the caller unchanged.');
});

test('a round trip through toDunder() and fromDunder() keeps every value', () => {
  const toDunder = learner.get('toDunder');
  const fromDunder = learner.get('fromDunder');
  const values = ['α', 'β', 'γ', 'δ'];
  const back = attempt(() => fromDunder(toDunder(new Set(values))), 'fromDunder(toDunder(new Set(values)))');
  equal(attempt(() => collect(back, 6, 'fromDunder(toDunder(new Set(values)))'), '[...fromDunder(toDunder(new Set(values)))]'),
    values, '[...fromDunder(toDunder(new Set([α, β, γ, δ])))]');
});
