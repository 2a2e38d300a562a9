/**
 * What every verb of `workbook` shares: where the learner's folder is, the catalogue, the state
 * store, colours, and how to name an exercise and a command for people.
 *
 * The learner's folder (exercises/ and .workbook/) is the project itself, unless WORKBOOK_ROOT
 * names another folder holding exercises/ (tests and benchmarks use a temporary one). The
 * catalogue, hidden suites, solutions and lessons always come from the project.
 */
import * as path from 'node:path';
import { findExercise, loadCatalogue, type Catalogue, type Exercise } from '../../core/catalogue';
import { projectRoot } from '../../core/paths';
import { StateStore } from '../../core/progress/state';
import { paint, useColour, type Paint } from '../../core/style';
import { fitToWidth } from './wrap';

export interface Context {
  /** The learner's folder: holds exercises/ and .workbook/. */
  root: string;
  exercisesDir: string;
  store: StateStore;
  catalogue: Catalogue;
  /** Colours for stdout (none when piped or with NO_COLOR). */
  p: Paint;
  colour: boolean;
  out(line?: string): void;
  /** A one-line remark on stderr (warnings, "grading…"). */
  note(line: string): void;
}

let context: Context | undefined;

export function workbookRoot(): string {
  const given = process.env.WORKBOOK_ROOT;
  return given ? path.resolve(given) : projectRoot;
}

export function getContext(): Context {
  if (context) return context;
  const root = workbookRoot();
  const colour = useColour();
  const note = (line: string) => process.stderr.write(`workbook: ${line}\n`);
  context = {
    root,
    exercisesDir: path.join(root, 'exercises'),
    store: new StateStore(path.join(root, '.workbook', 'state.json'), note),
    catalogue: loadCatalogue(),
    p: paint(colour),
    colour,
    out: (line = '') => process.stdout.write(`${terminalLines(line).join('\n')}\n`),
    note,
  };
  return context;
}

/** On a terminal, lines wrapped to its width under their own indentation; elsewhere as they are. */
export function terminalLines(text: string): string[] {
  const lines = text.split('\n');
  return process.stdout.isTTY ? fitToWidth(lines, Math.max(40, (process.stdout.columns || 80) - 1)) : lines;
}

export function exercise(ctx: Context, id: string): Exercise {
  return findExercise(ctx.catalogue, id);
}

/** The short form people type: 01. */
export function shortId(exercise: Exercise): string {
  return exercise.id.slice(0, 2);
}

/** A command as the learner types it. */
export function command(verb: string, exercise?: Exercise): string {
  return `npx workbook ${verb}${exercise ? ` ${shortId(exercise)}` : ''}`;
}

/** A path for people: relative to the current folder when inside it. */
export function shown(file: string): string {
  const relative = path.relative(process.cwd(), file);
  return relative && !relative.startsWith('..') && !path.isAbsolute(relative) ? relative : file;
}

/** The learner's file of an exercise. */
export function learnerFile(ctx: Context, exercise: Exercise): string {
  return path.join(ctx.exercisesDir, exercise.id, exercise.file);
}
