/**
 * jest's module runtime for the grading child (jest's `runtime` option): jest-runtime itself,
 * with three changes that cost nothing in isolation, each suite file still getting a fresh realm
 * and module registry in which every module is evaluated anew:
 * - files under node_modules are read from disk once per child, not once per suite file (jest's
 *   runtime reads its own internal modules again for every file, ~100 of them);
 * - jest-circus's run loop asks for `@jest/expect` only to tell expect the name of a concurrent
 *   test; it gets a stand-in, so that expect and jest-snapshot are never evaluated (circus.ts);
 * - a few modules that jest-circus loads but rarely calls (LATER) are
 *   evaluated in the realm when first used instead of when the file starts;
 * - a learner's file (`@submission/…`, resolved into the workspace) is never a jest module: it is
 *   evaluated in the sandbox (learner.ts: a Compartment of the hardened suite realm), once per
 *   suite file, and what the suite gets is its exports. jest's module, exports and require
 *   objects, made in the grader's realm, never reach learner code;
 * - source-map-support is not installed in the suite realm: the suites and the harness carry no
 *   source maps, and the learner's lines are mapped by the sandbox itself.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { circusDir } from './circus';
import type { LearnerModules } from './learner';
import { suiteRealm } from './suite-realm';

/* eslint-disable @typescript-eslint/no-explicit-any, @typescript-eslint/no-require-imports */

const JestRuntime = require(require.resolve('jest-runtime', { paths: [path.dirname(require.resolve('jest-runner'))] })).default as new (...args: any[]) => any;

const NODE_MODULES = `${path.sep}node_modules${path.sep}`;
const read = fs.readFileSync; // captured before any learner code runs
const files = new Map<string, Buffer>();
/** Enough for jest's own modules many times over; learner code requiring big libraries does not grow it past this. */
const MAX_CACHED_BYTES = 32 * 1024 * 1024;
let cachedBytes = 0;

/** What jest-circus's run loop uses of `@jest/expect`: setState, for concurrent tests' names. */
const EXPECT_STAND_IN = Object.freeze({ jestExpect: Object.freeze({ setState: () => undefined }) });

/** A module's exports, loaded (inside the realm, by jest) the first time a property is read. */
function onFirstUse(load: () => Record<PropertyKey, unknown>): Record<PropertyKey, unknown> {
  let loaded: Record<PropertyKey, unknown> | undefined;
  const real = () => (loaded ??= load());
  return new Proxy({}, {
    get: (_, key) => real()[key],
    has: (_, key) => key in real(),
    ownKeys: () => Reflect.ownKeys(real()),
    getOwnPropertyDescriptor: (_, key) => {
      const descriptor = Reflect.getOwnPropertyDescriptor(real(), key);
      return descriptor && { ...descriptor, configurable: true };
    },
  });
}

const sourceMapSupport = require.resolve('source-map-support', { paths: [path.dirname(require.resolve('jest-runner'))] });

/**
 * Modules that jest evaluates in every suite file's realm at load time, but that grading calls
 * rarely or never: each is loaded in that realm when first used, so that a suite file that does
 * not use it does not pay for it. By the file that asks and what it asks for.
 */
const LATER = new Map<string, (load: () => any) => unknown>([
  // shuffling tests (jest's --randomize)
  [`${path.join(circusDir, 'shuffleArray.js')}\0pure-rand`, onFirstUse],
  // messages of node's assert errors and of non-Error values thrown
  [`${path.join(circusDir, 'formatNodeAssertErrors.js')}\0jest-matcher-utils`, onFirstUse],
  [`${path.join(circusDir, 'formatNodeAssertErrors.js')}\0pretty-format`, onFirstUse],
  [`${path.join(circusDir, 'utils.js')}\0pretty-format`, onFirstUse],
  // test.each and describe.each: bound to their test function at load, built when called
  [`${path.join(circusDir, 'index.js')}\0jest-each`, (load) => Object.freeze({ bind: (...bound: unknown[]) => (...table: unknown[]) => load().bind(...bound)(...table) })],
]);

/** What stands in for source-map-support in the suite realm (see the header). */
const NO_SOURCE_MAP_SUPPORT = Object.freeze({ install: () => undefined });

export default class GradingRuntime extends JestRuntime {
  readFileBuffer(filename: string): Buffer {
    if (!filename.includes(NODE_MODULES)) return super.readFileBuffer(filename);
    let buffer = files.get(filename);
    if (!buffer) {
      buffer = read(filename);
      if (cachedBytes + buffer.length <= MAX_CACHED_BYTES) {
        files.set(filename, buffer);
        cachedBytes += buffer.length;
      }
    }
    return buffer;
  }

  /** Learner modules of this suite file, by path: their exports, or what loading them threw. */
  private readonly learnerModules = new Map<string, { exports: unknown } | { error: unknown }>();

  /** The `jest` object a suite module gets, behind a guard of the suite realm (sandbox/guard.ts). */
  _createJestObjectFor(from: string): unknown {
    return suiteRealm().guard.guard(super._createJestObjectFor(from));
  }

  requireModuleOrMock(from: string, moduleName: string): unknown {
    if (!moduleName.startsWith('@submission/')) return super.requireModuleOrMock(from, moduleName);
    const file: string = this._resolver.resolveModule(from, moduleName);
    let loaded = this.learnerModules.get(file);
    if (!loaded) {
      try {
        loaded = { exports: (this._environment as { learner: LearnerModules }).learner.load(file) };
      } catch (error) {
        loaded = { error };
      }
      this.learnerModules.set(file, loaded);
    }
    if ('error' in loaded) throw loaded.error;
    return loaded.exports;
  }

  requireInternalModule(from: string, to?: string): unknown {
    if (from === sourceMapSupport && to === undefined) return NO_SOURCE_MAP_SUPPORT;
    if (to === '@jest/expect' && from.startsWith(`${circusDir}${path.sep}`)) return EXPECT_STAND_IN;
    const later = to ? LATER.get(`${from}\0${to}`) : undefined;
    if (later) return later(() => super.requireInternalModule(from, to));
    return super.requireInternalModule(from, to);
  }

  teardown(): void {
    this.learnerModules.clear();
    super.teardown();
  }
}
