/**
 * gradebook.csv: a row per student (student, score, maxScore, then one column per exercise, its
 * score), students in a stable order (by UTF-16 code units, the same on every machine).
 *
 * A student's name is a folder name, so it can be anything, including a spreadsheet formula
 * (`=HYPERLINK(…)`). A name that starts with = + - @ a tab or a carriage return (or with ', so
 * that reading back is exact) is written with a leading ', which spreadsheets show as text;
 * parseGradebook removes it again.
 */
import { UsageError } from '../errors';
import type { ResultDocument } from '../result';
import { csv, parseCsv } from './csv';

export interface BatchEntry {
  /** The student's folder name under ROOT. */
  student: string;
  doc: ResultDocument;
}

export const GRADEBOOK_HEAD = ['student', 'score', 'maxScore'] as const;

/** A score for a spreadsheet: at most two decimals, no float noise. */
export function scoreCell(n: number): string {
  return String(Math.round(n * 100) / 100);
}

export function studentCell(name: string): string {
  return /^[=+\-@\t\r']/.test(name) ? `'${name}` : name;
}

export function studentFromCell(cell: string): string {
  return cell.startsWith("'") ? cell.slice(1) : cell;
}

/** Code-unit order: stable across machines and locales (localeCompare is not). */
export function byStudent(a: BatchEntry, b: BatchEntry): number {
  return a.student < b.student ? -1 : a.student > b.student ? 1 : 0;
}

/**
 * One order from several: each list's ids keep their order, and an id new to the result goes
 * right after the id that precedes it in its list (catalogue order when the lists agree).
 */
export function mergeOrders(lists: string[][], order: string[] = []): string[] {
  const ids = [...order];
  for (const list of lists) {
    let after = -1;
    for (const id of list) {
      const at = ids.indexOf(id);
      if (at === -1) {
        ids.splice(after + 1, 0, id);
        after++;
      } else {
        after = at;
      }
    }
  }
  return ids;
}

/** Every exercise id of the documents, in the order they appear. */
export function exerciseIds(docs: ResultDocument[], order: string[] = []): string[] {
  return mergeOrders(docs.map((doc) => doc.exercises.map((e) => e.id)), order);
}

export function gradebookCsv(entries: BatchEntry[], exerciseOrder: string[] = []): string {
  const sorted = [...entries].sort(byStudent);
  const ids = exerciseIds(sorted.map((e) => e.doc), exerciseOrder);
  const rows: string[][] = [[...GRADEBOOK_HEAD, ...ids]];
  for (const { student, doc } of sorted) {
    const byId = new Map(doc.exercises.map((e) => [e.id, e]));
    rows.push([
      studentCell(student),
      scoreCell(doc.score),
      scoreCell(doc.maxScore),
      ...ids.map((id) => {
        const exercise = byId.get(id);
        return exercise ? scoreCell(exercise.score) : '';
      }),
    ]);
  }
  return csv(rows);
}

export interface GradebookRow {
  student: string;
  score: number;
  maxScore: number;
  /** Exercise id → score; an empty cell (exercise not in the student's document) is absent. */
  exercises: Map<string, number>;
}

export interface Gradebook {
  exercises: string[];
  rows: GradebookRow[];
}

function number(cell: string, what: string): number {
  const n = Number(cell);
  if (cell.trim() === '' || !Number.isFinite(n)) throw new UsageError(`${what}: "${cell}" is not a number`);
  return n;
}

/** Reads a gradebook.csv back; `what` (its path) names it in the one-line error. */
export function parseGradebook(text: string, what = 'gradebook.csv'): Gradebook {
  const rows = parseCsv(text, what).filter((r) => !(r.length === 1 && r[0] === ''));
  const head = rows[0];
  if (!head || GRADEBOOK_HEAD.some((name, i) => head[i] !== name)) {
    throw new UsageError(`${what}: the first line must start with ${GRADEBOOK_HEAD.join(',')}`);
  }
  const exercises = head.slice(GRADEBOOK_HEAD.length);
  const seen = new Set<string>();
  const parsed = rows.slice(1).map((row, i) => {
    const where = `${what}: line ${i + 2}`;
    if (row.length !== head.length) throw new UsageError(`${where}: ${row.length} fields where the header has ${head.length}`);
    const student = studentFromCell(row[0]!);
    if (seen.has(student)) throw new UsageError(`${where}: student ${student} appears twice`);
    seen.add(student);
    const scores = new Map<string, number>();
    exercises.forEach((id, k) => {
      const cell = row[GRADEBOOK_HEAD.length + k]!;
      if (cell !== '') scores.set(id, number(cell, `${where}, ${id}`));
    });
    return { student, score: number(row[1]!, `${where}, score`), maxScore: number(row[2]!, `${where}, maxScore`), exercises: scores };
  });
  return { exercises, rows: parsed };
}
