/**
 * The assertions every hidden suite uses instead of jest's `expect`.
 *
 * Why not `expect`: learner code runs in the same realm as the suite and could replace
 * `expect`, its matchers, `Object.is`, `Array.prototype` methods or `JSON.stringify`. Everything
 * this module relies on is captured when it loads, which is before any learner module loads.
 * Every check also reports to the grader's side channel, so a failure that learner code
 * catches and swallows (inside a callback it was given) still fails the test, and a test that
 * made no check at all cannot pass.
 */

// ---- intrinsics, captured before any learner code runs --------------------------------------
const apply = Reflect.apply;
const objectIs = Object.is;
const objectKeys = Object.keys;
const getPrototypeOf = Object.getPrototypeOf;
const isArray = Array.isArray;
const arrayPush = Array.prototype.push;
const arrayJoin = Array.prototype.join;
const arraySlice = Array.prototype.slice;
const stringSlice = String.prototype.slice;
const stringIncludes = String.prototype.includes;
const toStr = String;
const objectProto = Object.prototype;
const objectToString = Object.prototype.toString;
const jsonStringify = JSON.stringify;
const ErrorCtor = Error;
const iteratorSymbol = Symbol.iterator;
const asyncIteratorSymbol = Symbol.asyncIterator;

/** What the test environment hands over (and removes from the global) before suites load. */
interface Channel {
  assertion(passed: boolean, message?: string): void;
  /** What graded code has printed during the running test so far (console.log and the like). */
  output?(): string;
}
const CHANNEL_KEY = Symbol.for('iteration-workbook.channel');
const globalRecord = globalThis as unknown as Record<symbol, Channel | undefined>;
const channel: Channel = globalRecord[CHANNEL_KEY] ?? { assertion() {} };
delete globalRecord[CHANNEL_KEY];

const stringSplit = String.prototype.split;
/**
 * Outside the grader (jest.dev.config.js, the mutation tool) the learner shares this realm's
 * console: it is recorded here from the start, before any learner module loads (one may keep
 * console.log when it loads).
 */
let devOutput = '';
if (!channel.output) {
  const record = (...args: unknown[]) => {
    devOutput += `${apply(arrayJoin, apply(Array.prototype.map, args, [(a: unknown) => (typeof a === 'string' ? a : show(a))]), [' ']) as string}\n`;
  };
  for (const name of ['log', 'info', 'debug', 'warn', 'error'] as const) console[name] = record;
}
function printedSoFar(): string {
  return channel.output ? channel.output() : devOutput;
}

/**
 * What the learner's code prints from now on, a line per element (console.log and the like):
 * `const printed = printedFromNow(); … equal(printed(), ['…'], …)`. Graded code has a console of
 * its own, so a suite cannot replace console.log to watch it: the grader captures it instead.
 */
export function printedFromNow(): () => string[] {
  const start = printedSoFar().length;
  return () => {
    const text = apply(stringSlice, printedSoFar(), [start]) as string;
    const lines = apply(stringSplit, text, ['\n']) as string[];
    if (lines.length > 0 && lines[lines.length - 1] === '') lines.length--;
    return lines;
  };
}

/** Thrown by a failed check; the grader shows `message` to the learner as it is. */
export class CheckFailure extends ErrorCtor {
  constructor(message: string) {
    super(message);
    this.name = 'CheckFailure';
  }
}

function push<T>(array: T[], value: T): void {
  apply(arrayPush, array, [value]);
}

/** Shows a value the way a learner would write it in TypeScript. */
export function show(value: unknown, depth = 0): string {
  if (typeof value === 'string') return jsonStringify(value) as string;
  if (typeof value === 'bigint') return `${toStr(value)}n`;
  if (typeof value === 'symbol') return toStr(value);
  if (typeof value === 'function') return value.name ? `[function ${value.name}]` : '[function]';
  if (value === null || typeof value !== 'object') return toStr(value);
  if (depth > 3) return isArray(value) ? '[…]' : '{…}';
  if (isArray(value)) {
    const parts: string[] = [];
    const shown = value.length > 12 ? 12 : value.length;
    for (let i = 0; i < shown; i++) push(parts, show(value[i], depth + 1));
    if (value.length > shown) push(parts, `… ${value.length - shown} more`);
    return `[${apply(arrayJoin, parts, [', ']) as string}]`;
  }
  if (value instanceof ErrorCtor) return `${value.name}(${jsonStringify(value.message)})`;
  const tag = apply(objectToString, value, []) as string;
  if (tag === '[object Promise]') return 'a Promise';
  const proto = getPrototypeOf(value);
  const prefix = proto && proto !== objectProto && proto.constructor?.name ? `${proto.constructor.name} ` : '';
  const parts: string[] = [];
  for (const key of objectKeys(value)) {
    push(parts, `${key}: ${show((value as Record<string, unknown>)[key], depth + 1)}`);
  }
  return `${prefix}{ ${apply(arrayJoin, parts, [', ']) as string} }`.replace('{  }', '{}');
}

/** Structural equality for the values the exercises produce: primitives, arrays, plain objects. */
export function deepEqual(a: unknown, b: unknown): boolean {
  if (objectIs(a, b)) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (isArray(a) !== isArray(b)) return false;
  if (isArray(a) && isArray(b)) {
    if (a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!deepEqual(a[i], b[i])) return false;
    return true;
  }
  const ka = objectKeys(a);
  const kb = objectKeys(b);
  if (ka.length !== kb.length) return false;
  for (const key of ka) {
    if (!deepEqual((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key])) return false;
  }
  return true;
}

/** Fails the running test with `message` (reported to the grader even if someone catches it). */
export function fail(message: string): never {
  channel.assertion(false, message);
  throw new CheckFailure(message);
}

function pass(): void {
  channel.assertion(true);
}

/** `what` is the thing being checked, in the lesson's words: "the values of for…of over new Data([1, 2])". */
export function equal<T>(actual: unknown, expected: T, what: string, hint?: string): void {
  if (deepEqual(actual, expected)) return pass();
  fail(`${what}: expected ${show(expected)}, got ${show(actual)}.${hint ? ` ${hint}` : ''}`);
}

export function same(actual: unknown, expected: unknown, what: string, hint?: string): void {
  if (objectIs(actual, expected)) return pass();
  fail(`${what}: expected ${show(expected)}, got ${show(actual)}.${hint ? ` ${hint}` : ''}`);
}

export function ok(condition: unknown, message: string): void {
  if (condition) return pass();
  fail(message);
}

function describeThrown(error: unknown): string {
  return error instanceof ErrorCtor ? `${error.name}: ${error.message}` : show(error);
}

type ErrorClass = abstract new (...args: never[]) => unknown;

/** Runs `run` and requires it to throw an instance of `errorClass` (or satisfy `test`). */
export function throws(run: () => unknown, errorClass: ErrorClass, what: string, test?: (e: unknown) => boolean): unknown {
  let thrown: unknown;
  let threw = false;
  try {
    run();
  } catch (error) {
    thrown = error;
    threw = true;
  }
  if (!threw) fail(`${what}: expected it to throw ${errorClass.name}, but it did not throw.`);
  if (!(thrown instanceof errorClass)) fail(`${what}: expected ${errorClass.name}, got ${describeThrown(thrown)}.`);
  if (test && !test(thrown)) fail(`${what}: threw ${describeThrown(thrown)}, which is not the error expected.`);
  pass();
  return thrown;
}

/** Awaits `promise` and requires it to reject with `errorClass` (or `exact`, the very object). */
export async function rejects(promise: PromiseLike<unknown>, errorClass: ErrorClass, what: string, exact?: unknown): Promise<unknown> {
  let value: unknown;
  try {
    value = await promise;
  } catch (error) {
    if (exact !== undefined && !objectIs(error, exact)) {
      fail(`${what}: expected the very error that was thrown (${describeThrown(exact)}) to reach the consumer unchanged, got ${describeThrown(error)}.`);
    }
    if (!(error instanceof errorClass)) fail(`${what}: expected ${errorClass.name}, got ${describeThrown(error)}.`);
    pass();
    return error;
  }
  return fail(`${what}: expected it to reject with ${errorClass.name}, but it resolved ${show(value)}.`);
}

/** Checks that a `next()` result has the protocol's shape and returns it. */
export function result<T>(value: unknown, what: string): IteratorResult<T> {
  if (value === null || typeof value !== 'object' || !('done' in (value as object))) {
    fail(`${what}: next() must return an object like { value, done }, got ${show(value)}.`);
  }
  return value as IteratorResult<T>;
}

function iteratorOf<T>(source: unknown, what: string): Iterator<T> {
  const make = source !== null && (typeof source === 'object' || typeof source === 'function')
    ? (source as Record<symbol, unknown>)[iteratorSymbol] : undefined;
  if (typeof make !== 'function') fail(`${what}: expected an iterable (an object with [Symbol.iterator]()), got ${show(source)}.`);
  const it = apply(make as () => unknown, source, []) as Iterator<T>;
  if (it === null || typeof it !== 'object' || typeof it.next !== 'function') {
    fail(`${what}: [Symbol.iterator]() must return an iterator (an object with next()), got ${show(it)}.`);
  }
  return it;
}

/**
 * Pulls values from an iterator until `done: true`, but never more than `max` values: an
 * iterator that never says done fails with a message instead of hanging the grader.
 */
export function drain<T>(it: Iterator<T>, max: number, what: string): T[] {
  const values: T[] = [];
  for (;;) {
    const r = result<T>(it.next(), what);
    if (r.done) return values;
    push(values, r.value);
    if (values.length > max) {
      fail(`${what}: expected done: true after at most ${max} values, but next() kept returning values: ${show(values)}. Does next() return { done: true, value: undefined } once the data runs out?`);
    }
  }
}

/** `[...iterable]`, bounded: at most `max` values before `done: true`. */
export function collect<T>(iterable: Iterable<T>, max: number, what: string): T[] {
  return drain(iteratorOf<T>(iterable, what), max, what);
}

/** Async twin of `drain`: awaits each `next()`; at most `max` values before `done: true`. */
export async function drainAsync<T>(it: AsyncIterator<T>, max: number, what: string): Promise<T[]> {
  const values: T[] = [];
  for (;;) {
    const r = result<T>(await it.next(), what);
    if (r.done) return values;
    push(values, r.value);
    if (values.length > max) {
      fail(`${what}: expected done: true after at most ${max} values, but next() kept resolving values: ${show(values)}. Does next() resolve { done: true, value: undefined } at the end?`);
    }
  }
}

/** Async twin of `collect`, for `for await` sources. */
export async function collectAsync<T>(iterable: AsyncIterable<T>, max: number, what: string): Promise<T[]> {
  const make = iterable !== null && typeof iterable === 'object' ? (iterable as unknown as Record<symbol, unknown>)[asyncIteratorSymbol] : undefined;
  if (typeof make !== 'function') fail(`${what}: expected an async iterable (an object with [Symbol.asyncIterator]()), got ${show(iterable)}.`);
  const it = apply(make as () => unknown, iterable, []) as AsyncIterator<T>;
  if (it === null || typeof it !== 'object' || typeof it.next !== 'function') {
    fail(`${what}: [Symbol.asyncIterator]() must return an async iterator (an object with next()), got ${show(it)}.`);
  }
  return drainAsync(it, max, what);
}

/** True when `text` contains `part` (captured, so learner code cannot redefine it). */
export function includes(text: string, part: string): boolean {
  return apply(stringIncludes, text, [part]) as boolean;
}

export function firstLines(text: string, max = 300): string {
  return text.length > max ? `${apply(stringSlice, text, [0, max]) as string}…` : text;
}

export const copy = <T>(array: readonly T[]): T[] => apply(arraySlice, array, []) as T[];
