/**
 * The public tests of an exercise, cut out of its hidden suite: one source of truth, so a public
 * test cannot drift from the test that grades. Parsed with the TypeScript compiler API and edited
 * by position (the kept text is the author's, byte for byte):
 *
 * - imports and every statement that is not a test (helpers, constants, hooks) are kept;
 * - a `test(…)` / `it(…)` call is kept only when its full name (describe names and its own,
 *   joined by " › ", as the grader's result document shows it) is public; the others are cut,
 *   with the comments just above them;
 * - a `describe(…)` block is kept when it still holds a public test, and cut otherwise;
 * - relative module paths (`'../harness'`) are rewritten for the public file's folder.
 *
 * A test the cut cannot see (inside a loop, a helper function, `test.each`, a computed name)
 * would leak into the public file or be dropped silently, so it is refused with a UsageError.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import ts from 'typescript';
import { UsageError } from '../errors';

/** How the grader joins describe names and a test's own name (src/core/engine/child/environment.ts). */
export const NAME_SEPARATOR = ' › ';

export interface SuiteTest {
  /** The full name, as the grader's result document shows it. */
  name: string;
  /** 1-based line of the test call, for messages. */
  line: number;
}

export interface PublicSuite {
  /** The public suite's source text. */
  source: string;
  /** Full names of the tests kept, in file order. */
  kept: string[];
  /** How many tests the hidden suite has. */
  total: number;
}

export interface PublicSuiteOptions {
  /** The folder the public file will sit in: relative imports are rewritten for it (default `<suite's folder>/public`). */
  publicDir?: string;
  /** Lines put at the top of the file (each gets `// `). */
  header?: string[];
}

const TEST_FUNCTIONS = new Set(['test', 'it', 'xtest', 'xit', 'fit']);
const DESCRIBE_FUNCTIONS = new Set(['describe', 'xdescribe', 'fdescribe']);
const MODIFIERS = new Set(['only', 'skip', 'concurrent', 'failing', 'todo']);

type Kind = 'test' | 'describe' | 'table';

interface Found {
  kind: Kind;
  call: ts.CallExpression;
}

interface Context {
  file: string;
  source: ts.SourceFile;
  /** Jest's globals the suite does not shadow with a declaration of its own. */
  globals: Set<string>;
}

function lineOf(ctx: Context, node: ts.Node): number {
  return ctx.source.getLineAndCharacterOfPosition(node.getStart(ctx.source)).line + 1;
}

function where(ctx: Context, node: ts.Node): string {
  return `${ctx.file}:${lineOf(ctx, node)}`;
}

/** `test`, `it.only`, `describe.skip`, `test.each(table)`: what a call is to jest, if anything. */
function classify(ctx: Context, call: ts.CallExpression): Kind | undefined {
  let callee: ts.Expression = call.expression;
  let table = false;
  if (ts.isCallExpression(callee)) {
    // test.each(table)(name, fn), describe.each`…`(name, fn)
    table = true;
    callee = callee.expression;
  } else if (ts.isTaggedTemplateExpression(callee)) {
    table = true;
    callee = callee.tag;
  }
  let base = callee;
  const members: string[] = [];
  while (ts.isPropertyAccessExpression(base)) {
    members.unshift(base.name.text);
    base = base.expression;
  }
  if (!ts.isIdentifier(base) || !ctx.globals.has(base.text)) return undefined;
  if (members.includes('each')) table = true;
  if (!members.every((m) => MODIFIERS.has(m) || m === 'each')) return undefined;
  // jest's test and describe take a name and a function; a one-argument `test(error)` is a
  // parameter or helper of that name (the harness's throws() has one).
  if (!table && call.arguments.length < 2 && !members.includes('todo')) return undefined;
  if (TEST_FUNCTIONS.has(base.text)) return table ? 'table' : 'test';
  if (DESCRIBE_FUNCTIONS.has(base.text)) return table ? 'table' : 'describe';
  return undefined;
}

/** The name a test or describe call gives, when it is written out as a plain string. */
function staticName(call: ts.CallExpression): string | undefined {
  const first = call.arguments[0];
  if (first && (ts.isStringLiteral(first) || ts.isNoSubstitutionTemplateLiteral(first))) return first.text;
  return undefined;
}

/** Every jest test/describe call anywhere under `node`. */
function callsUnder(ctx: Context, node: ts.Node): Found[] {
  const found: Found[] = [];
  const visit = (n: ts.Node) => {
    if (ts.isCallExpression(n)) {
      const kind = classify(ctx, n);
      if (kind) found.push({ kind, call: n });
    }
    ts.forEachChild(n, visit);
  };
  visit(node);
  return found;
}

/** A statement that is a jest call by itself: `test('…', () => { … });`. */
function statementCall(ctx: Context, statement: ts.Statement): Found | undefined {
  if (!ts.isExpressionStatement(statement) || !ts.isCallExpression(statement.expression)) return undefined;
  const kind = classify(ctx, statement.expression);
  return kind ? { kind, call: statement.expression } : undefined;
}

/** The body of a describe's callback, when it is a function with a block. */
function describeBody(call: ts.CallExpression): ts.NodeArray<ts.Statement> | undefined {
  const fn = call.arguments[1];
  if (fn && (ts.isArrowFunction(fn) || ts.isFunctionExpression(fn)) && fn.body && ts.isBlock(fn.body)) return fn.body.statements;
  return undefined;
}

interface Cut {
  start: number;
  end: number;
}

interface Walk {
  tests: { name: string; line: number; statement: ts.Statement }[];
  cuts: Cut[];
}

/**
 * Walks statements (the file's, or a describe body's) and returns every test under them with
 * its full name. `keep` decides which tests stay; the others (and describes left empty) become cuts.
 */
function walk(ctx: Context, statements: readonly ts.Statement[], prefix: string[], keep: (name: string) => boolean, out: Walk): number {
  let kept = 0;
  for (const statement of statements) {
    const found = statementCall(ctx, statement);
    if (!found) {
      const hidden = callsUnder(ctx, statement)[0];
      if (hidden) {
        throw new UsageError(`${where(ctx, hidden.call)}: a test inside ${describeStatement(statement)} cannot be told apart as public or hidden; write it as a test() or describe() call of its own`);
      }
      continue;
    }
    const name = staticName(found.call);
    if (found.kind === 'table') {
      throw new UsageError(`${where(ctx, found.call)}: .each tables are not supported in suites with public tests; write each case as a test() of its own`);
    }
    if (name === undefined) {
      throw new UsageError(`${where(ctx, found.call)}: the ${found.kind} name is not a plain string, so it cannot be matched against publicTests`);
    }
    const full = [...prefix, name];
    if (found.kind === 'test') {
      const inner = callsUnder(ctx, found.call.arguments[1] ?? found.call).filter((f) => f.call !== found.call);
      if (inner.length) throw new UsageError(`${where(ctx, inner[0]!.call)}: a test or describe inside a test`);
      out.tests.push({ name: full.join(NAME_SEPARATOR), line: lineOf(ctx, found.call), statement });
      if (keep(full.join(NAME_SEPARATOR))) kept++;
      else out.cuts.push(cutOf(ctx, statement));
      continue;
    }
    const body = describeBody(found.call);
    if (!body) throw new UsageError(`${where(ctx, found.call)}: describe() needs a function with a body as its second argument`);
    const cutsBefore = out.cuts.length;
    const inside = walk(ctx, body, full, keep, out);
    if (inside === 0) {
      // Nothing public in this block: cut it whole (its own cuts are inside this one).
      out.cuts.splice(cutsBefore);
      out.cuts.push(cutOf(ctx, statement));
    }
    kept += inside;
  }
  return kept;
}

function describeStatement(statement: ts.Statement): string {
  if (ts.isFunctionDeclaration(statement)) return `function ${statement.name?.text ?? ''}`.trim();
  if (ts.isIterationStatement(statement, false)) return 'a loop';
  if (ts.isIfStatement(statement)) return 'an if statement';
  return 'a statement that is not a test() or describe() call';
}

/**
 * A statement's text with the comments above it and after it on its last line, but not a
 * comment that ends the line before (that one belongs to the previous statement).
 */
function cutOf(ctx: Context, statement: ts.Statement): Cut {
  const text = ctx.source.text;
  const full = statement.getFullStart();
  const start = statement.getStart(ctx.source);
  const newline = text.indexOf('\n', full);
  // A comment after the statement on its last line is about it, and goes with it.
  const trailing = ts.getTrailingCommentRanges(text, statement.getEnd()) ?? [];
  return { start: newline >= 0 && newline < start ? newline : full, end: trailing.length ? trailing[trailing.length - 1]!.end : statement.getEnd() };
}

function parse(file: string, text: string): Context {
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.ES2022, true, ts.ScriptKind.TS);
  const shadowed = new Set<string>();
  for (const statement of source.statements) {
    if ((ts.isFunctionDeclaration(statement) || ts.isClassDeclaration(statement)) && statement.name) shadowed.add(statement.name.text);
    if (ts.isVariableStatement(statement)) {
      for (const d of statement.declarationList.declarations) if (ts.isIdentifier(d.name)) shadowed.add(d.name.text);
    }
    if (ts.isImportDeclaration(statement) && statement.importClause) {
      const clause = statement.importClause;
      if (clause.name) shadowed.add(clause.name.text);
      if (clause.namedBindings && ts.isNamedImports(clause.namedBindings)) for (const e of clause.namedBindings.elements) shadowed.add(e.name.text);
    }
  }
  const globals = new Set([...TEST_FUNCTIONS, ...DESCRIBE_FUNCTIONS].filter((n) => !shadowed.has(n)));
  return { file, source, globals };
}

/** Every test of a suite with its full name, in file order. */
export function suiteTests(file: string, text = fs.readFileSync(file, 'utf8')): SuiteTest[] {
  const ctx = parse(file, text);
  const out: Walk = { tests: [], cuts: [] };
  walk(ctx, ctx.source.statements, [], () => true, out);
  return out.tests.map(({ name, line }) => ({ name, line }));
}

/** Relative module paths (imports, exports, require, jest.mock) seen from `toDir` instead of `fromDir`. */
function moduleEdits(ctx: Context, fromDir: string, toDir: string): { start: number; end: number; text: string }[] {
  const edits: { start: number; end: number; text: string }[] = [];
  const rewrite = (literal: ts.Node | undefined) => {
    if (!literal || !ts.isStringLiteralLike(literal) || !/^\.\.?(\/|$)/.test(literal.text)) return;
    let moved = path.relative(toDir, path.resolve(fromDir, literal.text)).split(path.sep).join('/');
    if (!moved.startsWith('.')) moved = `./${moved}`;
    edits.push({ start: literal.getStart(ctx.source) + 1, end: literal.getEnd() - 1, text: moved });
  };
  const visit = (n: ts.Node) => {
    if ((ts.isImportDeclaration(n) || ts.isExportDeclaration(n)) && n.moduleSpecifier) rewrite(n.moduleSpecifier);
    else if (ts.isImportEqualsDeclaration(n) && ts.isExternalModuleReference(n.moduleReference)) rewrite(n.moduleReference.expression);
    else if (ts.isImportTypeNode(n) && ts.isLiteralTypeNode(n.argument)) rewrite(n.argument.literal);
    else if (ts.isCallExpression(n)) {
      const callee = n.expression;
      const named = ts.isIdentifier(callee) ? callee.text
        : ts.isPropertyAccessExpression(callee) && ts.isIdentifier(callee.expression) ? `${callee.expression.text}.${callee.name.text}`
        : callee.kind === ts.SyntaxKind.ImportKeyword ? 'import' : '';
      if (['require', 'import', 'require.resolve', 'jest.mock', 'jest.unmock', 'jest.doMock', 'jest.requireActual', 'jest.requireMock'].includes(named)) rewrite(n.arguments[0]);
    }
    ts.forEachChild(n, visit);
  };
  visit(ctx.source);
  return edits;
}

/**
 * The public suite made from the hidden suite `file` (text `text`, read from the file when not
 * given), keeping the tests named in `publicNames`. A public name that matches no test is a
 * UsageError naming it.
 */
export function publicSuite(file: string, publicNames: readonly string[], options: PublicSuiteOptions = {}, text = fs.readFileSync(file, 'utf8')): PublicSuite {
  const ctx = parse(file, text);
  const wanted = new Set(publicNames);
  const out: Walk = { tests: [], cuts: [] };
  walk(ctx, ctx.source.statements, [], (name) => wanted.has(name), out);
  const names = new Set(out.tests.map((t) => t.name));
  const unknown = publicNames.find((n) => !names.has(n));
  if (unknown !== undefined) throw new UsageError(`public test "${unknown}" matches no test in ${file}`);

  const fromDir = path.dirname(path.resolve(file));
  const toDir = path.resolve(options.publicDir ?? path.join(fromDir, 'public'));
  const inCut = (pos: number) => out.cuts.some((c) => pos >= c.start && pos < c.end);
  const edits = [
    ...out.cuts.map((c) => ({ ...c, text: '' })),
    ...moduleEdits(ctx, fromDir, toDir).filter((e) => !inCut(e.start)),
  ].sort((a, b) => b.start - a.start);
  let source = text;
  for (const edit of edits) source = source.slice(0, edit.start) + edit.text + source.slice(edit.end);
  // The author's opening line calls the file the hidden suite; this one is not.
  source = source.replace(/^\/\/ Hidden suite for /, '// Tests for ');
  if (options.header?.length) source = `${options.header.map((l) => `// ${l}`.trimEnd()).join('\n')}\n${source}`;
  return { source, kept: out.tests.filter((t) => wanted.has(t.name)).map((t) => t.name), total: out.tests.length };
}
