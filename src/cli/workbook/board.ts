/**
 * The progress board (`workbook`, and `l` in watch): every exercise in catalogue order with its
 * state, a progress bar, and what to do next on the first unfinished exercise.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { projectRoot } from '../../core/paths';
import type { Standing } from '../../core/progress/standings';
import type { ExerciseResult } from '../../core/result';
import { points, type Paint } from '../../core/style';
import { command, type Context } from './context';

export interface Label {
  mark: string;
  text: string;
  colour: (s: string) => string;
}

export function failingCount(result: ExerciseResult): number {
  return result.tests.filter((t) => t.status !== 'passed').length;
}

/** The state of one exercise in the board's words. */
export function label(standing: Standing, p: Paint): Label {
  const result = standing.result;
  if (!standing.available || !result) return { mark: '–', text: 'not available yet', colour: p.dim };
  switch (result.status) {
    case 'passed':
      return { mark: '✔', text: 'passed', colour: p.green };
    case 'not-started':
      return { mark: '·', text: 'not started', colour: p.dim };
    case 'partial':
      return { mark: '◐', text: `failing ${failingCount(result)} of ${result.tests.length}`, colour: p.yellow };
    case 'failed':
      return { mark: '✘', text: `failing ${failingCount(result)} of ${result.tests.length}`, colour: p.red };
    case 'missing':
      return { mark: '?', text: 'file missing', colour: p.red };
    case 'error':
      return { mark: '!', text: 'cannot be graded', colour: p.red };
  }
}

export function isFinished(standing: Standing): boolean {
  return standing.result?.status === 'passed';
}

/** The first exercise that has tests and does not pass yet. */
export function nextUp(list: Standing[]): Standing | undefined {
  return list.find((s) => s.available && !isFinished(s));
}

export function bar(done: number, total: number, width: number, p: Paint): string {
  const filled = total > 0 ? Math.round((done / total) * width) : 0;
  const percent = total > 0 ? Math.round((done / total) * 100) : 0;
  return `${p.green('█'.repeat(filled))}${p.dim('░'.repeat(width - filled))} ${String(percent).padStart(3)}%`;
}

export function header(list: Standing[], p: Paint): string[] {
  const passed = list.filter(isFinished).length;
  const graded = list.filter((s) => s.result);
  const score = graded.reduce((sum, s) => sum + s.result!.score, 0);
  const max = list.reduce((sum, s) => sum + s.exercise.points, 0);
  return [
    `${p.bold('Iteration workbook')}: ${passed} of ${list.length} exercises passed ${p.dim(`(score ${points(score)} / ${points(max)})`)}`,
    bar(passed, list.length, 30, p),
  ];
}

function terminalWidth(): number | undefined {
  return process.stdout.isTTY ? process.stdout.columns || 80 : undefined;
}

function clip(text: string, width: number | undefined): string {
  if (width === undefined || text.length <= width) return text;
  return `${text.slice(0, Math.max(0, width - 1))}…`;
}

export function rows(list: Standing[], p: Paint, current?: string): string[] {
  const idWidth = Math.max(...list.map((s) => s.exercise.id.length));
  const labels = list.map((s) => label(s, p));
  const labelWidth = Math.max(...labels.map((l) => l.text.length));
  const width = terminalWidth();
  return list.map((s, i) => {
    const l = labels[i]!;
    const types = s.result?.diagnostics.length ? p.yellow(` (${s.result.diagnostics.length} type error${s.result.diagnostics.length === 1 ? '' : 's'})`) : '';
    const pointer = current === s.exercise.id ? p.bold('›') : ' ';
    const used = 2 + 2 + idWidth + 2 + labelWidth + 2;
    const title = width === undefined ? s.exercise.title : clip(s.exercise.title, width - used - 1);
    return `${pointer} ${l.colour(l.mark)} ${p.bold(s.exercise.id.padEnd(idWidth))}  ${l.colour(l.text.padEnd(labelWidth))}  ${p.dim(title)}${types}`;
  });
}

function indent(text: string, by: string): string[] {
  return text.split('\n').map((line) => by + line);
}

/** The lesson as the learner finds it: its path, and whether it is written yet. */
export function lessonPath(lesson: string): string {
  return fs.existsSync(path.join(projectRoot, lesson)) ? lesson : `${lesson} (not written yet)`;
}

/** What to look at first: the first failing test, or why the exercise cannot be graded. */
export function firstProblem(result: ExerciseResult, p: Paint): string[] {
  if (result.status === 'not-started' || result.status === 'missing' || result.status === 'error') {
    return indent(result.message ?? result.status, '  ');
  }
  const test = result.tests.find((t) => t.status !== 'passed');
  if (!test) return [];
  return [`  First failing test: ${p.bold(test.name)}${test.status === 'failed' ? '' : p.dim(` (${test.status})`)}`, ...(test.message ? indent(test.message, '      ') : [])];
}

export function hintsLeft(ctx: Context, standing: Standing): string {
  const shownSoFar = ctx.store.read().exercises[standing.exercise.id]?.hintsShown ?? 0;
  const total = standing.exercise.hints.length;
  return shownSoFar >= total ? `all ${total} hints seen` : `hint ${Math.min(shownSoFar, total) + 1} of ${total} next`;
}

export function nextSteps(ctx: Context, list: Standing[]): string[] {
  const { p } = ctx;
  const next = nextUp(list);
  if (!next) {
    if (!list.some((s) => s.available)) return [p.dim('No exercise has its tests in this copy of the workbook yet.')];
    const missing = list.filter((s) => !s.available).length;
    return [p.green(p.bold(missing ? 'Every exercise that has tests passes.' : 'Every exercise passes. Well done!')), p.dim(`See a reference solution: ${command('solution')} <id>`)];
  }
  const e = next.exercise;
  return [
    `${p.bold('Next:')} ${p.bold(e.id)}  ${e.title}`,
    ...firstProblem(next.result!, p),
    `  Lesson:  ${lessonPath(e.lesson)}  ${p.cyan(command('lesson', e))}`,
    `  Hint:    ${p.cyan(command('hint', e))}  ${p.dim(`(${hintsLeft(ctx, next)})`)}`,
    `  Check:   ${p.cyan(command('run', e))}  ${p.dim('or re-grade on every save:')} ${p.cyan('npx workbook watch')}`,
  ];
}

export function board(ctx: Context, list: Standing[]): string[] {
  return [...header(list, ctx.p), '', ...rows(list, ctx.p), '', ...nextSteps(ctx, list)];
}

