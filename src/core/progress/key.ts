/**
 * What a cached grading result depends on, as one hash: the learner's file (or how it is
 * absent), the test suites (public and hidden), the exercise's catalogue entry (its stub hash decides not-started)
 * and the grader itself (engine and harness). Change any of them and the cached result is stale.
 */
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Exercise } from '../catalogue';
import { projectRoot } from '../paths';

const KEY_VERSION = 'workbook-cache-1';

function sha(data: string | Buffer): string {
  return crypto.createHash('sha256').update(data).digest('hex');
}

function filesUnder(dir: string, accept: (name: string) => boolean): string[] {
  let entries: fs.Dirent[];
  try {
    entries = fs.readdirSync(dir, { withFileTypes: true });
  } catch {
    return [];
  }
  const found: string[] = [];
  for (const entry of entries.sort((a, b) => (a.name < b.name ? -1 : 1))) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) found.push(...filesUnder(full, accept));
    else if (entry.isFile() && accept(entry.name)) found.push(full);
  }
  return found;
}

let graderPrint: string | undefined;

/** The grader's own code: the engine (as built) and the suites' harness. Computed once a process. */
export function graderFingerprint(): string {
  if (graderPrint) return graderPrint;
  const engineDir = path.join(__dirname, '..', 'engine');
  const files = [
    ...filesUnder(engineDir, (name) => name.endsWith('.js') || name.endsWith('.ts')),
    ...filesUnder(path.join(projectRoot, 'grader', 'harness'), (name) => name.endsWith('.ts')),
    path.join(projectRoot, 'grader', 'types', 'ambient.d.ts'),
  ];
  const hash = crypto.createHash('sha256');
  for (const file of files) {
    hash.update(path.relative(projectRoot, file)).update('\0');
    try {
      hash.update(fs.readFileSync(file));
    } catch {
      hash.update('<unreadable>');
    }
    hash.update('\0');
  }
  graderPrint = hash.digest('hex');
  return graderPrint;
}

/** How the learner's file looks to intake: its bytes, or why there are none. */
function learnerFileState(file: string): string {
  let link = '';
  try {
    if (fs.lstatSync(file).isSymbolicLink()) link = `link:${fs.realpathSync(file)}:`;
  } catch (error) {
    return `absent:${(error as NodeJS.ErrnoException).code ?? 'unknown'}:${fs.existsSync(path.dirname(file)) ? 'folder' : 'no-folder'}`;
  }
  try {
    return `${link}file:${sha(fs.readFileSync(file))}`;
  } catch (error) {
    return `${link}unreadable:${(error as NodeJS.ErrnoException).code ?? 'unknown'}`;
  }
}

/**
 * The cache key of `exercise` as it stands now in `exercisesDir` (a folder laid out like
 * exercises/), graded with `suiteFiles` (suiteFiles() of the catalogue: public and/or hidden).
 */
export function gradingKey(exercise: Exercise, exercisesDir: string, suiteFiles: string | readonly string[]): string {
  const suite = (typeof suiteFiles === 'string' ? [suiteFiles] : suiteFiles).map((file) => {
    try {
      return sha(fs.readFileSync(file));
    } catch {
      return 'no-suite';
    }
  }).join('+') || 'no-suite';
  const entry = JSON.stringify([exercise.id, exercise.title, exercise.file, exercise.points, exercise.timeLimits, exercise.stubSha256]);
  return sha([KEY_VERSION, entry, learnerFileState(path.join(exercisesDir, exercise.id, exercise.file)), suite, graderFingerprint()].join('\0'));
}
