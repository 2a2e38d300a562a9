/**
 * A learner's TypeScript file, made ready for a Compartment: compiled by swc to a CommonJS
 * module body (ES2022, so classes, private fields and async generators stay native; a dynamic
 * import() becomes require(), which the sandbox refuses with a message), without comments, and
 * with a way back from the compiled code's line and column to the learner's.
 *
 * SES refuses source text that merely looks like an HTML comment (`<!--`, `-->`), a dynamic
 * import (`import(`) or a direct eval: other parsers could read such text differently. Without
 * comments, such text can only be left in string, template and regular-expression literals;
 * there it is written with an escape of the same value (`\u0069mport(`), so a string that
 * happens to say "import(" or "-->" still means exactly what the learner wrote.
 */
import { TraceMap, originalPositionFor } from '@jridgewell/trace-mapping';

/* eslint-disable @typescript-eslint/no-require-imports */

export interface PreparedModule {
  /** The module body: kit.ts wraps it in a function on a line of its own. */
  code: string;
  /** The learner's line and column for a line and column of the wrapped code (1-based lines, as stacks print them). */
  original(line: number, column: number): { line: number; column: number } | undefined;
}

/** What SES looks for (ses/src/transforms.js), as it looks for it. */
const SES_REJECTS = /<!--|-->|(^|[^.]|\.\.\.)\bimport(\s*(?:\(|\/[/*]))|(^|[^.])\beval(\s*\()/;

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
  const code = SES_REJECTS.test(output.code) ? escapeInLiterals(output.code) : output.code;
  let map: TraceMap | undefined;
  return {
    code,
    original(line, column) {
      if (!output.map) return undefined;
      map ??= new TraceMap(output.map);
      // kit.ts puts the function header on a line of its own before the body.
      const found = originalPositionFor(map, { line: line - 1, column: Math.max(0, column - 1) });
      return found.line === null ? undefined : { line: found.line, column: (found.column ?? 0) + 1 };
    },
  };
}

/** Rewrites, inside literals only, the text SES would refuse, with escapes of the same value. */
function escapeInLiterals(code: string): string {
  const ts = require('typescript') as typeof import('typescript');
  const file = ts.createSourceFile('learner.js', code, ts.ScriptTarget.ES2022, false, ts.ScriptKind.JS);
  const edits: { start: number; end: number; text: string }[] = [];
  const literal = new Set([
    ts.SyntaxKind.StringLiteral,
    ts.SyntaxKind.NoSubstitutionTemplateLiteral,
    ts.SyntaxKind.TemplateHead,
    ts.SyntaxKind.TemplateMiddle,
    ts.SyntaxKind.TemplateTail,
    ts.SyntaxKind.RegularExpressionLiteral,
  ]);
  const visit = (node: import('typescript').Node): void => {
    if (literal.has(node.kind)) {
      const start = node.getStart(file);
      const raw = code.slice(start, node.end);
      const safe = raw
        .replace(/<!--/g, '\\x3C!--')
        .replace(/-->/g, '--\\x3E')
        .replace(/\bimport(?=\s*(?:\(|\/[/*]))/g, '\\u0069mport')
        .replace(/\beval(?=\s*\()/g, '\\u0065val');
      if (safe !== raw) edits.push({ start, end: node.end, text: safe });
      return;
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
  let result = code;
  for (const edit of edits.sort((a, b) => b.start - a.start)) result = result.slice(0, edit.start) + edit.text + result.slice(edit.end);
  return result;
}
