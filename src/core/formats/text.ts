/** The text report, for people: each failing test with what was expected and what came. */
import type { ExerciseResult, ResultDocument, TestResult } from '../result';
import { paint, points, type Paint } from '../style';

const MARK: Record<ExerciseResult['status'], string> = {
  passed: '✔', partial: '◐', failed: '✘', error: '!', missing: '?', 'not-started': '·',
};

const TEST_MARK: Record<TestResult['status'], string> = { passed: '✔', failed: '✘', timedout: '⏱', error: '!' };

function indent(text: string, by: string): string {
  return text.split('\n').map((line) => by + line).join('\n');
}

export function exerciseLines(exercise: ExerciseResult, p: Paint, options: { showPassing?: boolean; maxFailures?: number } = {}): string[] {
  const colour = exercise.status === 'passed' ? p.green : exercise.status === 'partial' ? p.yellow : exercise.status === 'not-started' ? p.dim : p.red;
  const lines = [`${colour(MARK[exercise.status])} ${p.bold(exercise.id)}  ${exercise.title}  ${colour(`${points(exercise.score)}/${points(exercise.maxScore)}`)} ${p.dim(exercise.status)}`];
  if (exercise.message) lines.push(indent(exercise.message, '    '));
  if (exercise.status === 'not-started' || exercise.status === 'missing') return lines;
  const failing = exercise.tests.filter((t) => t.status !== 'passed');
  const shown = options.maxFailures === undefined ? failing : failing.slice(0, options.maxFailures);
  for (const test of exercise.tests) {
    if (test.status === 'passed') {
      if (options.showPassing) lines.push(`    ${p.green(TEST_MARK.passed)} ${test.name}`);
      continue;
    }
    if (!shown.includes(test)) continue;
    lines.push(`    ${p.red(TEST_MARK[test.status])} ${test.name}${test.status === 'failed' ? '' : p.dim(` (${test.status})`)}`);
    if (test.message) lines.push(indent(test.message, '        '));
    if (test.output) lines.push(p.dim(indent(`your code printed:\n${test.output.trimEnd()}`, '        ')));
  }
  if (shown.length < failing.length) lines.push(p.dim(`    … and ${failing.length - shown.length} more failing`));
  if (exercise.diagnostics.length) {
    lines.push(p.yellow('    type errors (they cost no points, but they are worth fixing):'));
    for (const d of exercise.diagnostics.slice(0, 10)) lines.push(`      ${exercise.id}/${d.file}:${d.line}:${d.column} ${d.message}`);
  }
  return lines;
}

export function renderText(doc: ResultDocument, colour: boolean): string {
  const p = paint(colour);
  const lines = [p.bold(`Graded ${doc.submission}`), ''];
  for (const exercise of doc.exercises) lines.push(...exerciseLines(exercise, p), '');
  const passed = doc.exercises.filter((e) => e.status === 'passed').length;
  lines.push(p.bold(`Score: ${points(doc.score)} / ${points(doc.maxScore)}`) + p.dim(`  (${passed} of ${doc.exercises.length} exercises passed, ${(doc.durationMs / 1000).toFixed(1)} s)`));
  return `${lines.join('\n')}\n`;
}
