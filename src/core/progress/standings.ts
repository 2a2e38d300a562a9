/**
 * Where the learner stands on each exercise, from grading: fresh cached results where the
 * key still matches, and ONE grade() call (one test process) for everything else.
 */
import { loadCatalogue, suiteFiles, type Exercise } from '../catalogue';
import { grade, type GradeOptions } from '../engine/grade';
import type { ExerciseResult, ResultDocument } from '../result';
import { gradingKey } from './key';
import type { StateStore } from './state';

export interface Standing {
  exercise: Exercise;
  /** False when this copy of the workbook has no test suite for the exercise (not written yet). */
  available: boolean;
  /** The grading result; undefined only when the exercise is not available. */
  result?: ExerciseResult;
  /** Whether `result` came from .workbook/state.json rather than a grading just now. */
  cached: boolean;
  /** Whether `result.diagnostics` comes from a type check. */
  typechecked: boolean;
}

export interface StandingsOptions {
  /** The learner's folder laid out like exercises/. */
  exercisesDir: string;
  store: StateStore;
  /** Which exercises, in catalogue order; all by default. */
  exercises?: Exercise[];
  /** Type-check what is graded now (diagnostics); off by default, it is the slow part. */
  typecheck?: boolean;
  /** Grade again even where the cache is fresh. */
  regrade?: boolean;
  /** Called before grading starts, with the exercises about to be graded. */
  onGrading?: (exercises: Exercise[]) => void;
  /** The engine to grade with (watch passes its warm session); grade() by default. */
  grade?: (options: GradeOptions) => Promise<ResultDocument>;
}

/** Whether the exercise has tests here: its hidden suite, or in a learners' release its public one. */
export function isAvailable(exercise: Exercise): boolean {
  return suiteFiles(exercise).length > 0;
}

export async function standings(options: StandingsOptions): Promise<Standing[]> {
  const catalogue = loadCatalogue();
  const wanted = options.exercises ?? catalogue.exercises;
  const state = options.store.read();
  const list: Standing[] = [];
  const stale: { standing: Standing; key: string }[] = [];
  for (const exercise of wanted) {
    const available = isAvailable(exercise);
    const standing: Standing = { exercise, available, cached: false, typechecked: false };
    list.push(standing);
    if (!available) continue;
    const key = gradingKey(exercise, options.exercisesDir, suiteFiles(exercise));
    const cached = state.exercises[exercise.id]?.graded;
    const wantTypes = options.typecheck === true;
    if (!options.regrade && cached && cached.key === key && (!wantTypes || cached.typechecked)) {
      Object.assign(standing, { result: cached.result, cached: true, typechecked: cached.typechecked });
    } else {
      stale.push({ standing, key });
    }
  }
  if (stale.length > 0) {
    options.onGrading?.(stale.map((s) => s.standing.exercise));
    const document = await (options.grade ?? grade)({ submission: options.exercisesDir, exercises: stale.map((s) => s.standing.exercise.id), typecheck: options.typecheck === true });
    const byId = new Map(document.exercises.map((r) => [r.id, r]));
    const keep: { id: string; key: string; result: ExerciseResult }[] = [];
    for (const { standing, key } of stale) {
      const result = byId.get(standing.exercise.id)!;
      Object.assign(standing, { result, cached: false, typechecked: options.typecheck === true });
      // Cache only what is known to match: a file saved again while it was graded is not cached.
      if (cacheable(result) && gradingKey(standing.exercise, options.exercisesDir, suiteFiles(standing.exercise)) === key) keep.push({ id: standing.exercise.id, key, result });
    }
    if (keep.length > 0) {
      const typechecked = options.typecheck === true;
      options.store.update((s) => {
        for (const { id, key, result } of keep) {
          (s.exercises[id] ??= {}).graded = { key, at: new Date().toISOString(), typechecked, result };
        }
      });
    }
  }
  return list;
}

/**
 * A verdict about the learner's file is kept; "the hidden tests could not run" is about the
 * machine or the grader (a test process that did not start in time on a busy machine), and is
 * graded again next time rather than remembered.
 */
export function cacheable(result: ExerciseResult): boolean {
  return !(result.status === 'error' && /^The hidden tests could not run/.test(result.message ?? ''));
}

/** Records a result graded elsewhere (watch's hot path, diagnostics added after) under its key. */
export function remember(store: StateStore, exercise: Exercise, key: string, result: ExerciseResult, typechecked: boolean): void {
  if (!cacheable(result)) return;
  store.update((s) => {
    (s.exercises[exercise.id] ??= {}).graded = { key, at: new Date().toISOString(), typechecked, result };
  });
}

/** A result document of the graded standings (what the site shows). */
export function asDocument(list: Standing[], submission: string): ResultDocument {
  const exercises = list.filter((s) => s.result).map((s) => s.result!);
  const round = (n: number) => Math.round(n * 100) / 100;
  return {
    schemaVersion: 1,
    submission,
    score: round(exercises.reduce((sum, e) => sum + e.score, 0)),
    maxScore: round(exercises.reduce((sum, e) => sum + e.maxScore, 0)),
    durationMs: 0,
    exercises,
  };
}
