/**
 * A batch's output folder, and `grader merge out-* --out DIR`: one folder from the folders of
 * several shards (`grader batch ROOT --out out-2 --shard 2/4` on four machines).
 *
 * An output folder holds gradebook.csv, <student>.json (the student's ResultDocument),
 * report.md, report-tests.csv, report-distribution.csv and batch-state.json (written last: the
 * shard it is and the students it graded). batchFiles() makes them; mergeShards() checks the
 * shards and combines them. Everything here is pure: readShardFolder() in folders.ts reads a
 * folder into a ShardInput, and the CLI writes the files.
 *
 * The merge refuses (one-line UsageError, exit 2) rather than produce a gradebook that silently
 * lacks students: a shard without gradebook.csv or batch-state.json (its job died), a student
 * whose document and gradebook row disagree, a shard 1..N missing or given twice, a student in
 * two shards with different results, or in a shard that shard() would not give them.
 */
import { UsageError } from '../errors';
import type { ResultDocument } from '../result';
import { assertSchema } from '../schemas';
import { byStudent, exerciseIds, gradebookCsv, mergeOrders, parseGradebook, scoreCell, type BatchEntry } from './gradebook';
import { instructorReport } from './report';
import { shardOf, type Shard } from './shard';

export interface BatchState {
  schemaVersion: 1;
  kind: 'batch-state';
  shard: Shard | null;
  students: string[];
  exercises: string[];
}

export const FILES = {
  gradebook: 'gradebook.csv',
  state: 'batch-state.json',
  report: 'report.md',
  testsCsv: 'report-tests.csv',
  distributionCsv: 'report-distribution.csv',
} as const;

/** Folder names a student may not have: their <student>.json would be one of our files. */
export const RESERVED_STUDENTS = ['batch-state'];

export interface OutputFile {
  /** Relative to the output folder. */
  path: string;
  content: string;
}

export function batchState(entries: BatchEntry[], shard: Shard | null = null, exerciseOrder: string[] = []): BatchState {
  const sorted = [...entries].sort(byStudent);
  const state: BatchState = {
    schemaVersion: 1,
    kind: 'batch-state',
    shard,
    students: sorted.map((e) => e.student),
    exercises: exerciseIds(sorted.map((e) => e.doc), exerciseOrder),
  };
  return assertSchema<BatchState>('batch-state', state, 'internal error: the batch state does not match schemas/batch-state.schema.json');
}

/**
 * Every file of a batch output folder, batch-state.json last (write them in this order, so that
 * a folder with batch-state.json is complete).
 */
export function batchFiles(entries: BatchEntry[], options: { shard?: Shard | null; exerciseOrder?: string[] } = {}): OutputFile[] {
  const order = options.exerciseOrder ?? [];
  for (const { student, doc } of entries) {
    if (RESERVED_STUDENTS.includes(student)) throw new UsageError(`a student folder may not be called ${student}: its results would overwrite ${student}.json of the batch`);
    assertSchema('result', doc, `internal error: the result document of ${student} does not match schemas/result.schema.json`);
  }
  const sorted = [...entries].sort(byStudent);
  const report = instructorReport(sorted, order);
  return [
    { path: FILES.gradebook, content: gradebookCsv(sorted, order) },
    ...sorted.map(({ student, doc }) => ({ path: `${student}.json`, content: `${JSON.stringify(doc, null, 2)}\n` })),
    { path: FILES.report, content: report.markdown },
    { path: FILES.testsCsv, content: report.testsCsv },
    { path: FILES.distributionCsv, content: report.distributionCsv },
    { path: FILES.state, content: `${JSON.stringify(batchState(sorted, options.shard ?? null, order), null, 2)}\n` },
  ];
}

/** One shard's output folder, as read from disk (folders.ts) or made in a test. */
export interface ShardInput {
  /** The folder as given on the command line; names it in messages. */
  name: string;
  /** gradebook.csv's text; undefined when the file is not there. */
  gradebook?: string;
  /** batch-state.json's text; undefined when the file is not there. */
  state?: string;
  /** Every other <student>.json. */
  results: { student: string; text: string }[];
}

export interface MergeResult {
  entries: BatchEntry[];
  exercises: string[];
  /** Things that did not stop the merge but that a person should know. */
  warnings: string[];
}

function parseJson(text: string, what: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new UsageError(`${what}: not valid JSON (${(error as Error).message.split('\n')[0]})`);
  }
}

function sameSet(a: string[], b: string[]): { onlyA: string[]; onlyB: string[] } {
  const sa = new Set(a);
  const sb = new Set(b);
  return { onlyA: a.filter((x) => !sb.has(x)), onlyB: b.filter((x) => !sa.has(x)) };
}

function list(names: string[]): string {
  return names.length > 5 ? `${names.slice(0, 5).join(', ')} and ${names.length - 5} more` : names.join(', ');
}

interface CheckedShard {
  name: string;
  state: BatchState;
  entries: BatchEntry[];
}

function checkShard(input: ShardInput): CheckedShard {
  const where = input.name;
  if (input.state === undefined) {
    throw new UsageError(`${where}: no ${FILES.state}, so this batch did not finish (or this is not a batch output folder); run its shard again`);
  }
  const state = assertSchema<BatchState>('batch-state', parseJson(input.state, `${where}/${FILES.state}`), `${where}/${FILES.state}`);
  if (input.gradebook === undefined) throw new UsageError(`${where}: no ${FILES.gradebook}; run its shard again`);
  const gradebook = parseGradebook(input.gradebook, `${where}/${FILES.gradebook}`);

  const entries = input.results.map(({ student, text }) => {
    const what = `${where}/${student}.json`;
    const doc = assertSchema<ResultDocument>('result', parseJson(text, what), what);
    return { student, doc };
  });
  const docs = entries.map((e) => e.student);

  const vsState = sameSet(state.students, docs);
  if (vsState.onlyA.length) throw new UsageError(`${where}: ${FILES.state} lists ${list(vsState.onlyA)}, but there is no ${vsState.onlyA.length === 1 ? 'such .json file' : '.json file for them'}`);
  if (vsState.onlyB.length) throw new UsageError(`${where}: ${list(vsState.onlyB.map((s) => `${s}.json`))} ${vsState.onlyB.length === 1 ? 'is' : 'are'} not in ${FILES.state}`);
  const vsBook = sameSet(gradebook.rows.map((r) => r.student), docs);
  if (vsBook.onlyA.length || vsBook.onlyB.length) {
    const missing = [...vsBook.onlyA.map((s) => `${s} has a row but no ${s}.json`), ...vsBook.onlyB.map((s) => `${s}.json has no row`)];
    throw new UsageError(`${where}/${FILES.gradebook} does not match the folder: ${list(missing)}`);
  }
  const rows = new Map(gradebook.rows.map((r) => [r.student, r]));
  for (const { student, doc } of entries) {
    const row = rows.get(student)!;
    if (scoreCell(row.score) !== scoreCell(doc.score) || scoreCell(row.maxScore) !== scoreCell(doc.maxScore)) {
      throw new UsageError(`${where}: ${student} has ${scoreCell(row.score)}/${scoreCell(row.maxScore)} in ${FILES.gradebook} but ${scoreCell(doc.score)}/${scoreCell(doc.maxScore)} in ${student}.json`);
    }
  }
  if (state.shard) {
    const { index, count } = state.shard;
    if (index > count) throw new UsageError(`${where}/${FILES.state}: shard ${index}/${count} does not exist`);
    for (const { student } of entries) {
      const belongs = shardOf(student, count);
      if (belongs !== index) throw new UsageError(`${where}: ${student} was graded by shard ${index}/${count}, but belongs to shard ${belongs}/${count}; were the shards run with different student folders?`);
    }
  }
  return { name: where, state, entries };
}

export function mergeShards(inputs: ShardInput[]): MergeResult {
  if (inputs.length === 0) throw new UsageError('merge: give at least one batch output folder');
  const shards = inputs.map(checkShard);
  const warnings: string[] = [];

  const sharded = shards.filter((s) => s.state.shard !== null);
  if (sharded.length) {
    const count = sharded[0]!.state.shard!.count;
    const other = sharded.find((s) => s.state.shard!.count !== count);
    if (other) throw new UsageError(`${other.name} is shard ${other.state.shard!.index}/${other.state.shard!.count}, but ${sharded[0]!.name} is one of ${count}: these shards are not of one batch`);
    const byIndex = new Map<number, string>();
    for (const s of sharded) {
      const previous = byIndex.get(s.state.shard!.index);
      if (previous) throw new UsageError(`shard ${s.state.shard!.index}/${count} is given twice: ${previous} and ${s.name}`);
      byIndex.set(s.state.shard!.index, s.name);
    }
    const missing: number[] = [];
    for (let i = 1; i <= count; i++) if (!byIndex.has(i)) missing.push(i);
    if (missing.length) {
      throw new UsageError(`${missing.map((i) => `shard ${i}/${count}`).join(', ')} ${missing.length === 1 ? 'is' : 'are'} missing: its output folder was not given, or its job did not finish`);
    }
  }

  const merged = new Map<string, { entry: BatchEntry; from: string }>();
  for (const s of shards) {
    for (const entry of s.entries) {
      const earlier = merged.get(entry.student);
      if (!earlier) {
        merged.set(entry.student, { entry, from: s.name });
        continue;
      }
      if (JSON.stringify(earlier.entry.doc) !== JSON.stringify(entry.doc)) {
        throw new UsageError(`${entry.student} is in ${earlier.from} and in ${s.name} with different results; merge only one of them`);
      }
      warnings.push(`${entry.student} is in ${earlier.from} and in ${s.name} with the same results; kept once`);
    }
  }
  const entries = [...merged.values()].map((m) => m.entry).sort(byStudent);
  const order = mergeOrders(shards.map((s) => s.state.exercises));
  return { entries, exercises: exerciseIds(entries.map((e) => e.doc), order), warnings };
}

/** The merged folder's files (an unsharded batch folder: batch-state.json says shard null). */
export function mergedFiles(result: MergeResult): OutputFile[] {
  return batchFiles(result.entries, { shard: null, exerciseOrder: result.exercises });
}
