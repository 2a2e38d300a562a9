/** The short verbs of `workbook`: the board, run, hint, solution and site. */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Exercise } from '../../core/catalogue';
import { UsageError } from '../../core/errors';
import { exerciseLines } from '../../core/formats/text';
import { paths } from '../../core/paths';
import { asDocument, isAvailable, standings, type Standing } from '../../core/progress/standings';
import { board, failingCount } from './board';
import { command, exercise, getContext, shown, type Context } from './context';

/** "Grading 3 exercises…" on a terminal's stderr while the test process runs, erased after. */
export function gradingNotice(ctx: Context): { onGrading: (list: Exercise[]) => void; done: () => void } {
  let showing = false;
  return {
    onGrading(list) {
      if (!process.stderr.isTTY) return;
      showing = true;
      process.stderr.write(ctx.p.dim(`Grading ${list.length === 1 ? list[0]!.id : `${list.length} exercises`}…`));
    },
    done() {
      if (showing) process.stderr.write('\r\u001b[K');
      showing = false;
    },
  };
}

function requireExercisesFolder(ctx: Context): void {
  if (!fs.existsSync(ctx.exercisesDir)) {
    throw new UsageError(`there is no exercises/ folder in ${shown(ctx.root)}${process.env.WORKBOOK_ROOT ? ' (WORKBOOK_ROOT)' : ''}`);
  }
}

export async function gradeStandings(ctx: Context, options: { exercises?: Exercise[]; typecheck?: boolean; regrade?: boolean } = {}): Promise<Standing[]> {
  requireExercisesFolder(ctx);
  const notice = gradingNotice(ctx);
  try {
    return await standings({ exercisesDir: ctx.exercisesDir, store: ctx.store, onGrading: notice.onGrading, ...options });
  } finally {
    notice.done();
  }
}

function requireTests(e: Exercise): void {
  if (!isAvailable(e)) throw new UsageError(`${e.id} has no hidden tests in this copy of the workbook yet, so it cannot be graded`);
}

/** `workbook`: the board. Exits 0 whatever the progress. */
export async function boardCommand(): Promise<void> {
  const ctx = getContext();
  const list = await gradeStandings(ctx);
  for (const line of board(ctx, list)) ctx.out(line);
}

/** `workbook run ID`: every failing test with its message; exit 0 only when it passes. */
export async function runCommand(id: string): Promise<void> {
  const ctx = getContext();
  const e = exercise(ctx, id);
  requireTests(e);
  const [standing] = await gradeStandings(ctx, { exercises: [e], typecheck: true, regrade: true });
  const result = standing!.result!;
  const { p } = ctx;
  for (const line of exerciseLines(result, p)) ctx.out(line);
  ctx.out();
  switch (result.status) {
    case 'passed':
      ctx.out(p.green(`Passed: all ${result.tests.length} tests.`) + p.dim(' What is next: ') + p.cyan('npx workbook'));
      break;
    case 'not-started':
      ctx.out(`Start with the lesson: ${p.cyan(command('lesson', e))}`);
      break;
    case 'partial':
    case 'failed':
      ctx.out(`${p.bold(`Failing ${failingCount(result)} of ${result.tests.length} tests.`)} Stuck? ${p.cyan(command('hint', e))}  ${p.dim('The lesson:')} ${p.cyan(command('lesson', e))}`);
      break;
    default:
      ctx.out(`Fix that first, then run ${p.cyan(command('run', e))} again.`);
  }
  process.exitCode = result.status === 'passed' ? 0 : 1;
}

/** `workbook hint ID`: the next hint, one more each time; the counter lives in the state file. */
export function hintCommand(id: string, flags: { all?: boolean }): void {
  const ctx = getContext();
  const e = exercise(ctx, id);
  const { p } = ctx;
  const total = e.hints.length;
  if (flags.all) {
    const seen = Math.min(ctx.store.read().exercises[e.id]?.hintsShown ?? 0, total);
    if (seen === 0) {
      ctx.out(`No hint for ${e.id} seen yet. The first: ${p.cyan(command('hint', e))}`);
      return;
    }
    e.hints.slice(0, seen).forEach((hint, i) => {
      ctx.out(`${p.bold(`Hint ${i + 1} of ${total}:`)} ${hint}`);
    });
    return;
  }
  const index = ctx.store.update((state) => {
    const entry = (state.exercises[e.id] ??= {});
    const seen = entry.hintsShown ?? 0;
    if (seen < total) entry.hintsShown = seen + 1;
    return seen;
  });
  if (index >= total) {
    ctx.out(`No more hints for ${e.id}: you have seen all ${total}. ${p.dim('See them again:')} ${p.cyan(`${command('hint', e)} --all`)}`);
    ctx.out(p.dim(`The lesson may help: ${command('lesson', e)}`));
    return;
  }
  ctx.out(`${p.bold(`Hint ${index + 1} of ${total} for ${e.id}:`)} ${e.hints[index]}`);
  ctx.out(p.dim(index + 1 < total ? `Another, if you need it: ${command('hint', e)}` : 'That was the last hint.'));
}

/** `workbook solution ID`: the reference solution, once the exercise passes (or with --force). */
export async function solutionCommand(id: string, flags: { force?: boolean }): Promise<void> {
  const ctx = getContext();
  const e = exercise(ctx, id);
  if (!fs.existsSync(paths.solutions)) {
    throw new UsageError('this copy of the workbook has no solutions/ folder (a learners\' release), so there is no reference solution to show');
  }
  const file = path.join(paths.solutions, e.id, e.file);
  if (!fs.existsSync(file)) throw new UsageError(`there is no reference solution for ${e.id} yet (solutions/${e.id}/${e.file})`);
  if (!flags.force) {
    requireTests(e);
    const [standing] = await gradeStandings(ctx, { exercises: [e] });
    const result = standing!.result!;
    if (result.status !== 'passed') {
      const where = result.status === 'partial' || result.status === 'failed' ? `failing ${failingCount(result)} of ${result.tests.length} tests` : result.status === 'not-started' ? 'not started' : result.status;
      ctx.out(`The solution of ${e.id} opens once your version passes, and it does not yet (${where}).`);
      ctx.out(`${ctx.p.dim('Check it:')} ${ctx.p.cyan(command('run', e))}   ${ctx.p.dim('Look anyway:')} ${ctx.p.cyan(`${command('solution', e)} --force`)}`);
      process.exitCode = 1;
      return;
    }
  }
  if (process.stdout.isTTY) ctx.out(ctx.p.dim(`// ${path.relative(path.dirname(paths.solutions), file)}: the reference solution of ${e.id}`));
  process.stdout.write(fs.readFileSync(file, 'utf8'));
}

/** `workbook site [--out DIR]`: the lessons and the learner's progress as a static web site. */
export async function siteCommand(flags: { out?: string }): Promise<void> {
  const ctx = getContext();
  const outDir = path.resolve(flags.out ?? path.join(ctx.root, 'site'));
  const list = await gradeStandings(ctx);
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { buildSite } = require('../../site/build') as typeof import('../../site/build');
  const built = await buildSite({ outDir, result: asDocument(list, shown(ctx.exercisesDir)), exercisesDir: ctx.exercisesDir });
  ctx.out(`The site is in ${shown(built.outDir)}: open ${shown(built.index)} in a browser.`);
}
