/**
 * The grading child's jest transformer: @swc/jest, unchanged for the learner's file; for the
 * hidden suites and their harness, the same code without its inline source map. jest-runtime
 * installs source-map-support in every suite file's realm, and each failing test's stack is
 * mapped there, decoding the map of every file on the stack (the suite's and the harness's are
 * the big ones) once per realm. The grader reads only the learner's frames (environment.ts), so
 * only the learner's file keeps its map. (@swc/jest turns `sourceMaps: false` back into inline
 * maps, hence this wrapper.) swc hands the map over as such (`sourceMaps: true`), not inlined in
 * the code, which jest would only decode again to write it beside the transform.
 */
import * as path from 'node:path';

/* eslint-disable @typescript-eslint/no-explicit-any, @typescript-eslint/no-require-imports */

const swcJest = require('@swc/jest') as { createTransformer(options: unknown): any };

export interface TransformerOptions {
  /** swc's options, as @swc/jest takes them. */
  swc: Record<string, unknown>;
  /** Folders whose files lose their source map (absolute). */
  withoutMaps: string[];
}


export function createTransformer(options: TransformerOptions) {
  const swc = swcJest.createTransformer(options.swc);
  const mapless = (file: string) => options.withoutMaps.some((dir) => file.startsWith(`${dir}${path.sep}`));
  return {
    canInstrument: false,
    getCacheKey(source: string, file: string, transformOptions: unknown): string {
      return `${swc.getCacheKey(source, file, transformOptions)}${mapless(file) ? '-nomap' : ''}`;
    },
    process(source: string, file: string, transformOptions: unknown): { code: string; map?: unknown } {
      const result = swc.process(source, file, transformOptions) as { code: string; map?: unknown };
      return mapless(file) ? { code: result.code } : result;
    },
  };
}

export default { createTransformer };
