/**
 * Loads the learner's module lazily, inside each test, so that a file that does not compile,
 * throws while loading or lacks an export costs each test a clear message instead of crashing
 * the whole suite, and so that learner code runs only after the checks captured their intrinsics.
 */
import { fail } from './check';

export interface Submission<M> {
  /** The learner's module (loaded on first use, cached; a load error fails every test that asks). */
  module(): M;
  /** One export, which must be a function or class: `learner.get('Data')`. */
  get<K extends keyof M>(name: K): M[K];
}

function firstLine(error: unknown): string {
  const text = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  const lines = text.split('\n').map((line) => line.trim()).filter(Boolean);
  // swc's syntax errors put the useful part ("Expected ';'", the line) after a header line.
  return lines.slice(0, 4).join(' ').slice(0, 400);
}

/**
 * `file` is the learner's file name as the lesson names it (`data.ts`); `load` must be a
 * function that calls `require('@submission/<id>/<file without .ts>')`, so jest resolves it.
 */
export function submission<M>(file: string, load: () => unknown): Submission<M> {
  let loaded: { ok: true; value: M } | { ok: false; message: string } | undefined;
  function module(): M {
    if (!loaded) {
      try {
        loaded = { ok: true, value: load() as M };
      } catch (error) {
        loaded = { ok: false, message: `Your ${file} could not be loaded, so this test could not run: ${firstLine(error)}` };
      }
    }
    if (!loaded.ok) return fail(loaded.message);
    return loaded.value;
  }
  return {
    module,
    get(name) {
      const value = module()[name];
      if (typeof value !== 'function') {
        fail(`${file} must export ${String(name)} (as \`export class ${String(name)}\` or \`export function ${String(name)}\`), but it ${value === undefined ? 'does not export it' : `exports a ${typeof value}`}.`);
      }
      return value;
    },
  };
}
