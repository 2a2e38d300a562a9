/**
 * The learner's state file, .workbook/state.json (schema: schemas/workbook-state.schema.json).
 * It is a cache: grading results keyed by what was graded, and the hint counters. Progress is
 * always read from grading; a missing, unreadable or invalid file is simply started afresh
 * (losing nothing but the hint counters), and a cached result that fails its schema is dropped.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { ExerciseResult } from '../result';
import { schemaProblem } from '../schemas';

export interface CachedGrade {
  /** gradingKey() of what was graded; a result is shown only while the key still matches. */
  key: string;
  /** When it was graded (ISO 8601). */
  at: string;
  /** Whether `result.diagnostics` comes from a type check (a grade without one has none). */
  typechecked: boolean;
  result: ExerciseResult;
}

export interface ExerciseState {
  hintsShown?: number;
  graded?: CachedGrade;
}

export interface WorkbookState {
  schemaVersion: 1;
  exercises: Record<string, ExerciseState>;
}

export function emptyState(): WorkbookState {
  return { schemaVersion: 1, exercises: {} };
}

export interface LoadedState {
  state: WorkbookState;
  /** Set when the file was there but could not be used (it is then replaced on the next write). */
  warning?: string;
}

/** One exercise of a result document, checked against schemas/result.schema.json itself. */
function resultProblem(result: unknown): string | undefined {
  return schemaProblem('result', { schemaVersion: 1, submission: '', score: 0, maxScore: 0, durationMs: 0, exercises: [result] });
}

export function readState(file: string): LoadedState {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { state: emptyState() };
    return { state: emptyState(), warning: `cannot read ${file} (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}); starting a fresh one` };
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return { state: emptyState(), warning: `${file} is not valid JSON; starting a fresh one (only hint counters are lost)` };
  }
  const problem = schemaProblem('workbook-state', data);
  if (problem) return { state: emptyState(), warning: `${file} does not match its schema (${problem}); starting a fresh one` };
  const state = data as WorkbookState;
  for (const entry of Object.values(state.exercises)) {
    if (entry.graded && resultProblem(entry.graded.result)) delete entry.graded;
  }
  return { state };
}

/** Writes atomically (a temporary file renamed over the old one), so a reader never sees half. */
export function writeState(file: string, state: WorkbookState): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const temporary = `${file}.${process.pid}.${Date.now()}.tmp`;
  fs.writeFileSync(temporary, `${JSON.stringify(state, null, 2)}\n`);
  fs.renameSync(temporary, file);
}

/**
 * The state file of one workbook folder. Every change re-reads the file first, so two
 * processes (`workbook watch` in one terminal, `workbook hint` in another) do not undo each
 * other's work; the window between read and rename is a few milliseconds.
 */
export class StateStore {
  private warned = false;

  constructor(readonly file: string, private readonly warn: (message: string) => void = () => {}) {}

  read(): WorkbookState {
    const { state, warning } = readState(this.file);
    if (warning && !this.warned) {
      this.warned = true;
      this.warn(warning);
    }
    return state;
  }

  update<T>(change: (state: WorkbookState) => T): T {
    const state = this.read();
    const value = change(state);
    try {
      writeState(this.file, state);
    } catch (error) {
      // The cache is a convenience: a read-only folder must not stop grading.
      if (!this.warned) {
        this.warned = true;
        this.warn(`cannot write ${this.file} (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}); progress is graded afresh each time`);
      }
    }
    return value;
  }

  exercise(state: WorkbookState, id: string): ExerciseState {
    return (state.exercises[id] ??= {});
  }
}
