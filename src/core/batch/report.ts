/**
 * The instructor's report of a batch: how the class did (score distribution in bands of ten
 * percent), each exercise's outcome, and each test with how many students failed it, the most
 * failed first, so that what the class did not understand shows at the top. As Markdown
 * (report.md) and as CSV (report-tests.csv, report-distribution.csv).
 */
import { cell } from '../formats/github';
import { cleanText } from '../formats/shared';
import type { ExerciseStatus } from '../result';
import { csv, inertText } from './csv';
import { byStudent, exerciseIds, scoreCell, type BatchEntry } from './gradebook';

export interface Band {
  label: string;
  /** Percent, inclusive. */
  from: number;
  /** Percent, exclusive (the last band, 100 %, is exactly 100). */
  to: number;
  students: number;
}

export interface TestFailures {
  exercise: string;
  test: string;
  /** Students whose document has this test and did not pass it. */
  failed: number;
  /** Students whose document has this test at all (its exercise was graded). */
  graded: number;
  /** The message most failing students got (its first line), when there was one. */
  commonMessage?: string;
}

export interface ExerciseOutcome {
  exercise: string;
  title: string;
  counts: Record<ExerciseStatus, number>;
  meanScore: number;
  maxScore: number;
}

export interface ClassReport {
  students: number;
  mean: number;
  median: number;
  highest: number;
  lowest: number;
  bands: Band[];
  exercises: ExerciseOutcome[];
  tests: TestFailures[];
}

/** A student's score as a percent of their maximum, to two decimals (0 when the maximum is 0). */
export function percentOf(entry: BatchEntry): number {
  const { score, maxScore } = entry.doc;
  return maxScore > 0 ? Math.round((score / maxScore) * 10000) / 100 : 0;
}

export function bandsOf(percents: number[]): Band[] {
  const bands: Band[] = [];
  for (let from = 0; from < 100; from += 10) bands.push({ label: `${from}–${from + 9} %`, from, to: from + 10, students: 0 });
  bands.push({ label: '100 %', from: 100, to: 100, students: 0 });
  for (const p of percents) {
    const index = p >= 100 ? 10 : Math.max(0, Math.floor(p / 10));
    bands[index]!.students++;
  }
  return bands;
}

function firstLine(message: string): string {
  const line = cleanText(message).split('\n').find((l) => l.trim() !== '') ?? '';
  return line.length > 160 ? `${line.slice(0, 160)}…` : line;
}

function median(sorted: number[]): number {
  if (sorted.length === 0) return 0;
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : Math.round(((sorted[mid - 1]! + sorted[mid]!) / 2) * 100) / 100;
}

export function classReport(entries: BatchEntry[], exerciseOrder: string[] = []): ClassReport {
  const sorted = [...entries].sort(byStudent);
  const percents = sorted.map(percentOf);
  const ascending = [...percents].sort((a, b) => a - b);
  const ids = exerciseIds(sorted.map((e) => e.doc), exerciseOrder);

  const exercises: ExerciseOutcome[] = ids.map((id) => {
    const counts: Record<ExerciseStatus, number> = { passed: 0, partial: 0, failed: 0, error: 0, missing: 0, 'not-started': 0 };
    let title = id;
    let total = 0;
    let maxScore = 0;
    let n = 0;
    for (const { doc } of sorted) {
      const exercise = doc.exercises.find((e) => e.id === id);
      if (!exercise) continue;
      title = exercise.title;
      counts[exercise.status]++;
      total += exercise.score;
      maxScore = Math.max(maxScore, exercise.maxScore);
      n++;
    }
    return { exercise: id, title, counts, meanScore: n ? Math.round((total / n) * 100) / 100 : 0, maxScore };
  });

  // Tests in exercise order, then in the order the documents list them.
  const tests = new Map<string, TestFailures & { order: number; messages: Map<string, number> }>();
  for (const { doc } of sorted) {
    for (const exercise of doc.exercises) {
      for (const test of exercise.tests) {
        const key = `${exercise.id}\u0000${test.name}`;
        let row = tests.get(key);
        if (!row) {
          row = { exercise: exercise.id, test: test.name, failed: 0, graded: 0, order: tests.size, messages: new Map() };
          tests.set(key, row);
        }
        row.graded++;
        if (test.status !== 'passed') {
          row.failed++;
          if (test.message) {
            const line = firstLine(test.message);
            row.messages.set(line, (row.messages.get(line) ?? 0) + 1);
          }
        }
      }
    }
  }
  const exerciseRank = (id: string) => ids.indexOf(id);
  const failures: TestFailures[] = [...tests.values()]
    .sort((a, b) => b.failed - a.failed || exerciseRank(a.exercise) - exerciseRank(b.exercise) || a.order - b.order)
    .map(({ exercise, test, failed, graded, messages }) => {
      let common: string | undefined;
      let most = 0;
      for (const [message, count] of messages) {
        if (count > most) {
          common = message;
          most = count;
        }
      }
      return { exercise, test, failed, graded, ...(common !== undefined ? { commonMessage: common } : {}) };
    });

  return {
    students: sorted.length,
    mean: percents.length ? Math.round((percents.reduce((a, b) => a + b, 0) / percents.length) * 100) / 100 : 0,
    median: median(ascending),
    highest: ascending.length ? ascending[ascending.length - 1]! : 0,
    lowest: ascending.length ? ascending[0]! : 0,
    bands: bandsOf(percents),
    exercises,
    tests: failures,
  };
}

function bar(n: number, most: number): string {
  if (n === 0 || most === 0) return '';
  return '█'.repeat(Math.max(1, Math.round((n / most) * 20)));
}

export function reportMarkdown(report: ClassReport): string {
  const out: string[] = ['# Class report', ''];
  out.push(`${report.students} student${report.students === 1 ? '' : 's'} · mean ${report.mean} % · median ${report.median} % · highest ${report.highest} % · lowest ${report.lowest} %`, '');
  out.push('## Score distribution', '', '| Score | Students | |', '| --- | ---: | --- |');
  const most = Math.max(0, ...report.bands.map((b) => b.students));
  for (const b of report.bands) out.push(`| ${b.label} | ${b.students} | ${bar(b.students, most)} |`);
  out.push('', '## Exercises', '', '| Exercise | Passed | Partial | Failed | Error | Missing | Not started | Mean score |', '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
  for (const e of report.exercises) {
    const c = e.counts;
    out.push(`| ${cell(e.exercise)}: ${cell(e.title)} | ${c.passed} | ${c.partial} | ${c.failed} | ${c.error} | ${c.missing} | ${c['not-started']} | ${scoreCell(e.meanScore)} / ${scoreCell(e.maxScore)} |`);
  }
  out.push('', '## Tests, the most failed first', '');
  if (report.tests.length === 0) {
    out.push('No test ran.');
  } else {
    out.push('| Exercise | Test | Failed | Of | Most common message |', '| --- | --- | ---: | ---: | --- |');
    for (const t of report.tests) out.push(`| ${cell(t.exercise)} | ${cell(t.test)} | ${t.failed} | ${t.graded} | ${t.commonMessage ? cell(t.commonMessage) : ''} |`);
  }
  return `${out.join('\n')}\n`;
}

export function testsCsv(report: ClassReport): string {
  return csv([
    ['exercise', 'test', 'failed', 'graded', 'failedPercent', 'commonMessage'],
    ...report.tests.map((t) => [t.exercise, inertText(t.test), t.failed, t.graded, t.graded ? scoreCell((t.failed / t.graded) * 100) : '0', inertText(t.commonMessage ?? '')]),
  ]);
}

export function distributionCsv(report: ClassReport): string {
  return csv([['band', 'fromPercent', 'toPercent', 'students'], ...report.bands.map((b) => [b.label, b.from, b.to, b.students])]);
}

export interface InstructorReport {
  report: ClassReport;
  markdown: string;
  testsCsv: string;
  distributionCsv: string;
}

export function instructorReport(entries: BatchEntry[], exerciseOrder: string[] = []): InstructorReport {
  const report = classReport(entries, exerciseOrder);
  return { report, markdown: reportMarkdown(report), testsCsv: testsCsv(report), distributionCsv: distributionCsv(report) };
}
