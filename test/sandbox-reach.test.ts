/**
 * What learner code is given, walked: everything reachable from it (own properties, getters and
 * setters as functions, prototypes; nothing is called but the constructors found on the way) must
 * be made of the hardened realm, and no evaluator it reaches may evaluate anywhere but in the
 * learner's own Compartment. Then the other side: the grader's realm is not frozen by it, and the
 * versions the sandbox was checked with are the ones installed (an upgrade of SES, jest or its
 * fake timers must come with these tests passing again, not silently).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vm from 'node:vm';
import { engine, makeSubmission, root } from './helpers';

const { createHardenedRealm } = require(path.join(root, 'dist/core/sandbox/realm')) as typeof import('../src/core/sandbox/realm');
const { prepareLearnerModule } = require(path.join(root, 'dist/core/sandbox/source')) as typeof import('../src/core/sandbox/source');

/**
 * Learner code: walks from `roots` (breadth first, at most 20 000 objects) and exports what it
 * reached; for every distinct constructor of a function it reached, it tries to evaluate
 * `return globalThis` and records what came back (or that it threw).
 */
const WALKER = `
export function walk(roots: Record<string, unknown>) {
  const seen = new Set<unknown>();
  const reached: { path: string; value: unknown }[] = [];
  const queue: [string, unknown][] = Object.entries(roots);
  while (queue.length > 0 && reached.length < 20000) {
    const [where, value] = queue.shift()!;
    if (value === null || (typeof value !== 'object' && typeof value !== 'function') || seen.has(value)) continue;
    seen.add(value);
    reached.push({ path: where, value });
    queue.push([where + '.__proto__', Object.getPrototypeOf(value)]);
    for (const key of Reflect.ownKeys(value as object)) {
      const d = Object.getOwnPropertyDescriptor(value, key)!;
      const name = where + '.' + String(key);
      if ('value' in d) queue.push([name, d.value]);
      if (d.get) queue.push([name + '<get>', d.get]);
      if (d.set) queue.push([name + '<set>', d.set]);
    }
  }
  const evaluations: { path: string; result: unknown }[] = [];
  const tried = new Set<unknown>();
  for (const { path, value } of reached) {
    if (typeof value !== 'function') continue;
    const ctor = Object.getPrototypeOf(value)?.constructor;
    for (const candidate of [value, ctor]) {
      if (typeof candidate !== 'function' || tried.has(candidate) || !/^(Function|AsyncFunction|GeneratorFunction|AsyncGeneratorFunction|eval)$/.test(candidate.name)) continue;
      tried.add(candidate);
      let result: unknown;
      try {
        result = candidate.name === 'eval' ? (candidate as (s: string) => unknown)('globalThis') : (candidate as (s: string) => () => unknown)('return globalThis')();
      } catch (error) {
        result = 'threw';
      }
      evaluations.push({ path: path + (candidate === ctor ? '.constructor' : ''), result });
    }
  }
  return { reached, evaluations, ownGlobal: globalThis };
}
export const roots = () => ({ globalThis, module: typeof module === 'undefined' ? undefined : module, exports, require, console, setTimeout, handle: setTimeout(() => undefined, 1), Date, Math,
  refused: (() => { try { require('fs'); } catch (e) { return e; } })(),
  thrown: (() => { try { (null as any).x; } catch (e) { return e; } })(), asyncFn: async () => 1, gen: function* () {}, asyncGen: async function* () {} });
`;

interface Walk {
  reached: { path: string; value: unknown }[];
  evaluations: { path: string; result: unknown }[];
  ownGlobal: unknown;
}

describe('everything learner code is given leads only to the hardened realm', () => {
  const realm = createHardenedRealm();
  const realmObjectProto = vm.runInContext('Object.prototype', realm.context);
  const realmGlobal = vm.runInContext('globalThis', realm.context);
  const realmFunction = vm.runInContext('Function', realm.context);
  const realmEval = vm.runInContext('eval', realm.context);
  const timers: (() => void)[] = [];
  const host = {
    print: () => undefined,
    setTimer: (_repeat: boolean, callback: () => void) => timers.push(callback),
    clearTimer: () => undefined,
    now: () => 0,
    random: () => 0.5,
  };
  const prepared = prepareLearnerModule(WALKER, '/workspace/07/walker.ts');
  const learner = realm.kit.load(host, prepared.code, '/workspace/07/walker.ts') as { walk(roots: Record<string, unknown>): Walk; roots(): Record<string, unknown> };

  /** What a hidden suite hands over: made by code of the suite realm's start compartment, as the suites are. */
  const suiteValues = vm.runInContext(`(() => {
    const source = { values: [1, 2], [Symbol.asyncIterator]() { return this; }, async next() { return { done: true, value: undefined }; }, async return() { return { done: true, value: undefined }; } };
    class CheckFailure extends Error {}
    return { fn: (item) => new Promise((resolve) => resolve('data for ' + item)), source, array: [source], error: new CheckFailure('x'), typeError: new TypeError('y'), promise: Promise.resolve(1), options: { delayMs: 1, log: (line) => line } };
  })()`, realm.context) as Record<string, unknown>;

  const walked = learner.walk({ ...learner.roots(), ...suiteValues });

  test('the walk reaches the objects it should (a walk that reaches nothing proves nothing)', () => {
    expect(walked.reached.length).toBeGreaterThan(500);
    const paths = walked.reached.map((r) => r.path);
    for (const expected of ['globalThis', 'console', 'setTimeout', 'handle', 'refused', 'fn', 'source', 'error']) expect(paths).toContain(expected);
  });

  test('every object reached is of the hardened realm: its prototype chain ends at that realm\'s Object.prototype (or at null)', () => {
    const isForeign = ({ value }: { value: unknown }) => {
      let proto: unknown = value;
      for (let i = 0; i < 100; i++) {
        const next = Object.getPrototypeOf(proto);
        // Null-prototype objects (Array.prototype[Symbol.unscopables]) are no realm's root: another realm's Object.prototype is.
        if (next === null) return proto !== realmObjectProto && Object.prototype.hasOwnProperty.call(proto, 'isPrototypeOf');
        proto = next;
      }
      return true;
    };
    expect(walked.reached.filter(isForeign).map((f) => f.path)).toEqual([]);
    // The check can fail: an object of this (the grader's) realm handed over is found.
    expect(learner.walk({ leaked: { x: 1 } }).reached.filter(isForeign).map((f) => f.path)).toContain('leaked');
  });

  test('nothing reached is the suite realm\'s global or its evaluators, or the host', () => {
    const values = new Set(walked.reached.map((r) => r.value));
    expect(values.has(realmGlobal)).toBe(false);
    expect(values.has(realmFunction)).toBe(false);
    expect(values.has(realmEval)).toBe(false);
    expect(values.has(host)).toBe(false);
    expect(values.has(host.print)).toBe(false);
  });

  test('every evaluator reached throws, or evaluates in the learner\'s own Compartment', () => {
    expect(walked.evaluations.length).toBeGreaterThan(3);
    const escaping = walked.evaluations.filter((e) => e.result !== 'threw' && e.result !== walked.ownGlobal);
    expect(escaping.map((e) => e.path)).toEqual([]);
  });

  test('the realm\'s intrinsics are frozen, and the grader\'s own realm is not', () => {
    for (const name of ['Object.prototype', 'Array.prototype', 'Function.prototype', 'Promise.prototype', 'JSON', 'Symbol', 'Error.prototype']) {
      expect(vm.runInContext(`Object.isFrozen(${name})`, realm.context)).toBe(true);
      expect(Object.isFrozen(new Function(`return ${name}`)())).toBe(false);
    }
    const push = Array.prototype.push;
    (Array.prototype as unknown as { push: unknown }).push = push; // still writable here
    expect(Object.getOwnPropertyDescriptor(Array.prototype, 'push')!.writable).toBe(true);
  });

  afterAll(() => {
    timers.length = 0;
  });
});

describe('errors from the grader\'s realm never reach code of the hardened realm', () => {
  // Near the end of the stack, a call into a function of another realm can fail in that realm,
  // and V8 may then make the RangeError there (test/attacks/stack-overflow-*). Simulated here
  // without the luck of frame sizes: functions of this (the grader's) realm that throw.
  const realm = createHardenedRealm();
  const rootOf = vm.runInContext(`(e) => { let p = e; while (Object.getPrototypeOf(p) !== null) p = Object.getPrototypeOf(p); return p === Object.prototype ? 'hardened realm' : 'another realm'; }`, realm.context) as (e: unknown) => string;
  const catching = vm.runInContext(`(f, ...args) => { try { f(...args); return 'no error'; } catch (e) { return e; } }`, realm.context) as (f: unknown, ...args: unknown[]) => unknown;

  test('a guarded function of the grader\'s realm throws errors of the hardened realm, with the same name and message', () => {
    const throwing = () => {
      throw new RangeError('Maximum call stack size exceeded');
    };
    expect(rootOf(catching(throwing))).toBe('another realm'); // unguarded: the hole
    const error = catching(realm.guard.guard(throwing)) as Error;
    expect(rootOf(error)).toBe('hardened realm');
    expect([error.name, error.message]).toEqual(['RangeError', 'Maximum call stack size exceeded']);
  });

  test('the suite realm\'s real setTimeout, once it fails, fails with an error of the hardened realm', () => {
    const { suiteRealm } = require(path.join(root, 'dist/core/engine/child/suite-realm')) as typeof import('../src/core/engine/child/suite-realm');
    const suite = suiteRealm();
    // Node's setTimeout refuses a callback that is not a function, with its own (this realm's) TypeError.
    const error = vm.runInContext(`(() => { try { setTimeout('not a function', 1); } catch (e) { return e; } })()`, suite.context);
    expect(vm.runInContext('(e) => e instanceof TypeError && Object.getPrototypeOf(Object.getPrototypeOf(Object.getPrototypeOf(e))) === Object.prototype', suite.context)(error)).toBe(true);
  });

  test('an error of the hardened realm passes through a guard unchanged (a learner\'s error thrown through jest\'s timers keeps its identity)', () => {
    const own = vm.runInContext(`new TypeError('the learner\\'s')`, realm.context);
    expect(catching(realm.guard.guard(() => { throw own; }))).toBe(own);
  });

  test('what a guarded object hands out is guarded too: methods, their results, and constructors', () => {
    const jestLike = { now: () => { throw new Error('inside jest'); }, self() { return this; }, Clock: class { constructor() { throw new TypeError('no'); } } };
    const guarded = realm.guard.guard(jestLike);
    expect(rootOf(catching(vm.runInContext('(j) => j.now()', realm.context), guarded))).toBe('hardened realm');
    expect(vm.runInContext('(j) => j.self() === j', realm.context)(guarded)).toBe(true);
    expect(rootOf(catching(vm.runInContext('(j) => new j.Clock()', realm.context), guarded))).toBe('hardened realm');
    expect(realm.guard.unwrap(guarded)).toBe(jestLike);
  });

  test('guards share their traps, never their objects: each reads and writes the object it stands for', () => {
    const [a, b] = [{ name: 'a' }, { name: 'b' }].map((o) => realm.guard.guard(o));
    vm.runInContext('(a, b) => { a.written = 1; b.written = 2; }', realm.context)(a, b);
    expect([a.name, b.name, realm.guard.unwrap(a), realm.guard.unwrap(b)]).toEqual(['a', 'b', { name: 'a', written: 1 }, { name: 'b', written: 2 }]);
  });

  test('what a suite file leaves on the shared suite realm\'s global is gone when its file ends (jest-circus keeps its whole state there)', () => {
    const { suiteRealm, clearSuiteGlobals } = require(path.join(root, 'dist/core/engine/child/suite-realm')) as typeof import('../src/core/engine/child/suite-realm');
    const global = suiteRealm().global as Record<string | symbol, unknown>;
    const before = Reflect.ownKeys(global);
    const state = Symbol('JEST_STATE_SYMBOL');
    global[state] = { currentDescribeBlock: {} };
    global.leftOver = () => undefined;
    clearSuiteGlobals();
    expect([state in global, 'leftOver' in global]).toEqual([false, false]);
    expect(Reflect.ownKeys(global)).toEqual(before);
    expect(typeof global.setTimeout).toBe('function');
  });

  test('the sandbox\'s host throwing (or failing to be entered) gives learner code a RangeError of the hardened realm', () => {
    const failing = () => {
      throw new RangeError('Maximum call stack size exceeded');
    };
    const host = { print: failing, setTimer: failing, clearTimer: failing, now: failing, random: failing };
    const learner = realm.kit.load(host, `exports.calls = [() => console.log('x'), () => setTimeout(() => 0, 1), () => clearTimeout(1), () => Date.now(), () => new Date(), () => Math.random()];`, '/workspace/host.ts') as { calls: (() => unknown)[] };
    for (const call of learner.calls) expect(rootOf(catching(call))).toBe('hardened realm');
  });
});

describe('through the engine: what a hidden suite hands learner code leads nowhere else either', () => {
  test('07: the walker inside mapConcurrent and inside the suite\'s callbacks finds no foreign object and no evaluator that escapes', async () => {
    // A correct mapConcurrent that, once, walks everything it was given and prints what it found.
    const source = `${WALKER.replace('export function walk', 'function walk').replace('export const roots', 'const roots')}
const check = (label: string, given: Record<string, unknown>) => {
  const w = walk({ ...roots(), ...given });
  const own = Object.prototype;
  const foreign = w.reached.filter(({ value }) => { let p: unknown = value; for (let i = 0; i < 100; i++) { const n = Object.getPrototypeOf(p); if (n === null) return p !== own && Object.prototype.hasOwnProperty.call(p, 'isPrototypeOf'); p = n; } return true; });
  const escaping = w.evaluations.filter((e) => e.result !== 'threw' && e.result !== w.ownGlobal);
  console.log(label + ' reached ' + (w.reached.length > 300 ? 'enough' : 'too little') + ', foreign ' + foreign.length + ', escaping ' + escaping.length + ' ' + foreign.concat(escaping as never).slice(0, 3).map((f: { path: string }) => f.path).join(' '));
};
let walked = false;
${fs.readFileSync(path.join(root, 'solutions/07-sequential-vs-concurrent/fetching.ts'), 'utf8').replace('export async function* mapConcurrent', 'async function* reference')}
export function mapConcurrent(...args: any[]) {
  if (!walked) {
    walked = true;
    check('mapConcurrent', { args, fnResult: typeof args[2] === 'function' ? args[2](args[0]) : undefined });
  }
  return (reference as any)(...args);
}
`;
    expect(source).toContain('async function* reference');
    const doc = await engine.grade({ submission: makeSubmission({ '07-sequential-vs-concurrent/fetching.ts': source }), exercises: ['07'], typecheck: false });
    const outputs = doc.exercises[0]!.tests.map((t) => t.output ?? '').join('\n');
    const lines = outputs.split('\n').filter((l) => l.startsWith('mapConcurrent reached'));
    expect(lines.length).toBeGreaterThan(0);
    for (const line of lines) expect(line).toMatch(/^mapConcurrent reached enough, foreign 0, escaping 0 $/);
  }, 60_000);
});

describe('the versions the sandbox was checked with', () => {
  const installed = (name: string) => (JSON.parse(fs.readFileSync(require.resolve(`${name}/package.json`, { paths: [path.dirname(require.resolve('jest-runner', { paths: [root] })), root] }), 'utf8')) as { version: string }).version;
  test.each([
    ['ses', '2.3.0'],
    ['jest-runtime', '29.7.0'],
    ['jest-circus', '29.7.0'],
    ['@jest/fake-timers', '29.7.0'],
    ['jest-environment-node', '29.7.0'],
  ])('%s is %s', (name, version) => {
    expect(installed(name)).toBe(version);
  });
  test('@sinonjs/fake-timers (what jest fakes time with, on the suite realm\'s globals) is 10.x', () => {
    const dir = path.dirname(require.resolve('@jest/fake-timers/package.json', { paths: [path.dirname(require.resolve('jest-runner', { paths: [root] }))] }));
    const sinon = JSON.parse(fs.readFileSync(require.resolve('@sinonjs/fake-timers/package.json', { paths: [dir] }), 'utf8')) as { version: string };
    expect(sinon.version).toMatch(/^10\./);
  });
});
