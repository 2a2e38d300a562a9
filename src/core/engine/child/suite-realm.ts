/**
 * The one realm every hidden suite file of this child runs in: hardened by SES once, when the
 * child starts (src/core/sandbox/realm.ts), then furnished once with what jest's node
 * environment puts into a fresh realm for every file (Node's globals, read lazily from this
 * realm, Buffer, jest's common globals). Hardening a realm costs about ten times what making one
 * does, so the suite files share it; what a suite file leaves on its global (jest's globals,
 * fake timers) is replaced by the next one, and learner code never sees that global at all:
 * each learner module runs in a Compartment of its own (learner.ts).
 */
import * as path from 'node:path';
import * as vm from 'node:vm';
import { createHardenedRealm, type HardenedRealm } from '../../sandbox/realm';

/* eslint-disable @typescript-eslint/no-explicit-any, @typescript-eslint/no-require-imports */

const jestRunnerDir = path.dirname(require.resolve('jest-runner'));
const fromJest = (name: string) => require(require.resolve(name, { paths: [path.dirname(require.resolve('jest-environment-node', { paths: [jestRunnerDir] }))] }));

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
    `(function guardGlobals(guard, names, track) {
      'use strict';
      for (const name of names) {
        let current = globalThis[name];
        const real = current;
        const scheduling = track[name] && guard.guard(track[name]);
        const counted = new WeakMap();
        Object.defineProperty(globalThis, name, {
          configurable: true,
          enumerable: false,
          get: { [name]() {
            const guarded = guard.guard(current);
            if (!scheduling || current !== real) return guarded;
            // Node's own timer (not jest's fake one): what it schedules is cleared with the suite file.
            let tracked = counted.get(guarded);
            if (!tracked) {
              tracked = { [name](...args) { const handle = guarded(...args); scheduling(handle); return handle; } }[name];
              counted.set(guarded, tracked);
            }
            return tracked;
          } }[name],
          set: { [name](value) { current = guard.unwrap(value); } }[name],
        });
      }
    })`,
    context,
  ) as (guard: HardenedRealm['guard'], names: string[], track: Record<string, (handle: unknown) => void>) => void;
  const track = vm.runInContext('({})', context) as Record<string, (handle: unknown) => void>;
  track.setTimeout = (handle) => realTimers.add({ handle, clear: clearTimeout });
  track.setInterval = (handle) => realTimers.add({ handle, clear: clearInterval });
  track.setImmediate = (handle) => realTimers.add({ handle, clear: clearImmediate });
  guardGlobals(guard, vm.runInContext(`[${GUARDED_GLOBALS.map((n) => JSON.stringify(n)).join(', ')}]`, context), track);
}

/**
 * Real (not fake) timers scheduled through the suite realm's globals since the last call of
 * clearRealTimers. A suite's own callback (a fake service's setTimeout) can be made to run by
 * learner code after the suite went back to real timers, and would then schedule work that
 * outlives the suite file: the environment clears all of them when its file ends.
 */
const realTimers = new Set<{ handle: unknown; clear: (handle: never) => void }>();

export function clearRealTimers(): void {
  for (const timer of realTimers) {
    try {
      timer.clear(guardOf().unwrap(timer.handle) as never);
    } catch {
      /* already gone */
    }
  }
  realTimers.clear();
}

function guardOf(): HardenedRealm['guard'] {
  return suiteRealm().guard;
}

/** A fresh `process` stand-in for a suite file, as jest makes one per realm. */
export function processObject(): Record<string, any> {
  return require(path.join(path.dirname(require.resolve('jest-util', { paths: [jestRunnerDir] })), 'createProcessObject.js')).default();
}
