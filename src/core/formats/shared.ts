/**
 * What the machine formats (junit, gradescope, github, classroom) have in common: making
 * learner-controlled text safe to embed, finding the learner's file, and one flat list of
 * "entries" per exercise whose points add up to the exercise's score.
 */
import * as path from 'node:path';
import type { ExerciseResult, ResultDocument, TestStatus } from '../result';

// ---- learner text ----------------------------------------------------------------------------

/** ANSI escape sequences (colours, cursor moves, OSC titles/links) that learner code may print. */
const ANSI = /\u001b\[[0-?]*[ -/]*[@-~]|\u001b\][^\u0007\u001b]*(?:\u0007|\u001b\\)|\u001b[@-Z\\-_]/g;

function visible(code: number): string {
  return `\\u${code.toString(16).padStart(4, '0')}`;
}

/**
 * Learner output and messages, made fit for any of our documents: ANSI sequences dropped, line
 * ends made \n, every other control character (and anything XML 1.0 cannot carry: lone
 * surrogates, U+FFFE, U+FFFF) written as a visible `\u001b`-style escape, so nothing is lost
 * silently and nothing breaks the consumer.
 */
export function cleanText(text: string): string {
  const s = text.replace(ANSI, '').replace(/\r\n?/g, '\n');
  let out = '';
  for (let i = 0; i < s.length; i++) {
    const code = s.charCodeAt(i);
    if (code >= 0xd800 && code <= 0xdbff) {
      const next = s.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        out += s[i]! + s[i + 1]!;
        i++;
      } else {
        out += '\ufffd';
      }
      continue;
    }
    if (code >= 0xdc00 && code <= 0xdfff) {
      out += '\ufffd';
      continue;
    }
    const control = (code < 0x20 && code !== 0x09 && code !== 0x0a) || (code >= 0x7f && code <= 0x9f) || code === 0xfffe || code === 0xffff;
    out += control ? visible(code) : s[i]!;
  }
  return out;
}

/** At most `max` characters (of cleaned text), saying how much was cut. */
export function cap(text: string, max: number): string {
  if (text.length <= max) return text;
  return `${text.slice(0, max)}\n… (${text.length - max} more characters not shown)`;
}

/** A score for people: 7.5, not 7.499999. */
export function points(n: number): string {
  return String(Math.round(n * 100) / 100);
}

// ---- the learner's file ----------------------------------------------------------------------

function posix(p: string): string {
  return p.replace(/\\/g, '/');
}

/**
 * The learner's file as a path relative to the repository (what GitHub annotations and
 * Classroom want): `relative` (01-data-iterator/data.ts, as the document gives it) joined to the
 * submission folder. An absolute submission folder is made relative to GITHUB_WORKSPACE when it
 * lies inside it.
 */
export function learnerPath(submissionDir: string, relative: string, env: Record<string, string | undefined>): string {
  let base = posix(submissionDir || '.');
  const workspace = env.GITHUB_WORKSPACE ? posix(env.GITHUB_WORKSPACE) : undefined;
  if (path.posix.isAbsolute(base) && workspace && path.posix.isAbsolute(workspace)) {
    const inside = path.posix.relative(workspace, base);
    if (!inside.startsWith('..') && !path.posix.isAbsolute(inside)) base = inside || '.';
  }
  const joined = path.posix.normalize(path.posix.join(base, posix(relative)));
  return joined.startsWith('./') ? joined.slice(2) : joined;
}

export interface Location {
  line: number;
  column?: number;
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * A line (and column) in the learner's file named by a message: `data.ts:12:5`, `data.ts:12`,
 * `data.ts(12,5)` (tsc) or swc's `╭─[…/data.ts:12:5]`. Undefined when the message names none.
 */
export function findLocation(message: string | undefined, file: string | undefined): Location | undefined {
  if (!message || !file) return undefined;
  const base = escapeRegExp(path.posix.basename(posix(file)));
  const colon = new RegExp(`(?:^|[\\s(\\[/\\\\'"\`])${base}:(\\d+)(?::(\\d+))?`).exec(message);
  const paren = new RegExp(`(?:^|[\\s(\\[/\\\\'"\`])${base}\\((\\d+),(\\d+)\\)`).exec(message);
  const match = colon ?? paren;
  if (!match) return undefined;
  const line = Number(match[1]);
  if (!Number.isSafeInteger(line) || line < 1) return undefined;
  const column = match[2] === undefined ? undefined : Number(match[2]);
  return column !== undefined && Number.isSafeInteger(column) && column >= 1 ? { line, column } : { line };
}

// ---- entries: tests, plus one stand-in for an exercise that has none --------------------------

export interface Entry {
  exercise: ExerciseResult;
  /** Index of the exercise in the document, from 0. */
  exerciseIndex: number;
  /** Index of the test in its exercise, from 0 (0 for a stand-in). */
  testIndex: number;
  name: string;
  status: TestStatus;
  /** Points in hundredths, so that an exercise's entries add up to its score exactly. */
  scoreCents: number;
  maxScoreCents: number;
  durationMs: number;
  message?: string;
  output?: string;
  /**
   * True for the one entry that stands for an exercise without tests in the document (its file
   * is missing, or its suite could not run): consumers that count tests would otherwise not see
   * the exercise at all.
   */
  standIn: boolean;
}

/** The stand-in's name says what went wrong, as a statement that failed. */
export function standInName(exercise: ExerciseResult): string {
  switch (exercise.status) {
    case 'missing':
      return 'the exercise file is there';
    case 'not-started':
      return 'the exercise has been started';
    default:
      return 'the hidden tests could run';
  }
}

function standInMessage(exercise: ExerciseResult): string {
  if (exercise.message) return exercise.message;
  switch (exercise.status) {
    case 'missing':
      return `${exercise.file ?? exercise.id} is missing, so none of its tests could run.`;
    case 'not-started':
      return `${exercise.file ?? exercise.id} is still the stub.`;
    default:
      return `The tests of ${exercise.id} could not run.`;
  }
}

/** Splits `total` hundredths in proportion to `weights` (largest remainder; ties to the earlier). */
export function allocate(total: number, weights: number[]): number[] {
  if (weights.length === 0) return [];
  const sum = weights.reduce((a, b) => a + b, 0);
  const w = sum > 0 ? weights : weights.map(() => 1);
  const wsum = sum > 0 ? sum : weights.length;
  const exact = w.map((x) => (total * x) / wsum);
  const shares = exact.map((x) => Math.floor(x + 1e-9));
  let left = total - shares.reduce((a, b) => a + b, 0);
  const order = exact.map((x, i) => ({ i, r: x - Math.floor(x + 1e-9) })).sort((a, b) => b.r - a.r || a.i - b.i);
  for (let k = 0; left > 0 && order.length > 0; k = (k + 1) % order.length, left--) shares[order[k]!.i]! += 1;
  return shares;
}

export function cents(n: number): number {
  return Math.round(n * 100);
}

/**
 * Every test of every exercise, in document order, with points that add up to the exercise's
 * score and maxScore (the engine may zero an exercise whose tests partly passed, e.g. when its
 * suite crashed; a consumer summing test points must still get the exercise's score). An
 * exercise without tests that did not pass gets one stand-in entry.
 */
export function entriesOf(doc: ResultDocument): Entry[][] {
  return doc.exercises.map((exercise, exerciseIndex) => {
    if (exercise.tests.length === 0) {
      if (exercise.status === 'passed') return [];
      return [{
        exercise,
        exerciseIndex,
        testIndex: 0,
        name: standInName(exercise),
        status: exercise.status === 'error' ? 'error' : 'failed',
        scoreCents: cents(exercise.score),
        maxScoreCents: cents(exercise.maxScore),
        durationMs: 0,
        message: standInMessage(exercise),
        standIn: true,
      }];
    }
    const scores = allocate(cents(exercise.score), exercise.tests.map((t) => (t.status === 'passed' ? Math.max(0, cents(t.score)) : 0)));
    const maxima = allocate(cents(exercise.maxScore), exercise.tests.map((t) => Math.max(0, cents(t.maxScore))));
    return exercise.tests.map((test, testIndex) => ({
      exercise,
      exerciseIndex,
      testIndex,
      name: test.name,
      status: test.status,
      scoreCents: scores[testIndex]!,
      maxScoreCents: maxima[testIndex]!,
      durationMs: test.durationMs,
      ...(test.message !== undefined ? { message: test.message } : {}),
      ...(test.output !== undefined ? { output: test.output } : {}),
      standIn: false,
    }));
  });
}

/** What a failed entry says when the document gave no message. */
export function reasonOf(entry: Entry): string {
  if (entry.message) return entry.message;
  switch (entry.status) {
    case 'timedout':
      return 'This test ran out of time.';
    case 'error':
      return 'This test could not run.';
    default:
      return 'This test failed.';
  }
}
