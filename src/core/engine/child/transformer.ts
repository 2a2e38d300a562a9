/**
 * The grading child's jest transformer: @swc/jest for the hidden suites and their harness, without
 * their source maps. Learner files never come here (the sandbox compiles them, with a map of its
 * own: src/core/sandbox/source.ts), and no stack in the suite realm is mapped (runtime.ts does not
 * install source-map-support there), so a suite's map would only be decoded for nothing.
 * (@swc/jest turns `sourceMaps: false` back into inline maps, hence this wrapper.)
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
