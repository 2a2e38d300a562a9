/**
 * Grading never touches the learner's folder: each exercise's one file is copied into a fresh
 * temporary workspace, from which neither solutions/ nor anything else of the project is
 * reachable by a relative path. Anything odd about the file becomes a verdict, not a crash.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Exercise } from '../catalogue';

/** Larger than any honest answer to these exercises. */
export const MAX_FILE_BYTES = 256 * 1024;

export type Intake =
  | { kind: 'ok'; exercise: Exercise; source: string; copy: string; text: string }
  | { kind: 'missing'; exercise: Exercise; message: string }
  | { kind: 'error'; exercise: Exercise; message: string };

/** A fresh workspace inside the session's folder (the only place its test child may write). */
export function createWorkspace(sessionRoot: string): string {
  return fs.mkdtempSync(path.join(sessionRoot, 'ws-'));
}

export function removeWorkspace(dir: string): void {
  fs.rmSync(dir, { recursive: true, force: true, maxRetries: 3 });
}

function inside(parent: string, child: string): boolean {
  const rel = path.relative(parent, child);
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
}

/** Copies `<submission>/<id>/<file>` into the workspace, or says why it cannot be graded. */
export function takeIn(submissionDir: string, exercise: Exercise, workspace: string): Intake {
  const shown = `${exercise.id}/${exercise.file}`;
  const folder = path.join(submissionDir, exercise.id);
  const realRoot = fs.realpathSync(submissionDir);
  let folderStat: fs.Stats;
  try {
    folderStat = fs.statSync(folder);
  } catch {
    return { kind: 'missing', exercise, message: `The folder ${exercise.id}/ is not in the submission.` };
  }
  if (!folderStat.isDirectory()) return { kind: 'error', exercise, message: `${exercise.id} should be a folder holding ${exercise.file}, but it is a file.` };
  const source = path.join(folder, exercise.file);
  let stat: fs.Stats;
  try {
    stat = fs.statSync(source);
  } catch {
    let link = false;
    try {
      link = fs.lstatSync(source).isSymbolicLink();
    } catch {
      /* not there at all */
    }
    return { kind: 'error', exercise, message: link ? `${shown} is a symbolic link to nothing; submit the file itself.` : `${shown} is missing: the exercise folder is there, but not the file to grade.` };
  }
  if (!inside(realRoot, fs.realpathSync(source))) {
    return { kind: 'error', exercise, message: `${shown} is a symbolic link pointing outside the submission; submit the file itself.` };
  }
  if (stat.isDirectory()) return { kind: 'error', exercise, message: `${shown} is a folder, but it should be the TypeScript file you wrote.` };
  if (!stat.isFile()) return { kind: 'error', exercise, message: `${shown} is not a regular file.` };
  if (stat.size > MAX_FILE_BYTES) return { kind: 'error', exercise, message: `${shown} is ${Math.round(stat.size / 1024)} KiB, more than the ${MAX_FILE_BYTES / 1024} KiB a file may have here.` };
  const bytes = fs.readFileSync(source);
  if (bytes.includes(0)) return { kind: 'error', exercise, message: `${shown} is not a text file (it holds binary data); it should be TypeScript source.` };
  const text = bytes.toString('utf8');
  const copy = path.join(workspace, exercise.id, exercise.file);
  fs.mkdirSync(path.dirname(copy), { recursive: true });
  fs.writeFileSync(copy, text);
  return { kind: 'ok', exercise, source, copy, text };
}

/** A submission folder as the contract reads it: one holding exercises/ is taken as that. */
export function resolveSubmission(given: string): string | undefined {
  const dir = path.resolve(given);
  let stat: fs.Stats;
  try {
    stat = fs.statSync(dir);
  } catch {
    return undefined;
  }
  if (!stat.isDirectory()) return undefined;
  const nested = path.join(dir, 'exercises');
  try {
    if (fs.statSync(nested).isDirectory()) return nested;
  } catch {
    /* no nested exercises/ */
  }
  return dir;
}
