import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { paths } from './paths';
import { assertSchema } from './schemas';
import { UsageError } from './errors';

export interface Exercise {
  id: string;
  title: string;
  lesson: string;
  file: string;
  points: number;
  timeLimits: { testMs: number; exerciseMs: number };
  hints: string[];
  stubSha256: string;
  /**
   * Full names (describe names and the test's, joined by " › ") of the hidden suite's tests that
   * a learners' release carries as public tests (`grader release`).
   */
  publicTests?: string[];
}

export interface Catalogue {
  schemaVersion: 1;
  exercises: Exercise[];
}

let cached: Catalogue | undefined;

/** The ordered manifest (catalogue.json), validated against schemas/catalogue.schema.json. */
export function loadCatalogue(file = paths.catalogue): Catalogue {
  if (cached && file === paths.catalogue) return cached;
  let data: unknown;
  try {
    data = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (error) {
    throw new UsageError(`${path.relative(process.cwd(), file) || file}: cannot read the exercise catalogue (${(error as Error).message.split('\n')[0]})`);
  }
  const catalogue = assertSchema<Catalogue>('catalogue', data, path.relative(process.cwd(), file) || file);
  const seen = new Set<string>();
  for (const exercise of catalogue.exercises) {
    if (seen.has(exercise.id)) throw new UsageError(`${file}: exercise id ${exercise.id} appears twice`);
    seen.add(exercise.id);
  }
  if (file === paths.catalogue) cached = catalogue;
  return catalogue;
}

/** The hidden suite of an exercise, inside `suitesDir` (grader/suites by default). */
export function suiteFile(exercise: Exercise, suitesDir = paths.suites): string {
  return path.join(suitesDir, `${exercise.id}.test.ts`);
}

/** The public tests of an exercise (learners see and run them), in `suitesDir`/public/. */
export function publicSuiteFile(exercise: Exercise, suitesDir = paths.suites): string {
  return path.join(suitesDir, 'public', `${exercise.id}.test.ts`);
}

/**
 * Every suite file an exercise is graded with, public tests first: both in the workbook, only
 * the public ones in a learners' release (which has no hidden suites).
 */
export function suiteFiles(exercise: Exercise, suitesDir = paths.suites): string[] {
  return [publicSuiteFile(exercise, suitesDir), suiteFile(exercise, suitesDir)].filter((f) => fs.existsSync(f));
}

/**
 * Accepts what a person types: the full id (01-data-iterator), its number (1, 01) or its
 * name (data-iterator). Unknown ids get one line with the nearest match.
 */
export function findExercise(catalogue: Catalogue, wanted: string): Exercise {
  const w = wanted.trim().toLowerCase();
  const found = catalogue.exercises.find((e) => {
    const [num, ...rest] = e.id.split('-');
    return e.id === w || rest.join('-') === w || (/^\d+$/.test(w) && Number(w) === Number(num));
  });
  if (found) return found;
  if (/^\d+$/.test(w)) {
    const first = catalogue.exercises[0]!.id.slice(0, 2);
    const last = catalogue.exercises[catalogue.exercises.length - 1]!.id.slice(0, 2);
    throw new UsageError(`unknown exercise "${wanted}": the exercises are numbered ${first} to ${last}`);
  }
  const nearest = catalogue.exercises
    .map((e) => ({ id: e.id, d: Math.min(distance(w, e.id), distance(w, e.id.slice(3))) }))
    .sort((a, b) => a.d - b.d)[0];
  throw new UsageError(`unknown exercise "${wanted}"${nearest ? `; did you mean ${nearest.id}?` : ''}`);
}

/** Levenshtein distance, for "did you mean". */
export function distance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let previous = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const current = row[j]!;
      row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, previous + (a[i - 1] === b[j - 1] ? 0 : 1));
      previous = current;
    }
  }
  return row[b.length]!;
}

/** The hash an untouched stub has: line ends and trailing white space do not count. */
export function stubHash(text: string): string {
  const normal = text.replace(/\r\n?/g, '\n').replace(/[ \t]+$/gm, '').trimEnd();
  return crypto.createHash('sha256').update(normal).digest('hex');
}
