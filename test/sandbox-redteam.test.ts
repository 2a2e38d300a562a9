/**
 * Red-team cases that need an assertion test/sandbox.test.ts does not make: an attacker graded
 * first in a warm GradingSession, then an honest student (the reference solutions) in the same
 * session, who must keep full marks.
 * - persistent-timer-07: a suite's own callback (07's fake service, which calls setTimeout) is made
 *   to run after the suite went back to real timers, from an error getter read at the end of the
 *   test; the real timers it sets would fire during later gradings. Real timers set through the
 *   suite realm are cleared when their suite file ends.
 * - symbol-registry-leak (test/attacks/_cases): V8's Symbol.for registry is never collected; a
 *   submission that fills it leaves the warm child holding that memory. A child holding more than
 *   half its ceiling after a grading is replaced.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { catalogue, engine, makeSubmission, root } from './helpers';
import type { ExerciseResult } from '../src/core/result';

const exercise = (id: string) => catalogue.exercises.find((e) => e.id === id)!;
const read = (...parts: string[]) => fs.readFileSync(path.join(...parts), 'utf8');
const solution = (id: string) => read(root, 'solutions', id, exercise(id).file);
const fixture = (name: string) => {
  const dir = path.join(root, 'test', 'attacks', name);
  return read(dir, fs.readdirSync(dir).find((f) => f.endsWith('.ts'))!);
};
const entry = (id: string, text: string) => ({ [`${id}/${exercise(id).file}`]: text });

function fullMarks(e: ExerciseResult | undefined, id: string): void {
  expect(e).toBeDefined();
  expect({ id: e!.id, score: e!.score, failing: e!.tests.filter((t) => t.status !== 'passed').map((t) => `${t.status}: ${t.name}: ${t.message}`) })
    .toEqual({ id, score: e!.maxScore, failing: [] });
}

const CASES: { name: string; attacker: string; victims: string[] }[] = (process.env.REDTEAM_CASES ?? 'persistent-timer-07:07-sequential-vs-concurrent:07-sequential-vs-concurrent,08-async-queue,06-asynchronous-iterator,10-merge,09-paginate')
  .split(';').map((c) => { const [name, attacker, victims] = c.split(':'); return { name: name!, attacker: attacker!, victims: victims!.split(',') }; });

describe('memory that learner code pins in a warm child does not outlive its grading', () => {
  test('symbol-registry-leak: 300 MB in the Symbol.for registry, then the reference solutions in the same session: a fresh child, full marks', async () => {
    const session = new engine.GradingSession();
    try {
      const leak = read(root, 'test', 'attacks', '_cases', 'symbol-registry-leak', 'data.ts');
      const first = await engine.grade({ submission: makeSubmission(entry('01-data-iterator', leak)), exercises: ['01'], typecheck: false }, session);
      expect(first.exercises[0]!.score).toBeLessThan(first.exercises[0]!.maxScore);
      const files = { ...entry('01-data-iterator', solution('01-data-iterator')), ...entry('07-sequential-vs-concurrent', solution('07-sequential-vs-concurrent')) };
      const doc = await engine.grade({ submission: makeSubmission(files), exercises: ['01', '07'], typecheck: false }, session);
      for (const id of ['01-data-iterator', '07-sequential-vs-concurrent']) fullMarks(doc.exercises.find((e) => e.id === id), id);
      const child = (session as unknown as { current?: { residentMb(): number | undefined } }).current;
      const rss = child?.residentMb();
      if (rss !== undefined) expect(rss).toBeLessThan(256);
    } finally {
      session.close();
    }
  }, 180_000);
});

describe('an attacker graded first in a warm session changes no honest student after it', () => {
  test.each(CASES.map((c) => [c.name, c] as const))('%s', async (_n, c) => {
    const session = new engine.GradingSession();
    try {
      await engine.grade({ submission: makeSubmission({ ...entry(c.attacker, fixture(c.name)), ...entry('02-range', solution('02-range')) }), exercises: [c.attacker, '02'], typecheck: false }, session);
      const files = Object.assign({}, ...c.victims.map((id) => entry(id, solution(id))));
      for (let round = 0; round < 2; round++) {
        const doc = await engine.grade({ submission: makeSubmission(files), exercises: c.victims, typecheck: false }, session);
        for (const id of c.victims) fullMarks(doc.exercises.find((e) => e.id === id), id);
      }
    } finally {
      session.close();
    }
  }, 180_000);
});
