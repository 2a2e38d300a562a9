/**
 * `grader batch`: every folder under ROOT is a student. Students are graded in parallel, one
 * warm grading session per job; each student's document is written (atomically) as soon as it
 * is graded, with a fingerprint of the files it graded, so `--resume` after an interruption
 * skips the students already graded whose files have not changed. The gradebook, the report
 * and batch-state.json (last) are written when every student has a row.
 */
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { loadCatalogue } from '../catalogue';
import { grade, GradingSession } from '../engine/grade';
import { TypecheckWorker } from '../engine/typecheck';
import { UsageError } from '../errors';
import type { ResultDocument } from '../result';
import { schemaProblem } from '../schemas';
import type { BatchEntry } from './gradebook';
import { batchFiles, RESERVED_STUDENTS } from './merge';
import { shard as inShard, type Shard } from './shard';

export interface ClassOptions {
  root: string;
  out: string;
  jobs: number;
  resume?: boolean;
  shard?: Shard;
  exercises?: string[];
  suitesDir?: string;
  typecheck?: boolean;
  memoryMb?: number;
  /** A fresh session (test child) per student: slower, but nothing a student's code did to its child can reach the next. */
  isolate?: boolean;
  /** Called after each student: for the progress bar. */
  onStudent?(done: number, total: number, entry: BatchEntry, reused: boolean): void;
  /** Set by the caller (Ctrl-C): no new student starts. */
  stopped?: () => boolean;
}

const RESUME_DIR = '.resume';

/** Writes a file so that it is either the old one or the whole new one, never half. */
export function writeAtomically(file: string, content: string): void {
  const temporary = `${file}.${process.pid}.${crypto.randomBytes(4).toString('hex')}.tmp`;
  fs.writeFileSync(temporary, content);
  fs.renameSync(temporary, file);
}

/** Student folders directly under ROOT, sorted; hidden folders and files are not students. */
export function listStudents(root: string): string[] {
  let entries: fs.Dirent[];
  try {
    entries = fs.readdirSync(root, { withFileTypes: true });
  } catch {
    throw new UsageError(`class folder not found: ${root}`);
  }
  return entries.filter((e) => !e.name.startsWith('.') && (e.isDirectory() || e.isSymbolicLink())).map((e) => e.name).sort();
}

/** What grading a student depends on: their .ts files' paths and contents. */
export function fingerprint(studentDir: string): string {
  const hash = crypto.createHash('sha256');
  const walk = (dir: string, depth: number) => {
    if (depth > 3) return;
    let entries: fs.Dirent[] = [];
    try {
      entries = fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1));
    } catch {
      return;
    }
    for (const entry of entries) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full, depth + 1);
      else if (entry.name.endsWith('.ts')) {
        hash.update(path.relative(studentDir, full)).update('\0');
        try {
          hash.update(fs.readFileSync(full));
        } catch {
          hash.update('unreadable');
        }
        hash.update('\0');
      }
    }
  };
  walk(studentDir, 0);
  return hash.digest('hex');
}

/** A row for a student who could not be graded at all: every exercise `error`, with the reason. */
export function ungradable(student: string, reason: string, exerciseIds?: string[]): ResultDocument {
  const catalogue = loadCatalogue();
  const exercises = catalogue.exercises.filter((e) => !exerciseIds?.length || exerciseIds.includes(e.id));
  return {
    schemaVersion: 1,
    submission: student,
    score: 0,
    maxScore: exercises.reduce((s, e) => s + e.points, 0),
    durationMs: 0,
    exercises: exercises.map((e) => ({ id: e.id, title: e.title, status: 'error', score: 0, maxScore: e.points, message: reason, diagnostics: [], tests: [] })),
  };
}

function reusable(out: string, student: string, print: string): ResultDocument | undefined {
  try {
    if (fs.readFileSync(path.join(out, RESUME_DIR, student), 'utf8') !== print) return undefined;
    const doc = JSON.parse(fs.readFileSync(path.join(out, `${student}.json`), 'utf8')) as ResultDocument;
    return schemaProblem('result', doc) ? undefined : doc;
  } catch {
    return undefined;
  }
}

export async function gradeClass(options: ClassOptions): Promise<BatchEntry[]> {
  const root = path.resolve(options.root);
  const students = listStudents(root).filter((s) => !options.shard || inShard(s, options.shard.index, options.shard.count));
  for (const s of students) {
    if (RESERVED_STUDENTS.includes(s)) throw new UsageError(`a student folder may not be called ${s}`);
  }
  fs.mkdirSync(path.join(options.out, RESUME_DIR), { recursive: true });
  const entries: BatchEntry[] = [];
  const queue = [...students];
  let done = 0;
  // One type checker for every job (see GradingSession), kept across --isolate's sessions too.
  const checker = options.typecheck === false ? undefined : new TypecheckWorker();

  const worker = async () => {
    let session: GradingSession | undefined;
    try {
      for (let student = queue.shift(); student !== undefined; student = queue.shift()) {
        if (options.stopped?.()) return;
        const dir = path.join(root, student);
        const print = fingerprint(dir);
        let doc = options.resume ? reusable(options.out, student, print) : undefined;
        const reused = Boolean(doc);
        if (!doc) {
          try {
            session ??= new GradingSession({ suitesDir: options.suitesDir, memoryMb: options.memoryMb, checker });
            doc = await grade({ submission: dir, exercises: options.exercises, suitesDir: options.suitesDir, typecheck: options.typecheck, memoryMb: options.memoryMb }, session);
            doc = { ...doc, submission: student };
          } catch (error) {
            const reason = error instanceof UsageError ? error.message : `the grader failed on this folder: ${(error as Error)?.message ?? error}`;
            doc = ungradable(student, reason, options.exercises);
          }
          if (options.isolate) {
            session?.close();
            session = undefined;
          }
          writeAtomically(path.join(options.out, `${student}.json`), `${JSON.stringify(doc, null, 2)}\n`);
          writeAtomically(path.join(options.out, RESUME_DIR, student), print);
        }
        const entry = { student, doc };
        entries.push(entry);
        options.onStudent?.(++done, students.length, entry, reused);
      }
    } finally {
      session?.close();
    }
  };
  try {
    await Promise.all(Array.from({ length: Math.max(1, Math.min(options.jobs, students.length || 1)) }, worker));
  } finally {
    checker?.close();
  }
  if (options.stopped?.()) return entries;

  const graded = new Set(entries.flatMap((e) => e.doc.exercises.map((x) => x.id)));
  const order = loadCatalogue().exercises.map((e) => e.id).filter((id) => graded.has(id));
  for (const file of batchFiles(entries, { shard: options.shard ?? null, exerciseOrder: order })) {
    writeAtomically(path.join(options.out, file.path), file.content);
  }
  return entries;
}
