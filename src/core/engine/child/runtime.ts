/**
 * jest's module runtime for the grading child (jest's `runtime` option): jest-runtime itself,
 * with three changes that cost nothing in isolation, each suite file still getting a fresh realm
 * and module registry in which every module is evaluated anew:
 * - files under node_modules are read from disk once per child, not once per suite file (jest's
 *   runtime reads its own internal modules again for every file, ~100 of them);
 * - jest-circus's run loop asks for `@jest/expect` only to tell expect the name of a concurrent
 *   test; it gets a stand-in, so that expect and jest-snapshot are never evaluated (circus.ts);
 * - a few modules that jest-circus and source-map-support load but rarely call (LATER) are
 *   evaluated in the realm when first used instead of when the file starts;
 * - the transform of a learner's file is not cached on disk (only its source map is written, for
 *   the length of its suite file), and is forgotten in memory when its suite file is done, so a
 *   child that grades hundreds of students keeps none of them.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { circusDir } from './circus';

/* eslint-disable @typescript-eslint/no-explicit-any, @typescript-eslint/no-require-imports */

/**
 * jest writes every transform to its cache folder (atomically: a temporary file, then a rename),
 * the code and its source map. For a learner's file the code is never read back (its path is in a
 * workspace of its own), and the map is read only while its suite file runs: so while a learner's
 * file is transformed, the code is not written and the map is written plainly (and removed in
 * teardown).
 */
let transformingLearnerFile = false;
const writeFileAtomic = require(require.resolve('write-file-atomic', { paths: [path.dirname(require.resolve('@jest/transform', { paths: [path.dirname(require.resolve('jest-runner'))] }))] })) as { sync: (file: string, data: string, options?: unknown) => void };
const atomicSync = writeFileAtomic.sync;
writeFileAtomic.sync = function sync(file: string, data: string, options?: unknown): void {
  if (!transformingLearnerFile) return atomicSync.call(this, file, data, options);
  if (file.endsWith('.map')) fs.writeFileSync(file, data);
};

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
  // the source map reader, for the stack of an error in the learner's file
  [`${sourceMapSupport}\0source-map`, (load) => Object.freeze({ SourceMapConsumer: function SourceMapConsumer(map: unknown) { return new (load().SourceMapConsumer)(map); } })],
]);

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

  transformFile(filename: string, options?: { isInternalModule?: boolean }): string {
    const workspace = process.env.GRADER_WORKSPACE;
    if (!workspace || !filename.startsWith(`${workspace}${path.sep}`) || options?.isInternalModule) return super.transformFile(filename, options);
    transformingLearnerFile = true;
    try {
      return super.transformFile(filename, options);
    } finally {
      transformingLearnerFile = false;
    }
  }

  requireInternalModule(from: string, to?: string): unknown {
    if (to === '@jest/expect' && from.startsWith(`${circusDir}${path.sep}`)) return EXPECT_STAND_IN;
    const later = to ? LATER.get(`${from}\0${to}`) : undefined;
    if (later) return later(() => super.requireInternalModule(from, to));
    return super.requireInternalModule(from, to);
  }

  teardown(): void {
    const workspace = process.env.GRADER_WORKSPACE;
    const inWorkspace = (file: string) => Boolean(workspace) && file.startsWith(`${workspace}${path.sep}`);
    const maps: string[] = [];
    for (const [file, transform] of (this._fileTransforms as Map<string, { sourceMapPath?: string | null }> | undefined) ?? []) {
      if (inWorkspace(file) && transform.sourceMapPath) maps.push(transform.sourceMapPath);
    }
    super.teardown();
    for (const file of maps) fs.rm(file, { force: true }, () => undefined);
    const transformed: Map<string, unknown> | undefined = this._scriptTransformer?._cache?.transformedFiles;
    if (transformed) {
      for (const key of transformed.keys()) if (inWorkspace(key)) transformed.delete(key);
    }
  }
}
