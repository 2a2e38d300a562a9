/**
 * A learner's TypeScript file, made ready for a Compartment: compiled by swc to a CommonJS
 * module body (ES2022, so classes, private fields and async generators stay native; a dynamic
 * import() becomes require(), which the sandbox refuses with a message), without comments, and
 * with a way back from the compiled code's line and column to the learner's.
 *
 * SES refuses source text that merely looks like an HTML comment (`<!--`, `-->`), a dynamic
 * import (`import(`) or a direct eval: other parsers could read such text differently. In swc's
 * output, without comments, dynamic imports compiled away and operators spaced (`a-- > b`), the
 * first three can only be left inside string, template and regular-expression literals, or be a
 * method's name: there they are written with an escape of the same value (`\u0069mport(`,
 * `--\x3E`), so a string that happens to say "import(" or "-->" still means exactly what the
 * learner wrote. (A direct eval is refused as SES refuses it, with its message.)
 */
import { LEAST_UPPER_BOUND, TraceMap, originalPositionFor } from '@jridgewell/trace-mapping';

/* eslint-disable @typescript-eslint/no-require-imports */

export interface PreparedModule {
  /** The module body: kit.ts wraps it in a function on a line of its own. */
  code: string;
  /** The learner's line and column for a line and column of the wrapped code (1-based lines, as stacks print them). */
  original(line: number, column: number): { line: number; column: number } | undefined;
}


type Swc = typeof import('@swc/core');
let swc: Swc | undefined;

export function prepareLearnerModule(source: string, filename: string): PreparedModule {
  swc ??= require('@swc/core') as Swc;
  const output = swc.transformSync(source, {
    filename,
    jsc: {
      parser: { syntax: 'typescript' },
      target: 'es2022',
      // Comments are dropped (a comment may say anything, "import(" included); nothing is renamed or folded.
      minify: { compress: false, mangle: false, format: { comments: false } },
    },
    minify: false,
    module: { type: 'commonjs' },
    sourceMaps: true,
    swcrc: false,
    configFile: false,
  });
  const code = escapeLookalikes(output.code);
  let map: TraceMap | undefined;
  return {
    code,
    original(line, column) {
      if (!output.map) return undefined;
      map ??= new TraceMap(output.map);
      // kit.ts puts the function header on a line of its own before the body.
      const at = { line: line - 1, column: Math.max(0, column - 1) };
      // A column with no mapping of its own (SES names only the line): the nearest one after it.
      let found = originalPositionFor(map, at);
      if (found.line === null) found = originalPositionFor(map, { ...at, bias: LEAST_UPPER_BOUND });
      return found.line === null ? undefined : { line: found.line, column: (found.column ?? 0) + 1 };
    },
  };
}

/** What SES would refuse as an HTML comment or a dynamic import, written with escapes of the same value (none after a backslash: that would change it). */
export function escapeLookalikes(code: string): string {
  return code
    .replace(/(?<!\\)<!--/g, '\\x3C!--')
    .replace(/(?<!\\)-->/g, '--\\x3E')
    .replace(/(^|[^.\\]|\.\.\.)\bimport(?=\s*(?:\(|\/[/*]))/g, '$1\\u0069mport');
}
