/**
 * GitHub Actions: `::error` annotations on standard output that point at the learner's file,
 * and a Markdown job summary appended to $GITHUB_STEP_SUMMARY (when set).
 *
 * Learner-controlled text must not be able to run workflow commands (`::add-mask::`,
 * `::error::`, `::stop-commands::`…): command data and properties are escaped as
 * @actions/core escapes them (% \r \n, and : , in properties), and anything the learner's code
 * printed is shown only between `::stop-commands::<token>` and `::<token>::`, with a fresh
 * random token that does not occur in the text (the runner ignores every command in between).
 */
import * as crypto from 'node:crypto';
import type { ExerciseResult, ResultDocument } from '../result';
import type { FormatContext, Formatter, FormatOutput } from './index';
import { cap, cleanText, entriesOf, findLocation, learnerPath, points, reasonOf, type Entry } from './shared';

/** GitHub shows at most 10 error annotations of a step; the rest are summarised in one notice. */
export const MAX_ERROR_ANNOTATIONS = 10;
const MESSAGE_CHARS = 2000;
const OUTPUT_CHARS = 4000;
/** A step summary may hold 1 MiB; stay below it. */
const SUMMARY_BYTES = 900_000;

/** Command data (the text after `::`), as @actions/core's escapeData. */
export function escapeData(s: string): string {
  return s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** A command property value (file=, title=), as @actions/core's escapeProperty. */
export function escapeProperty(s: string): string {
  return escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

function command(name: string, properties: Record<string, string | number | undefined>, data: string): string {
  const props = Object.entries(properties)
    .filter((p): p is [string, string | number] => p[1] !== undefined && p[1] !== '')
    .map(([k, v]) => `${k}=${escapeProperty(String(v))}`)
    .join(',');
  return `::${name}${props ? ` ${props}` : ''}::${escapeData(data)}`;
}

/**
 * A token for ::stop-commands:: that the text cannot contain (so cannot close the block): 128
 * random bits, drawn again in the (astronomically unlikely) case the text holds them.
 */
export function stopToken(text: string, random: () => string = () => crypto.randomBytes(16).toString('hex')): string {
  for (;;) {
    const token = random();
    if (!text.includes(token)) return token;
  }
}

/** Text shown verbatim in the log, with workflow commands switched off around it. */
export function quoted(text: string): string[] {
  const token = stopToken(text);
  return [`::stop-commands::${token}`, ...text.replace(/\n$/, '').split('\n'), `::${token}::`];
}

interface Annotation {
  level: 'error' | 'warning';
  file?: string;
  line?: number;
  col?: number;
  title: string;
  message: string;
}

function fileOf(exercise: ExerciseResult, context: FormatContext): string | undefined {
  return exercise.file ? learnerPath(context.submissionDir, exercise.file, context.env) : undefined;
}

function annotationsFor(exercise: ExerciseResult, entries: Entry[], context: FormatContext): Annotation[] {
  const file = fileOf(exercise, context);
  const list: Annotation[] = [];
  if (exercise.status === 'not-started') {
    // One warning instead of an error per test: the learner has not begun, nothing is broken.
    list.push({ level: 'warning', file, line: file ? 1 : undefined, title: `${exercise.id} not started`, message: exercise.message ?? `${exercise.id} is still the stub.` });
  } else {
    for (const entry of entries) {
      if (entry.status === 'passed') continue;
      const where = findLocation(entry.message, exercise.file);
      const missing = exercise.status === 'missing';
      list.push({
        level: 'error',
        file,
        line: file && !missing ? where?.line ?? 1 : undefined,
        col: file && !missing ? where?.column : undefined,
        title: `${exercise.id}: ${entry.name}`,
        message: cap(cleanText(reasonOf(entry)), MESSAGE_CHARS),
      });
    }
  }
  for (const d of exercise.diagnostics) {
    list.push({
      level: 'error',
      file: learnerPath(context.submissionDir, `${exercise.id}/${d.file}`, context.env),
      line: d.line,
      col: d.column,
      title: `${exercise.id}: type error`,
      message: cap(cleanText(d.message), MESSAGE_CHARS),
    });
  }
  return list;
}

function annotationLines(doc: ResultDocument, all: Entry[][], context: FormatContext): string[] {
  const annotations = doc.exercises.flatMap((exercise, i) => annotationsFor(exercise, all[i]!, context));
  const lines: string[] = [];
  let errors = 0;
  let dropped = 0;
  for (const a of annotations) {
    if (a.level === 'error' && ++errors > MAX_ERROR_ANNOTATIONS) {
      dropped++;
      continue;
    }
    lines.push(command(a.level, { file: a.file, line: a.line, col: a.col, title: cleanText(a.title) }, a.message));
  }
  if (dropped) lines.push(command('notice', { title: 'More problems' }, `${dropped} more failing tests and type errors are listed in the job summary.`));
  return lines;
}

function outputLines(all: Entry[][]): string[] {
  const lines: string[] = [];
  for (const entry of all.flat()) {
    if (entry.status === 'passed' || !entry.output) continue;
    lines.push(command('group', {}, `${entry.exercise.id}: ${entry.name}: what your code printed`));
    lines.push(...quoted(cap(cleanText(entry.output), OUTPUT_CHARS)));
    lines.push('::endgroup::');
  }
  return lines;
}

// ---- the job summary (Markdown) ---------------------------------------------------------------

/** A table cell: one line, no HTML, no Markdown that could turn into links or break the table. */
export function cell(s: string): string {
  return cleanText(s)
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/([\\`*_[\]~|])/g, '\\$1');
}

/** A fenced block that the text cannot close: the fence is longer than any run of backticks in it. */
export function fenced(s: string, info = 'text'): string {
  const longest = Math.max(0, ...(s.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(Math.max(3, longest + 1));
  return `${fence}${info}\n${s.replace(/\n$/, '')}\n${fence}`;
}

const ICON: Record<string, string> = {
  passed: '✅', failed: '❌', timedout: '⏱️', error: '⚠️', partial: '🟡', missing: '❓', 'not-started': '⚪',
};

export function summaryMarkdown(doc: ResultDocument, context: FormatContext): string {
  const all = entriesOf(doc);
  const passed = doc.exercises.filter((e) => e.status === 'passed').length;
  const out: string[] = [
    `## Grading: ${points(doc.score)} / ${points(doc.maxScore)} points`,
    '',
    `${passed} of ${doc.exercises.length} exercises passed · ${cell(doc.submission)} · ${(doc.durationMs / 1000).toFixed(1)} s`,
    '',
  ];
  let bytes = Buffer.byteLength(out.join('\n'));
  for (let i = 0; i < doc.exercises.length; i++) {
    const section = exerciseSection(doc.exercises[i]!, all[i]!, context);
    bytes += Buffer.byteLength(section) + 1;
    if (bytes > SUMMARY_BYTES) {
      out.push(`*${doc.exercises.length - i} more exercises are not shown: the summary would be too long for GitHub.*`);
      break;
    }
    out.push(section);
  }
  return `${out.join('\n').trimEnd()}\n`;
}

function exerciseSection(exercise: ExerciseResult, entries: Entry[], context: FormatContext): string {
  const out: string[] = [];
  const file = fileOf(exercise, context);
  out.push(`### ${ICON[exercise.status] ?? ''} ${cell(exercise.id)}: ${cell(exercise.title)} (${points(exercise.score)} / ${points(exercise.maxScore)}, ${exercise.status})`, '');
  if (file) out.push(`File: \`${file.replace(/`/g, '')}\``, '');
  if (exercise.message) out.push(fenced(cap(cleanText(exercise.message), MESSAGE_CHARS)), '');
  if (entries.length) {
    out.push('| Test | Status | Score |', '| --- | --- | --- |');
    for (const e of entries) out.push(`| ${cell(e.name)} | ${ICON[e.status]} ${e.status} | ${points(e.scoreCents / 100)} / ${points(e.maxScoreCents / 100)} |`);
    out.push('');
  }
  const failing = entries.filter((e) => e.status !== 'passed' && !e.standIn && exercise.status !== 'not-started');
  if (failing.length) {
    out.push(`<details><summary>Why ${failing.length === 1 ? 'the failing test fails' : `the ${failing.length} failing tests fail`}</summary>`, '');
    for (const e of failing) {
      out.push(`**${cell(e.name)}**`, '', fenced(cap(cleanText(reasonOf(e)), MESSAGE_CHARS)), '');
      if (e.output) out.push('What your code printed:', '', fenced(cap(cleanText(e.output), OUTPUT_CHARS)), '');
    }
    out.push('</details>', '');
  }
  if (exercise.diagnostics.length) {
    out.push('Type errors (they cost no points, but they are worth fixing):', '');
    out.push(fenced(exercise.diagnostics.map((d) => `${exercise.id}/${d.file}:${d.line}:${d.column} ${cleanText(d.message)}`).join('\n')), '');
  }
  return out.join('\n');
}

export const github: Formatter = (doc, context): FormatOutput => {
  const all = entriesOf(doc);
  const lines = [
    `Score: ${points(doc.score)} / ${points(doc.maxScore)}`,
    ...annotationLines(doc, all, context),
    ...outputLines(all),
  ];
  const result: FormatOutput = { stdout: `${lines.join('\n')}\n` };
  const summaryFile = context.env.GITHUB_STEP_SUMMARY;
  if (summaryFile) result.files = [{ path: summaryFile, content: summaryMarkdown(doc, context), append: true }];
  return result;
};
