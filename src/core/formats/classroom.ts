/**
 * GitHub Classroom's runner result, for classroom-resources/autograding-grading-reporter:
 * `result=<base64 of the JSON>` appended to $GITHUB_OUTPUT when it is set (the step's output
 * `result`), else printed. The JSON is checked against schemas/classroom.schema.json first.
 *
 * What the reporter does with it (read from its source, and re-implemented in
 * test/formats.test.ts): it decodes <RUNNER>_RESULTS, sends Classroom the sum of tests[].score
 * over max_score (only when max_score is not 0), prints ✅/❌ per test (the name, " - line N"
 * when line_no is not 0, "Error: <message>" for status "error", and test_code when present) and
 * fails the job when status is "fail" or "error".
 *
 * So: test points add up to the document's score (per exercise, see entriesOf; and as the
 * reporter sums them in floating point, see reporterPoints);
 * line_no is always present (0 when unknown); the reason for a failed test goes into test_code,
 * the only field the reporter prints for a failed test; and every text the reporter prints has
 * its lines that would read as workflow commands (`::…`, `##[…`) defused, since the reporter
 * prints them to the log as they are.
 */
import type { ResultDocument } from '../result';
import { assertSchema } from '../schemas';
import type { Formatter } from './index';
import { cleanText, entriesOf, findLocation, learnerPath, reasonOf, type Entry } from './shared';

export type ClassroomStatus = 'pass' | 'fail' | 'error';

export interface ClassroomTest {
  name: string;
  status: ClassroomStatus;
  score: number;
  message?: string;
  line_no: number;
  filename?: string;
  execution_time: string;
  test_code?: string;
}

export interface ClassroomResult {
  version: 1;
  status: ClassroomStatus;
  max_score: number;
  message?: string;
  tests: ClassroomTest[];
}

const MESSAGE_CHARS = 2000;

/** A line that the Actions runner would take for a workflow command gets a visible prefix. */
export function inert(text: string): string {
  return cleanText(text)
    .split('\n')
    .map((line) => (/^\s*(::|##\[)/.test(line) ? `» ${line}` : line))
    .join('\n');
}

function clip(text: string): string {
  return text.length > MESSAGE_CHARS ? `${text.slice(0, MESSAGE_CHARS)} …` : text;
}

/** The neighbouring double of x, up (+1) or down (-1). */
function nextDouble(x: number, direction: 1 | -1): number {
  if (x === 0) return direction * Number.MIN_VALUE;
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, x);
  const bits = view.getBigUint64(0);
  view.setBigUint64(0, (x > 0) === (direction > 0) ? bits + 1n : bits - 1n);
  return view.getFloat64(0);
}

/**
 * Test points for the reporter, which adds them up left to right in floating point: 1.43 added
 * seven times is not 10.01 but 10.009999999999998, and Classroom would record that. Each point
 * value is chosen (within a few units in the last place of the exact hundredths) so that every
 * running sum is exactly the running total in hundredths, and so the final sum is the score.
 */
export function reporterPoints(cents: number[]): number[] {
  const out: number[] = [];
  let acc = 0;
  let total = 0;
  for (const c of cents) {
    total += c;
    const target = total / 100;
    let s = target - acc;
    const candidates = [s];
    for (let k = 0, up = s, down = s; k < 4; k++) {
      up = nextDouble(up, 1);
      down = nextDouble(down, -1);
      candidates.push(up, down);
    }
    const exact = candidates.find((x) => x >= 0 && acc + x === target);
    s = exact ?? c / 100;
    out.push(s);
    acc += s;
  }
  return out;
}

function statusOf(entry: Entry): ClassroomStatus {
  return entry.status === 'passed' ? 'pass' : entry.status === 'error' ? 'error' : 'fail';
}

export function classroomResult(doc: ResultDocument, options: { submissionDir?: string; env?: Record<string, string | undefined> } = {}): ClassroomResult {
  const env = options.env ?? {};
  const entries = entriesOf(doc).flat();
  const scores = reporterPoints(entries.map((e) => e.scoreCents));
  const tests: ClassroomTest[] = entries.map((entry, index) => {
    const { exercise } = entry;
    const status = statusOf(entry);
    const where = exercise.status === 'missing' ? undefined : findLocation(entry.message, exercise.file);
    const test: ClassroomTest = {
      name: inert(`${exercise.id} › ${entry.name}`).replace(/\n/g, ' '),
      status,
      score: scores[index]!,
      line_no: where?.line ?? 0,
      execution_time: `${(entry.durationMs / 1000).toFixed(2)}s`,
    };
    if (exercise.file) test.filename = learnerPath(options.submissionDir ?? '.', exercise.file, env);
    if (status !== 'pass') {
      const reason = clip(inert(reasonOf(entry)));
      test.message = reason;
      const again = `To see it yourself: npx workbook run ${exercise.id}`;
      test.test_code = status === 'error' ? `${inert(`${exercise.id} › ${entry.name}`)}\n${again}` : `${reason}\n\n${again}`;
    }
    return test;
  });
  const errored = doc.exercises.filter((e) => e.status === 'error');
  const status: ClassroomStatus = errored.length ? 'error' : tests.every((t) => t.status === 'pass') ? 'pass' : 'fail';
  const result: ClassroomResult = { version: 1, status, max_score: doc.maxScore, tests };
  if (errored.length) result.message = clip(inert(errored.map((e) => `${e.id}: ${e.message ?? 'could not be graded'}`).join('\n')));
  return assertSchema<ClassroomResult>('classroom', result, 'internal error: the Classroom result does not match schemas/classroom.schema.json');
}

/** `result=<base64>` — the line a GitHub Actions step writes to $GITHUB_OUTPUT. */
export function classroomOutputLine(doc: ResultDocument, options: { submissionDir?: string; env?: Record<string, string | undefined> } = {}): string {
  const json = JSON.stringify(classroomResult(doc, options));
  return `result=${Buffer.from(json, 'utf8').toString('base64')}\n`;
}

export const classroom: Formatter = (doc, context) => {
  const line = classroomOutputLine(doc, { submissionDir: context.submissionDir, env: context.env });
  const target = context.env.GITHUB_OUTPUT;
  return target ? { files: [{ path: target, content: line, append: true }] } : { stdout: line };
};
