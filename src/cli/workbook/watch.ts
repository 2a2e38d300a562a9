/**
 * `workbook watch`: grades the exercise whose file was just saved, and redraws.
 *
 * The hot path is save → verdict: only the saved exercise, without the type check, in one
 * grading session kept for the whole watch (a warm test child: no jest start-up per save); its
 * diagnostics follow from the session's type checker, and the screen is drawn again when they
 * arrive. bench/watch.js measures this path. Keys (raw mode on a terminal; characters on a pipe):
 * n next unfinished exercise, h a hint for the current one, l the list, r grade again, q quit.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { watch as chokidarWatch, type FSWatcher } from 'chokidar';
import { suiteFiles, type Exercise } from '../../core/catalogue';
import { UsageError } from '../../core/errors';
import { exerciseLines } from '../../core/formats/text';
import { gradingKey } from '../../core/progress/key';
import { isAvailable, remember, standings, type Standing } from '../../core/progress/standings';
import type { ExerciseResult } from '../../core/result';
import type { Paint } from '../../core/style';
import { bar, hintsLeft, isFinished, label, lessonPath, nextUp, rows } from './board';
import { command, getContext, learnerFile, shown, terminalLines, type Context } from './context';
import { openGrader } from './engine';

/** Editors often write a file in two steps (truncate, then write): wait this long for quiet. */
const SETTLE_MS = 30;

type View = 'exercise' | 'list';

interface Status {
  kind: 'idle' | 'grading' | 'graded' | 'cached';
  id?: string;
  ms?: number;
  at?: Date;
  types?: 'running' | 'done';
}

export async function watchCommand(): Promise<void> {
  const ctx = getContext();
  const { p } = ctx;
  if (!fs.existsSync(ctx.exercisesDir)) {
    throw new UsageError(`there is no exercises/ folder in ${shown(ctx.root)}`);
  }
  const tty = Boolean(process.stdout.isTTY);
  let list: Standing[] = ctx.catalogue.exercises.map((exercise) => ({ exercise, available: isAvailable(exercise), cached: false, typechecked: false }));
  let current: Exercise | undefined;
  let view: View = 'exercise';
  let notes: string[] = [];
  let status: Status = { kind: 'grading', id: 'every exercise' };
  let started = false;

  const standingOf = (id: string) => list.find((s) => s.exercise.id === id)!;

  const draw = () => {
    const lines: string[] = [];
    const passed = list.filter(isFinished).length;
    lines.push(`${p.bold('workbook watch')}  ${passed} of ${list.length} passed  ${bar(passed, list.length, 20, p)}`, '');
    if (!started) {
      lines.push(p.dim('Grading every exercise once, to know where you stand…'));
    } else if (view === 'list') {
      lines.push(...rows(list, p, current?.id));
    } else if (!current) {
      lines.push(p.dim('No exercise has its tests in this copy of the workbook yet.'));
    } else {
      lines.push(...exerciseView(ctx, standingOf(current.id), list));
    }
    if (notes.length) lines.push('', ...notes);
    lines.push('', statusLine(status, p), p.dim(`Save a file in ${shown(ctx.exercisesDir)}/ to grade it · n next · h hint · l list · r grade again · q quit`));
    const frame = `${lines.flatMap((line) => terminalLines(line)).join('\n')}\n`;
    process.stdout.write(tty ? `\u001b[2J\u001b[3J\u001b[H${frame}` : `${p.dim(`──── ${new Date().toLocaleTimeString()} ${'─'.repeat(40)}`)}\n${frame}`);
  };

  // Grading one exercise at a time; saves that come meanwhile wait their turn (the latest wins).
  const pending = new Map<string, number>();
  let running: Promise<void> | undefined;
  const schedule = (id: string, force = false) => {
    pending.set(id, force ? 1 : 0);
    if (!running) running = pump().finally(() => (running = undefined));
  };
  const pump = async () => {
    while (pending.size > 0) {
      const [id, force] = pending.entries().next().value as [string, number];
      pending.delete(id);
      try {
        await gradeOne(id, force === 1);
      } catch (error) {
        status = { kind: 'idle' };
        notes = [p.red(`Grading ${id} failed: ${(error as Error).message.split('\n')[0]}`)];
        draw();
      }
    }
  };

  const gradeOne = async (id: string, force: boolean) => {
    const standing = standingOf(id);
    const e = standing.exercise;
    current = e;
    view = 'exercise';
    notes = [];
    if (!standing.available) {
      notes = [p.yellow(`${e.id} has no hidden tests in this copy of the workbook yet.`)];
      draw();
      return;
    }
    const suite = suiteFiles(e);
    const key = gradingKey(e, ctx.exercisesDir, suite);
    const cached = ctx.store.read().exercises[e.id]?.graded;
    if (!force && cached && cached.key === key) {
      // Saved without a change (or changed back): the verdict is already known.
      Object.assign(standing, { result: cached.result, cached: true, typechecked: cached.typechecked });
      status = { kind: 'cached', id: e.id, at: new Date() };
      draw();
      if (!cached.typechecked) void addDiagnostics(standing, key);
      return;
    }
    const since = Date.now();
    status = { kind: 'grading', id: e.id };
    draw();
    const document = await grader.grade({ submission: ctx.exercisesDir, exercises: [e.id], typecheck: false });
    const result = document.exercises[0]!;
    Object.assign(standing, { result, cached: false, typechecked: false });
    status = { kind: 'graded', id: e.id, ms: Date.now() - since, at: new Date() };
    const unchanged = gradingKey(e, ctx.exercisesDir, suite) === key;
    if (unchanged) remember(ctx.store, e, key, result, false);
    draw();
    if (unchanged) void addDiagnostics(standing, key);
  };

  /** The type check, after the verdict is on screen; dropped if the file changed meanwhile. */
  const addDiagnostics = async (standing: Standing, key: string) => {
    const file = learnerFile(ctx, standing.exercise);
    if (!standing.result || standing.result.status === 'missing' || !fs.existsSync(file)) return;
    const graded = standing.result;
    if (status.id === standing.exercise.id) status = { ...status, types: 'running' };
    const diagnostics = await grader.typecheck(file);
    if (standing.result !== graded || gradingKey(standing.exercise, ctx.exercisesDir, suiteFiles(standing.exercise)) !== key) return;
    const result: ExerciseResult = { ...graded, diagnostics };
    Object.assign(standing, { result, typechecked: true });
    remember(ctx.store, standing.exercise, key, result, true);
    if (status.id === standing.exercise.id) status = { ...status, types: 'done' };
    if (current?.id === standing.exercise.id) draw();
  };

  const byFile = new Map(ctx.catalogue.exercises.map((e) => [path.join(e.id, e.file), e.id]));
  const timers = new Map<string, NodeJS.Timeout>();
  const onSave = (changed: string) => {
    const id = byFile.get(path.relative(ctx.exercisesDir, changed));
    if (!id) return;
    clearTimeout(timers.get(id));
    timers.set(id, setTimeout(() => {
      timers.delete(id);
      if (started) schedule(id);
      else pending.set(id, 0);
    }, SETTLE_MS));
  };

  // One session for the whole watch: with a warm engine, only the first grading starts jest.
  const grader = openGrader();
  const watcher: FSWatcher = chokidarWatch(ctx.exercisesDir, { ignoreInitial: true, depth: 2, ignored: (file) => path.basename(file).startsWith('.') && file !== ctx.exercisesDir });
  watcher.on('add', onSave);
  watcher.on('change', onSave);
  await new Promise<void>((resolve) => watcher.once('ready', () => resolve()));

  draw();
  list = await standings({ exercisesDir: ctx.exercisesDir, store: ctx.store, grade: (options) => grader.grade(options) });
  current = nextUp(list)?.exercise ?? list.find((s) => s.available)?.exercise;
  started = true;
  grader.warmUp();
  status = { kind: 'idle' };
  draw();
  if (pending.size > 0 && !running) running = pump().finally(() => (running = undefined));

  let quitting = false;
  const quit = async () => {
    if (quitting) return;
    quitting = true;
    if (process.stdin.isTTY) process.stdin.setRawMode(false);
    process.stdin.pause();
    await watcher.close();
    if (running) {
      process.stdout.write(p.dim('Finishing the grading in progress…\n'));
      await running;
    }
    grader.close();
    const passed = list.filter(isFinished).length;
    process.stdout.write(`${passed} of ${list.length} exercises passed. The board: ${p.cyan('npx workbook')}\n`);
    process.exit(0);
  };

  const onKey = (k: string) => {
    switch (k) {
      case 'q':
      case '\u0003': // Ctrl-C in raw mode
      case '\u0004': // Ctrl-D
        void quit();
        return;
      case 'n': {
        view = 'exercise';
        const after = current ? list.findIndex((s) => s.exercise.id === current!.id) : -1;
        const order = [...list.slice(after + 1), ...list.slice(0, after + 1)];
        const next = order.find((s) => s.available && !isFinished(s));
        notes = next ? [] : [p.green('Every exercise that has tests passes.')];
        if (next) current = next.exercise;
        if (!running) status = { kind: 'idle' };
        draw();
        return;
      }
      case 'h': {
        view = 'exercise';
        if (!current) return;
        const e = current;
        const index = ctx.store.update((state) => {
          const entry = (state.exercises[e.id] ??= {});
          const seen = entry.hintsShown ?? 0;
          if (seen < e.hints.length) entry.hintsShown = seen + 1;
          return seen;
        });
        notes = index < e.hints.length
          ? [`${p.bold(`Hint ${index + 1} of ${e.hints.length}:`)} ${e.hints[index]}`]
          : [`No more hints for ${e.id}: you have seen all ${e.hints.length} (${command('hint', e)} --all shows them).`];
        draw();
        return;
      }
      case 'l':
        view = view === 'list' ? 'exercise' : 'list';
        notes = [];
        draw();
        return;
      case 'r':
        if (current) schedule(current.id, true);
        return;
      default:
        if (k === '\r' || k === '\n' || k === ' ') draw();
    }
  };

  process.on('SIGINT', () => void quit());
  process.on('SIGTERM', () => void quit());
  if (tty) process.stdout.on('resize', draw);
  if (process.stdin.isTTY) process.stdin.setRawMode(true);
  process.stdin.setEncoding('utf8');
  process.stdin.on('data', (chunk: string) => {
    for (const k of chunk) onKey(k);
  });
  process.stdin.on('error', () => {});
  process.stdin.resume();
}

function statusLine(status: Status, p: Paint): string {
  const time = status.at ? status.at.toLocaleTimeString() : '';
  const types = status.types === 'running' ? ' · type check running' : status.types === 'done' ? ' · type checked' : '';
  switch (status.kind) {
    case 'grading':
      return p.yellow(`Grading ${status.id}…`);
    case 'graded':
      return p.dim(`Graded ${status.id} in ${((status.ms ?? 0) / 1000).toFixed(2)} s at ${time}${types}`);
    case 'cached':
      return p.dim(`${status.id} is unchanged since it was last graded (${time})${types}`);
    default:
      return p.dim('Watching for saves.');
  }
}

function exerciseView(ctx: Context, standing: Standing, list: Standing[]): string[] {
  const { p } = ctx;
  const e = standing.exercise;
  if (!standing.available || !standing.result) {
    return [`${p.dim(label(standing, p).mark)} ${p.bold(e.id)}  ${e.title}`, p.dim('    No hidden tests for this exercise in this copy of the workbook yet.')];
  }
  // An exercise that cannot be graded has one reason, already in its message: no test repeats it.
  const lines = exerciseLines(standing.result, p, { maxFailures: standing.result.status === 'error' ? 0 : 3 });
  lines.push('');
  if (isFinished(standing)) {
    const next = nextUp(list);
    lines.push(p.green(p.bold('Passed!')) + (next ? ` Next unfinished: ${p.bold(next.exercise.id)} (press n)` : ' Every exercise that has tests passes.'));
  } else {
    lines.push(`${p.dim('File:')}   ${shown(learnerFile(ctx, e))}`);
    lines.push(`${p.dim('Lesson:')} ${lessonPath(e.lesson)}  ${p.cyan(command('lesson', e))}`);
    lines.push(`${p.dim('Hints:')}  press h ${p.dim(`(${hintsLeft(ctx, standing)})`)}`);
  }
  return lines;
}
