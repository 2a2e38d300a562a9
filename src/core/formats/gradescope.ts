/**
 * Gradescope's results.json (/autograder/results/results.json), checked against
 * schemas/gradescope.schema.json before it is returned.
 *
 * - Each test of the hidden suites becomes a Gradescope test named `<exercise id> › <test name>`,
 *   numbered `<exercise>.<test>`, tagged with the exercise id, with the visibility the course
 *   chose for hidden tests (default after_published).
 * - An exercise that has no tests in the document (file missing, suite could not run) becomes
 *   one always-visible test that says so: it reveals nothing of the hidden suites, and it is what
 *   Gradescope suggests for pre-submission checks ("did it compile").
 * - The top-level output lists what the learner can fix (missing or unstarted files, type
 *   errors); per-exercise scores appear there only when hidden tests are visible, so that the
 *   summary does not give away what the course keeps until publication.
 */
import type { ResultDocument } from '../result';
import { assertSchema } from '../schemas';
import type { Formatter, GradescopeVisibility } from './index';
import { cap, cleanText, entriesOf, points, reasonOf, type Entry } from './shared';

export interface GradescopeTest {
  name: string;
  score: number;
  max_score: number;
  status: 'passed' | 'failed';
  number: string;
  tags: string[];
  output?: string;
  output_format: 'text';
  visibility: GradescopeVisibility;
}

export interface GradescopeResults {
  score: number;
  execution_time: number;
  output: string;
  output_format: 'text';
  tests: GradescopeTest[];
}

export interface GradescopeOptions {
  hiddenVisibility?: GradescopeVisibility;
}

/** What a learner's output may take up in one test's box. */
const OUTPUT_CHARS = 4000;

function testOutput(entry: Entry): string | undefined {
  const parts: string[] = [];
  if (entry.status !== 'passed') parts.push(cleanText(reasonOf(entry)));
  if (entry.output) parts.push(`What your code printed:\n${cap(cleanText(entry.output), OUTPUT_CHARS)}`);
  if (!entry.standIn && entry.status === 'passed' && entry.exercise.status === 'error' && entry.exercise.message) {
    parts.push(`This test passed, but the exercise as a whole could not be graded: ${cleanText(entry.exercise.message)}`);
  }
  return parts.length ? parts.join('\n\n') : undefined;
}

function summary(doc: ResultDocument, scoresVisible: boolean): string {
  const lines: string[] = [];
  if (scoresVisible) lines.push(`Score: ${points(doc.score)} / ${points(doc.maxScore)}`, '');
  for (const exercise of doc.exercises) {
    const problems: string[] = [];
    if (exercise.status === 'missing' || exercise.status === 'not-started' || exercise.status === 'error') {
      problems.push(cleanText(exercise.message ?? exercise.status));
    }
    for (const d of exercise.diagnostics) problems.push(`type error at ${exercise.id}/${d.file}:${d.line}:${d.column}: ${cleanText(d.message)}`);
    if (scoresVisible) lines.push(`${exercise.id}  ${exercise.title}: ${points(exercise.score)}/${points(exercise.maxScore)} (${exercise.status})`);
    else if (problems.length) lines.push(`${exercise.id}  ${exercise.title}`);
    for (const p of problems) lines.push(`    ${p.replace(/\n/g, '\n    ')}`);
  }
  if (!scoresVisible && lines.length === 0) lines.push('Every exercise file was found and graded. The results appear when your course publishes them.');
  return lines.join('\n').trimEnd();
}

export function gradescopeResults(doc: ResultDocument, options: GradescopeOptions = {}): GradescopeResults {
  const hidden = options.hiddenVisibility ?? 'after_published';
  const tests: GradescopeTest[] = entriesOf(doc).flat().map((entry) => {
    const output = testOutput(entry);
    return {
      name: `${entry.exercise.id} › ${entry.name}`,
      score: entry.scoreCents / 100,
      max_score: entry.maxScoreCents / 100,
      status: entry.status === 'passed' ? 'passed' : 'failed',
      number: `${entry.exerciseIndex + 1}.${entry.testIndex + 1}`,
      tags: [entry.exercise.id],
      ...(output !== undefined ? { output } : {}),
      output_format: 'text',
      visibility: entry.standIn ? 'visible' : hidden,
    };
  });
  const results: GradescopeResults = {
    score: doc.score,
    execution_time: Math.round(doc.durationMs / 1000),
    output: summary(doc, hidden === 'visible'),
    output_format: 'text',
    tests,
  };
  return assertSchema<GradescopeResults>('gradescope', results, 'internal error: the Gradescope results do not match schemas/gradescope.schema.json');
}

export const gradescope: Formatter = (doc, context) => ({
  stdout: `${JSON.stringify(gradescopeResults(doc, { hiddenVisibility: context.hiddenVisibility }), null, 2)}\n`,
});
