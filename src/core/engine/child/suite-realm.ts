/**
 * The one realm every hidden suite file of this child runs in: hardened by SES once, when the
 * child starts (src/core/sandbox/realm.ts), then furnished once with what jest's node
 * environment puts into a fresh realm for every file (Node's globals, read lazily from this
 * realm, Buffer, jest's common globals). Hardening a realm costs about ten times what making one
 * does, so the suite files share it; what a suite file adds to its global (jest's globals,
 * circus's state) is deleted when the file ends (clearSuiteGlobals), what it replaces (fake
 * timers, console, process) is replaced again by the next one, and learner code never sees that
 * global at all: each learner module runs in a Compartment of its own (learner.ts).
 */
import * as path from 'node:path';
import * as vm from 'node:vm';
import { createHardenedRealm, type HardenedRealm } from '../../sandbox/realm';

/* eslint-disable @typescript-eslint/no-explicit-any, @typescript-eslint/no-require-imports */

const jestRunnerDir = path.dirname(require.resolve('jest-runner'));
/** One of jest's packages, as jest-environment-node (which jest-runner loads) finds it. */
export const fromJest = (name: string) => require(require.resolve(name, { paths: [path.dirname(require.resolve('jest-environment-node', { paths: [jestRunnerDir] }))] }));

// What jest-environment-node copies from the grader's realm into each test realm (its denyList).
const DENIED = new Set(['GLOBAL', 'root', 'global', 'globalThis', 'Buffer', 'ArrayBuffer', 'Uint8Array', 'jest-symbol-do-not-touch']);
const nodeGlobals = new Map(Object.getOwnPropertyNames(globalThis).filter((key) => !DENIED.has(key)).map((key) => [key, Object.getOwnPropertyDescriptor(globalThis, key)!]));

let realm: HardenedRealm | undefined;

/** The child's suite realm, made and furnished on first use (the child makes it while it waits for its first request). */
export function suiteRealm(): HardenedRealm {
  if (realm) return realm;
  const made = createHardenedRealm({ cacheDir: process.env.GRADER_CACHE_DIR || undefined });
  furnish(made);
  realm = made;
  return made;
}

/** jest-environment-node's constructor, done once for the shared realm. */
/**
 * The realm's globals that jest sets to functions of the grader's realm and that suite code calls
 * while learner code may be on the stack (a callback's timer, Date.now()): each is an accessor
 * of the realm that hands out a guard (src/core/sandbox/guard.ts) of whatever jest put there.
 */
const GUARDED_GLOBALS = ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'setImmediate', 'clearImmediate', 'queueMicrotask', 'Date'];

function furnish({ global: realmGlobal, context, guard }: HardenedRealm): void {
  const global = realmGlobal as Record<string | symbol, any>;
  const own = new Set(Object.getOwnPropertyNames(global));
  for (const [key, descriptor] of nodeGlobals) {
    if (own.has(key)) continue;
    if (descriptor.configurable) {
      // Read from the grader's realm on first use, as jest does.
      Object.defineProperty(global, key, {
        configurable: true,
        enumerable: descriptor.enumerable,
        get() {
          const value = (globalThis as any)[key];
          Object.defineProperty(global, key, { configurable: true, enumerable: descriptor.enumerable, value, writable: true });
          return value;
        },
        set(value) {
          Object.defineProperty(global, key, { configurable: true, enumerable: descriptor.enumerable, value, writable: true });
        },
      });
    } else {
      Object.defineProperty(global, key, descriptor);
    }
  }
  global.global = global;
  global.Buffer = Buffer;
  global.ArrayBuffer = ArrayBuffer;
  global.Uint8Array = Uint8Array;
  fromJest('jest-util').installCommonGlobals(global, {});
  global.Error.stackTraceLimit = 100;
  // Fake timers write the real Date's toUTCString onto Date.prototype when they install, and the
  // realm's Date.prototype is frozen: they get a Date of their own to mirror, on this realm's.
  vm.runInContext(
    `globalThis.Date = (() => {
      const Date = class Date extends globalThis.Date {};
      Object.defineProperty(Date.prototype, 'toUTCString', { value: globalThis.Date.prototype.toUTCString, writable: true, configurable: true });
      return Date;
    })();`,
    context,
  );
  const guardGlobals = vm.runInContext(
    `(function guardGlobals(guard, names, real) {
      'use strict';
      const scheduled = new Set();
      for (const name of names) {
        let current = globalThis[name];
        const native = current;
        const clear = real[name];
        // Node's own timer (not jest's fake one): a function of this realm that calls it, turns
        // what it throws into an error of this realm, and records what it schedules, which is
        // cleared with the suite file. (Cheaper than a guard: jest's fake timers call it on
        // every step of advanceTimersByTimeAsync.)
        const tracked = clear && { [name](...args) {
          let handle;
          try {
            handle = Reflect.apply(native, undefined, args);
          } catch (error) {
            throw guard.tame(error);
          }
          scheduled.add([handle, clear]);
          return handle;
        } }[name];
        Object.defineProperty(globalThis, name, {
          configurable: true,
          enumerable: false,
          get: { [name]() { return current === native && tracked ? tracked : guard.guard(current); } }[name],
          set: { [name](value) { current = value === tracked ? native : guard.unwrap(value); } }[name],
        });
      }
      // The real timers scheduled since the last call, cleared.
      return function clearScheduled() {
        for (const [handle, clear] of scheduled) {
          try { Reflect.apply(clear, undefined, [handle]); } catch { /* already gone */ }
        }
        scheduled.clear();
      };
    })`,
    context,
  ) as (guard: HardenedRealm['guard'], names: string[], real: Record<string, unknown>) => () => void;
  const real = vm.runInContext('({})', context) as Record<string, unknown>;
  real.setTimeout = clearTimeout;
  real.setInterval = clearInterval;
  real.setImmediate = clearImmediate;
  clearScheduled = guardGlobals(guard, vm.runInContext(`[${GUARDED_GLOBALS.map((n) => JSON.stringify(n)).join(', ')}]`, context), real);

  furnished = new Set(Reflect.ownKeys(global));
}

/**
 * Clears the real (not fake) timers scheduled through the suite realm's globals since the last
 * call. A suite's own callback (a fake service's setTimeout) can be made to run by learner code
 * after the suite went back to real timers, and would then schedule work that outlives the
 * suite file: the environment calls this when its file ends.
 */
let clearScheduled: (() => void) | undefined;

export function clearRealTimers(): void {
  clearScheduled?.();
}

/** The realm global's own keys once furnished: what every suite file starts from. */
let furnished: Set<string | symbol> | undefined;

/**
 * Deletes what a suite file added to the realm's global (jest's globals, and jest-circus's state
 * under a symbol that every file's copy of circus makes anew): left there, each would keep that
 * file's whole jest runtime alive, about 1 MB a suite file.
 */
export function clearSuiteGlobals(): void {
  if (!realm || !furnished) return;
  const global = realm.global as Record<string | symbol, unknown>;
  for (const key of Reflect.ownKeys(global)) {
    if (!furnished.has(key)) Reflect.deleteProperty(global, key);
  }
}

/** A fresh `process` stand-in for a suite file, as jest makes one per realm. */
export function processObject(): Record<string, any> {
  return require(path.join(path.dirname(require.resolve('jest-util', { paths: [jestRunnerDir] })), 'createProcessObject.js')).default();
}
