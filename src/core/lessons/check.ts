/**
 * The lesson checker: lessons verify themselves (CONTRIBUTING.md, "Lessons").
 *
 * - front matter valid (schemas/lesson.schema.json), its id the file's name, its exercise in the catalogue;
 * - every exercise of the catalogue has a lesson naming it, and each such lesson ends with a
 *   section pointing to its exercise;
 * - every ```ts block type-checks (one program for all blocks) and runs; ```python blocks run
 *   under python3; an ```output block right after a block must be exactly its stdout;
 *   `ts compile-error` must fail type checking, `ts throws` / `python raises` must end with an
 *   uncaught error, `fragment` blocks are skipped;
 * - links and images point at something that exists, admonitions are ones the site knows.
 *
 * Every problem is one line, `lessons/<file>.md:<line>: <what>`; code problems name the line of
 * the block's opening fence. Command line: `npm run check:lessons [-- files…]`, exit 1 on any problem.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Command, InvalidArgumentError } from 'commander';
import { loadCatalogue, type Catalogue } from '../catalogue';
import { UsageError } from '../errors';
import { paths } from '../paths';
import { displayPath, lessonFiles, readFrontMatter, readLessonFile, type LessonFile, type LessonFrontMatter } from './load';
import { ADMONITIONS, blockInfo, headings, PYTHON_WORDS, TS_WORDS, type BlockInfo } from './markdown';
import { defaultConcurrency, runBlocks, type RunJob, type RunResult } from './run';
import { typecheckBlocks, type BlockDiagnostic } from './typecheck';

export interface Problem {
  /** The file as people see it (lessons/01-data-iterator.md, catalogue.json). */
  file: string;
  /** 1-based; for a code block, the line of its opening fence. */
  line: number;
  message: string;
}

export function formatProblem(problem: Problem): string {
  return `${problem.file}:${problem.line}: ${problem.message}`;
}

export interface CheckOptions {
  /** The lesson files to check; all of `lessonsDir`'s *.md when absent. */
  files?: string[];
  /** Where the lessons are (lessons/). */
  lessonsDir?: string;
  /** The catalogue file (catalogue.json); its exercises are what `exercise` may name. */
  catalogueFile?: string;
  /**
   * Also check that every catalogue exercise has a lesson naming it (the one its `lesson` field
   * names). On by default when checking the whole lessons folder, off for a list of files.
   */
  coverage?: boolean;
  /** Time one block may run (ms). */
  timeoutMs?: number;
  /** Blocks run at once. */
  concurrency?: number;
  /** Called as blocks finish running. */
  onProgress?: (done: number, total: number) => void;
}

export interface CheckReport {
  problems: Problem[];
  lessons: number;
  /** Code blocks seen (ts and python, fragments included). */
  blocks: number;
  /** Blocks type-checked (ts, fragments excluded). */
  typeChecked: number;
  /** Blocks run (ts and python). */
  ran: number;
  /** Blocks that failed beside others and passed when run again alone: warnings, not problems. */
  flaky: Problem[];
  durationMs: number;
}

export const DEFAULT_TIMEOUT_MS = 15000;

interface Block {
  lesson: LessonFile;
  key: string;
  info: BlockInfo;
  code: string;
  /** 1-based line of the opening fence. */
  line: number;
  output?: { text: string; line: number };
}

const LANGUAGE_NAME = { ts: 'TypeScript block', python: 'Python block' } as const;

function show(text: string, max = 120): string {
  const shown = JSON.stringify(text.length > max ? `${text.slice(0, max)}…` : text);
  return shown;
}

function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** Why `actual` (a program's stdout) is not the output block's text, or undefined when it is. */
export function outputDifference(expected: string, actual: string, outputLine: number): string | undefined {
  const want = expected.endsWith('\n') ? expected.slice(0, -1) : expected;
  const got = actual.endsWith('\n') ? actual.slice(0, -1) : actual;
  if (want === got) return undefined;
  const wantLines = want === '' ? [] : want.split('\n');
  const gotLines = got === '' ? [] : got.split('\n');
  for (let i = 0; i < Math.max(wantLines.length, gotLines.length); i++) {
    if (wantLines[i] === gotLines[i]) continue;
    const at = outputLine + 1 + i;
    if (i >= gotLines.length) {
      return `prints ${plural(gotLines.length, 'line')}, but the output block (line ${outputLine}) shows ${wantLines.length}: nothing was printed for line ${at}, expected ${show(wantLines[i]!)}`;
    }
    if (i >= wantLines.length) {
      return `prints more than the output block (line ${outputLine}) shows: after its last line it printed ${show(gotLines[i]!)}${gotLines.length - i > 1 ? ` and ${plural(gotLines.length - i - 1, 'more line')}` : ''}`;
    }
    return `prints something else than the output block shows at line ${at}: expected ${show(wantLines[i]!)}, got ${show(gotLines[i]!)}`;
  }
  return `prints something else than the output block (line ${outputLine}) shows`;
}

function describeDiagnostics(block: Block, diagnostics: BlockDiagnostic[]): string {
  const first = diagnostics
    .slice(0, 2)
    .map((d) => `${d.line !== undefined ? `line ${block.line + 1 + d.line}: ` : ''}TS${d.code} ${d.message.slice(0, 300)}`)
    .join('; ');
  const more = diagnostics.length > 2 ? ` (and ${plural(diagnostics.length - 2, 'more error')})` : '';
  return `${first}${more}`;
}

function normalSpace(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/** The fenced code blocks of a lesson, with their output blocks; problems of form on the way. */
function collectBlocks(lesson: LessonFile, order: number, problems: Problem[]): Block[] {
  const blocks: Block[] = [];
  const claimed = new Set<number>();
  const tokens = lesson.tokens;
  tokens.forEach((token, index) => {
    if (token.type !== 'fence') return;
    const info = blockInfo(token.info);
    const line = (token.map?.[0] ?? 0) + 1;
    if (info.language === 'output') {
      if (!claimed.has(index)) {
        problems.push({ file: lesson.name, line, message: 'this ```output block does not come right after a ```ts or ```python block, so nothing checks it: put it directly after the block whose output it shows' });
      }
      return;
    }
    if (info.language === 'other') return;
    const known: readonly string[] = info.language === 'ts' ? TS_WORDS : PYTHON_WORDS;
    const unknown = info.words.filter((word) => !known.includes(word));
    if (unknown.length > 0) {
      problems.push({ file: lesson.name, line, message: `\`\`\`${token.info.trim()}: unknown word${unknown.length > 1 ? 's' : ''} ${unknown.map((w) => `"${w}"`).join(', ')} after ${info.written}; a ${info.language === 'ts' ? 'ts block may say compile-error, throws or fragment' : 'python block may say raises or fragment'}` });
      return;
    }
    if (info.words.includes('compile-error') && info.words.includes('throws')) {
      problems.push({ file: lesson.name, line, message: 'a block cannot be both compile-error (never runs) and throws (runs and throws): choose one' });
      return;
    }
    const next = tokens[index + 1];
    let output: Block['output'];
    if (next?.type === 'fence' && blockInfo(next.info).language === 'output') {
      claimed.add(index + 1);
      output = { text: next.content, line: (next.map?.[0] ?? 0) + 1 };
      if (info.words.includes('fragment')) {
        problems.push({ file: lesson.name, line: output.line, message: 'this ```output block follows a fragment, which is never run, so nothing checks it: make the block runnable, or show the output as text' });
        output = undefined;
      }
    }
    blocks.push({ lesson, key: `${order}-${lesson.stem}-L${line}`, info, code: token.content, line, ...(output ? { output } : {}) });
  });
  return blocks;
}

/** Links and images must resolve; `:::` lines must open or close an admonition the site knows. */
function checkReferences(lesson: LessonFile, anchorsOf: (file: string) => Set<string> | undefined, problems: Problem[]): void {
  const own = anchorsOf(lesson.file) ?? new Set<string>();
  const knownAdmonitions = Object.keys(ADMONITIONS).map((name) => `::: ${name}`).join(' and ');
  lesson.tokens.forEach((token, index) => {
    if (token.type !== 'inline') return;
    const line = (token.map?.[0] ?? 0) + 1;
    const parent = lesson.tokens[index - 1];
    if (parent?.type === 'paragraph_open' && /^:::/.test(token.content)) {
      const name = token.content.split('\n')[0]!.slice(3).trim();
      problems.push({
        file: lesson.name,
        line,
        message: name
          ? `"::: ${name}" is not an admonition the site knows (it knows ${knownAdmonitions}); it would show as text`
          : 'a ":::" line that closes nothing: an admonition was closed twice, or it was never opened (only ' + knownAdmonitions + ' are known)',
      });
    }
    for (const child of token.children ?? []) {
      let target: string | null = null;
      let what = 'link';
      if (child.type === 'link_open') target = child.attrGet('href');
      if (child.type === 'image') {
        what = 'image';
        target = child.attrGet('src');
        if (!child.children?.some((c) => c.content.trim()) && !child.content.trim()) {
          problems.push({ file: lesson.name, line, message: `the image ${target ?? ''} has no alt text: write what it shows between the brackets, ![like this](${target ?? 'file.png'})` });
        }
      }
      if (target === null) continue;
      checkTarget(lesson, target, what, line, own, anchorsOf, problems);
    }
  });
}

function checkTarget(lesson: LessonFile, target: string, what: string, line: number, own: Set<string>, anchorsOf: (file: string) => Set<string> | undefined, problems: Problem[]): void {
  if (/^[a-z][a-z0-9+.-]*:/i.test(target) || target.startsWith('//')) return; // https:, mailto:: not ours to check
  const hash = target.indexOf('#');
  const filePart = hash < 0 ? target : target.slice(0, hash);
  const fragment = hash < 0 ? undefined : decodeURIComponent(target.slice(hash + 1));
  if (filePart === '') {
    if (fragment !== undefined && !own.has(fragment)) {
      problems.push({ file: lesson.name, line, message: `the ${what} ${target} points to no heading of this lesson (its anchors: ${[...own].slice(0, 8).join(', ')}${own.size > 8 ? ', …' : ''})` });
    }
    return;
  }
  if (filePart.startsWith('/')) {
    problems.push({ file: lesson.name, line, message: `the ${what} ${target} is an absolute path; write it relative to the lesson (../exercises/…, 02-range.md) so it works on every machine and in the site` });
    return;
  }
  let decoded: string;
  try {
    decoded = decodeURI(filePart);
  } catch {
    decoded = filePart;
  }
  const resolved = path.resolve(path.dirname(lesson.file), decoded);
  if (!fs.existsSync(resolved)) {
    problems.push({ file: lesson.name, line, message: `the ${what} ${target} points to ${displayPath(resolved)}, which does not exist` });
    return;
  }
  if (fragment !== undefined && resolved.endsWith('.md')) {
    const anchors = anchorsOf(resolved);
    if (anchors && !anchors.has(fragment)) {
      problems.push({ file: lesson.name, line, message: `the ${what} ${target}: ${displayPath(resolved)} has no heading with the anchor #${fragment}` });
    }
  }
}

/** A lesson with an exercise ends with a section (its last ## heading on) that names the exercise and its file. */
function checkEndsWithExercise(lesson: LessonFile, meta: LessonFrontMatter, catalogue: Catalogue, problems: Problem[]): void {
  const exercise = catalogue.exercises.find((e) => e.id === meta.exercise);
  if (!exercise) return;
  const sections = headings(lesson.tokens).filter((h) => h.level <= 2);
  const last = sections[sections.length - 1];
  const file = `exercises/${exercise.id}/${exercise.file}`;
  const shape = `name the file to edit (${file}) and how to grade it (npx workbook run ${exercise.id})`;
  if (!last) {
    problems.push({ file: lesson.name, line: 1, message: `the lesson must end with a section (a ## heading) pointing to its exercise ${exercise.id}: ${shape}` });
    return;
  }
  const text = lesson.source.split(/\r?\n/).slice(last.line - 1).join('\n');
  const missing = [text.includes(exercise.id) ? '' : `the exercise id ${exercise.id}`, text.includes(exercise.file) ? '' : `its file ${exercise.file}`].filter(Boolean);
  if (missing.length > 0) {
    problems.push({ file: lesson.name, line: last.line, message: `the last section ("${last.text}") must point to the lesson's exercise, but it does not mention ${missing.join(' or ')}: ${shape}` });
  }
}

function catalogueLine(text: string, id: string): number {
  const index = text.split('\n').findIndex((line) => line.includes(`"${id}"`));
  return index < 0 ? 1 : index + 1;
}

/** Every catalogue exercise has a lesson whose front matter names it: the one its `lesson` field names. */
function checkCoverage(catalogue: Catalogue, catalogueFile: string, metas: Map<string, LessonFrontMatter | undefined>, problems: Problem[]): void {
  let text = '';
  try {
    text = fs.readFileSync(catalogueFile, 'utf8');
  } catch {
    // line 1 then
  }
  const shown = displayPath(catalogueFile);
  for (const exercise of catalogue.exercises) {
    const line = catalogueLine(text, exercise.id);
    const naming = [...metas].filter(([, meta]) => meta?.exercise === exercise.id).map(([file]) => file);
    const lessonFile = path.resolve(path.dirname(catalogueFile), exercise.lesson);
    if (!fs.existsSync(lessonFile)) {
      problems.push({ file: shown, line, message: `exercise ${exercise.id} has no lesson: ${exercise.lesson} does not exist${naming.length ? ` (${naming.map((f) => displayPath(f)).join(', ')} names it: fix the catalogue's "lesson" field)` : ''}` });
      continue;
    }
    const meta = metas.has(lessonFile) ? metas.get(lessonFile) : readFrontMatter(readLessonFile(lessonFile)).meta;
    if (meta && meta.exercise !== exercise.id) {
      problems.push({ file: shown, line, message: `exercise ${exercise.id}'s lesson ${exercise.lesson} names ${meta.exercise === null ? 'no exercise' : `exercise ${meta.exercise}`} in its front matter; it must say exercise: ${exercise.id}` });
    }
  }
}

/** Checks lessons; resolves with every problem found (none: the lessons are right). */
export async function checkLessons(options: CheckOptions = {}): Promise<CheckReport> {
  const started = Date.now();
  const lessonsDir = options.lessonsDir ?? paths.lessons;
  const catalogueFile = options.catalogueFile ?? paths.catalogue;
  const catalogue = loadCatalogue(catalogueFile);
  const files = (options.files ?? lessonFiles(lessonsDir)).map((file) => path.resolve(file));
  const coverage = options.coverage ?? options.files === undefined;
  const problems: Problem[] = [];

  const lessons = files.map(readLessonFile);
  const metas = new Map<string, LessonFrontMatter | undefined>();
  const anchors = new Map<string, Set<string>>();
  for (const lesson of lessons) anchors.set(lesson.file, new Set(headings(lesson.tokens).map((h) => h.slug)));
  const anchorsOf = (file: string): Set<string> | undefined => {
    if (!anchors.has(file)) {
      try {
        anchors.set(file, new Set(headings(readLessonFile(file).tokens).map((h) => h.slug)));
      } catch {
        return undefined;
      }
    }
    return anchors.get(file);
  };

  const blocks: Block[] = [];
  lessons.forEach((lesson, order) => {
    const { meta, problems: front } = readFrontMatter(lesson);
    metas.set(lesson.file, meta);
    for (const problem of front) problems.push({ file: lesson.name, ...problem });
    if (meta && meta.exercise !== null) {
      if (!catalogue.exercises.some((e) => e.id === meta.exercise)) {
        const line = (lesson.frontMatterText ?? '').split(/\r?\n/).findIndex((l) => l.startsWith('exercise:'));
        problems.push({ file: lesson.name, line: line < 0 ? 1 : line + 2, message: `front matter: exercise "${meta.exercise}" is not in ${displayPath(catalogueFile)} (its exercises: ${catalogue.exercises.map((e) => e.id).join(', ')})` });
      } else {
        checkEndsWithExercise(lesson, meta, catalogue, problems);
      }
    }
    checkReferences(lesson, anchorsOf, problems);
    blocks.push(...collectBlocks(lesson, order, problems));
  });
  if (coverage) checkCoverage(catalogue, catalogueFile, metas, problems);

  // Type-check every TypeScript block at once.
  const tsBlocks = blocks.filter((b) => b.info.language === 'ts' && !b.info.words.includes('fragment'));
  const diagnostics = typecheckBlocks(tsBlocks.map((b) => ({ key: b.key, code: b.code })));
  const jobs: RunJob[] = [];
  for (const block of tsBlocks) {
    const found = diagnostics.get(block.key) ?? [];
    if (block.info.words.includes('compile-error')) {
      if (found.length === 0) {
        problems.push({ file: block.lesson.name, line: block.line, message: 'this `ts compile-error` block type-checks without an error; a block marked compile-error must fail type checking (strict, ES2022): make it fail, or drop compile-error' });
      } else if (block.output) {
        const shown = normalSpace(block.output.text);
        const mentioned = found.some((d) => shown.includes(`TS${d.code}`) || shown.includes(normalSpace(d.message).slice(0, 60)));
        if (!mentioned) {
          problems.push({ file: block.lesson.name, line: block.line, message: `the output block at line ${block.output.line} should show the compiler's error, but it shows none of the errors this block gives: ${describeDiagnostics(block, found)}` });
        }
      }
      continue;
    }
    if (found.length > 0) {
      problems.push({ file: block.lesson.name, line: block.line, message: `TypeScript block does not type-check (strict, ES2022, Node types): ${describeDiagnostics(block, found)}` });
      continue;
    }
    jobs.push({ key: block.key, language: 'ts', code: block.code });
  }
  const pythonBlocks = blocks.filter((b) => b.info.language === 'python' && !b.info.words.includes('fragment'));
  for (const block of pythonBlocks) jobs.push({ key: block.key, language: 'python', code: block.code });

  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const results = await runBlocks(jobs, { timeoutMs, concurrency: options.concurrency ?? defaultConcurrency(), ...(options.onProgress ? { onDone: options.onProgress } : {}) });
  const failed: { block: Block; problem: Problem }[] = [];
  for (const block of blocks) {
    const result = results.get(block.key);
    const problem = result && judge(block, result, timeoutMs);
    if (problem) failed.push({ block, problem });
  }
  // A block that failed while others ran beside it gets one more run on its own: on a busy
  // machine timers drift. Failing twice is a problem; passing alone is reported as flaky.
  const flaky: Problem[] = [];
  if (failed.length > 0) {
    const again = await runBlocks(failed.map(({ block }) => jobs.find((job) => job.key === block.key)!), { timeoutMs, concurrency: 1 });
    for (const { block, problem } of failed) {
      const second = judge(block, again.get(block.key)!, timeoutMs);
      if (second) problems.push(second);
      else flaky.push({ ...problem, message: `${problem.message} (passed when run again alone: does its output depend on timing?)` });
    }
  }

  problems.sort((a, b) => (a.file === b.file ? a.line - b.line : a.file < b.file ? -1 : 1));
  return {
    problems,
    lessons: lessons.length,
    blocks: blocks.length,
    typeChecked: tsBlocks.length,
    ran: jobs.length,
    flaky,
    durationMs: Date.now() - started,
  };
}

/** Compares how a block's run ended with what its info string and output block promise. */
function judge(block: Block, result: RunResult, timeoutMs: number): Problem | undefined {
  const language = block.info.language === 'ts' ? 'ts' : 'python';
  const name = LANGUAGE_NAME[language];
  const report = (message: string): Problem => ({ file: block.lesson.name, line: block.line, message: `${name} ${message}` });
  const at = (line: number | undefined): string => (line ? ` at line ${block.line + line}` : '');
  const stderrLine = (): string => {
    const first = result.stderr.split('\n').map((l) => l.trim()).find(Boolean);
    return first ? `: ${first.slice(0, 200)}` : '';
  };
  const mustThrow = block.info.words.includes(language === 'ts' ? 'throws' : 'raises');
  const marker = language === 'ts' ? '`ts throws`' : '`python raises`';

  if (result.tooMuchOutput) return report('printed more than 1 MB and was stopped (an endless loop?)');
  if (result.timedOut) return report(`did not finish within ${timeoutMs / 1000} s (an endless loop, or a timer or server that keeps the process alive?)`);
  if (result.syntaxError) return report(`has a syntax error${at(result.syntaxError.line)}: ${result.syntaxError.summary}`);
  if (mustThrow) {
    if (!result.uncaught) {
      return report(result.exitCode === 0
        ? `is marked ${marker}, but it finished without an uncaught error: make it throw, or drop "${language === 'ts' ? 'throws' : 'raises'}"`
        : `is marked ${marker}, but it exited with code ${result.exitCode} without an uncaught error${stderrLine()}`);
    }
  } else if (result.uncaught) {
    return report(`ended with an uncaught error${at(result.uncaught.line)}: ${result.uncaught.summary} (if that is the point, mark the block ${marker})`);
  } else if (result.exitCode !== 0) {
    return report(`exited with code ${result.exitCode === null ? '(killed by a signal)' : result.exitCode}${stderrLine()}`);
  }
  if (block.output) {
    const difference = outputDifference(block.output.text, result.stdout, block.output.line);
    if (difference) return report(difference);
  }
  return undefined;
}

// ---- command line ------------------------------------------------------------------------------

function positiveInteger(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError('must be a whole number of at least 1');
  return n;
}

export async function main(argv = process.argv): Promise<number> {
  const program = new Command('check-lessons')
    .description('Check that every lesson verifies itself: front matter, code blocks that type-check and run, outputs that match, each exercise with its lesson.')
    .argument('[files...]', 'lesson files to check (default: every lessons/*.md, and the catalogue\'s coverage)')
    .option('--timeout <ms>', 'time one block may run', positiveInteger, DEFAULT_TIMEOUT_MS)
    .option('-j, --jobs <n>', 'blocks run at once', positiveInteger, defaultConcurrency())
    .option('-q, --quiet', 'print only the problems')
    .exitOverride()
    .configureOutput({ writeErr: (text) => process.stderr.write(text) });
  try {
    program.parse(argv);
  } catch (error) {
    const code = (error as { exitCode?: number }).exitCode;
    return code === 0 ? 0 : 2;
  }
  const opts = program.opts<{ timeout: number; jobs: number; quiet?: boolean }>();
  const files = program.args.length > 0 ? program.args.map((file) => path.resolve(file)) : undefined;
  try {
    const report = await checkLessons({ ...(files ? { files } : {}), timeoutMs: opts.timeout, concurrency: opts.jobs });
    for (const problem of report.problems) process.stdout.write(`${formatProblem(problem)}\n`);
    for (const warning of report.flaky) process.stderr.write(`warning: ${formatProblem(warning)}\n`);
    if (!opts.quiet) {
      const summary = `${plural(report.lessons, 'lesson')}, ${plural(report.blocks, 'code block')} (${report.typeChecked} type-checked, ${report.ran} run) in ${(report.durationMs / 1000).toFixed(1)} s`;
      process.stderr.write(report.problems.length === 0 ? `lessons ok: ${summary}\n` : `${plural(report.problems.length, 'problem')} in ${summary}\n`);
    }
    return report.problems.length === 0 ? 0 : 1;
  } catch (error) {
    if (error instanceof UsageError) {
      process.stderr.write(`${error.message}\n`);
      return 2;
    }
    throw error;
  }
}

if (require.main === module) {
  main().then((code) => {
    process.exitCode = code;
  });
}
