/**
 * Issue 10: learner code must not change any verdict, its own or anyone else's. Each fixture in
 * test/attacks/<name>/ is a WRONG implementation (test/attacks/_wrong/<id>/) plus one attack: a
 * realm escape through an object handed in, a rewrite of the suite or of jest-circus's state,
 * reuse of the harness, prototype pollution, learner code that runs outside any test. Each is
 * graded through the built engine with the reference 02 beside it, and must score no more than
 * the same wrong implementation without the attack, test by test, while 02 keeps full marks.
 * Then the warm-session cases: a poisoner or a saboteur first, and the students graded after it
 * in the same child (a GradingSession, and `grader batch --jobs 1`) get exactly their own verdicts.
 *
 * SANDBOX_FRESH=1 grades every attack in a session of its own (to tell, on an engine without the
 * defence, which attacks work by themselves and which only suffered from the one before).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { catalogue, cli, engine, makeSubmission, root, tempDir } from './helpers';
import type { ExerciseResult, ResultDocument } from '../src/core/result';

const ATTACKS = path.join(root, 'test', 'attacks');
const exercise = (id: string) => catalogue.exercises.find((e) => e.id === id)!;
const read = (...parts: string[]) => fs.readFileSync(path.join(...parts), 'utf8');
const solution = (id: string) => read(root, 'solutions', id, exercise(id).file);
const wrong = (id: string) => read(ATTACKS, '_wrong', id, exercise(id).file);
/** What the realm-escape attacks reach for, once found (test/attacks/_payload.ts). */
const PAYLOAD = read(ATTACKS, '_payload.ts');
/** An attack's module as the learner would hand it in: its `// @payload` line replaced by the shared payload. */
const fixture = (name: string) => {
  const dir = path.join(ATTACKS, name);
  const file = fs.readdirSync(dir).find((f) => f.endsWith('.ts'))!;
  return read(dir, file).replace(/^\/\/ @payload$/m, () => PAYLOAD);
};

/** A line only the reference 01 has: no output or message may ever show it. */
const SOLUTION_MARKER = 'the line the article lost';

interface Attack {
  name: string;
  id: string;
  source: string;
}

/** Every test/attacks/<name>/ not starting with "_"; `// exercise: <id>` in the header, 01 by default. */
const attacks: Attack[] = fs
  .readdirSync(ATTACKS)
  .filter((name) => !name.startsWith('_') && fs.statSync(path.join(ATTACKS, name)).isDirectory())
  .sort()
  .map((name) => {
    const source = fixture(name);
    const id = source.match(/^\/\/ exercise: (\S+)/m)?.[1] ?? '01-data-iterator';
    return { name, id, source };
  });

const ATTACKED = [...new Set(attacks.map((a) => a.id))].sort();

/** `{ "<id>/<file>": text }` with the reference 02 beside whatever else is given. */
function withRange(files: Record<string, string>): string {
  return makeSubmission({ ...files, '02-range/range.ts': solution('02-range') });
}
const entry = (id: string, text: string) => ({ [`${id}/${exercise(id).file}`]: text });

const statuses = (e: ExerciseResult) => e.tests.map((t) => `${t.status}: ${t.name}`);

/** The wrong implementation of each attacked exercise, graded alone in a fresh session. */
const baseline = new Map<string, ExerciseResult>();

beforeAll(async () => {
  const files = Object.assign({}, ...ATTACKED.map((id) => entry(id, wrong(id))));
  const doc = await engine.grade({ submission: withRange(files), exercises: [...ATTACKED, '02'], typecheck: false });
  for (const e of doc.exercises) baseline.set(e.id, e);
  expect(doc.exercises.find((e) => e.id === '02-range')).toMatchObject({ status: 'passed' });
  for (const id of ATTACKED) {
    const e = baseline.get(id)!;
    // Each wrong version is wrong (so an attack has something to gain) but not wholly (so it runs).
    expect(e.score).toBeLessThan(e.maxScore);
    expect(e.tests.length).toBeGreaterThanOrEqual(10);
  }
}, 120_000);

/** No test passes with the attack that failed without it, and the score is no higher. */
function noBetterThanWrong(attacked: ExerciseResult | undefined, id: string): void {
  const before = baseline.get(id)!;
  expect(attacked).toBeDefined();
  const passedBefore = new Set(before.tests.filter((t) => t.status === 'passed').map((t) => t.name));
  const gained = attacked!.tests.filter((t) => t.status === 'passed' && !passedBefore.has(t.name)).map((t) => t.name);
  expect(gained).toEqual([]);
  expect(attacked!.score).toBeLessThanOrEqual(before.score);
  // Every test still has a verdict.
  expect(attacked!.tests.map((t) => t.name)).toEqual(before.tests.map((t) => t.name));
}

function fullMarks(e: ExerciseResult | undefined, id: string): void {
  expect(e).toBeDefined();
  expect({ id: e!.id, status: e!.status, score: e!.score, failing: e!.tests.filter((t) => t.status !== 'passed').map((t) => `${t.status}: ${t.name}: ${t.message}`) })
    .toEqual({ id, status: 'passed', score: e!.maxScore, failing: [] });
}

/** The same verdicts, test by test, as the wrong version graded alone in a fresh session. */
function exactlyHonest(e: ExerciseResult | undefined, id: string): void {
  expect(e).toBeDefined();
  expect(statuses(e!)).toEqual(statuses(baseline.get(id)!));
  expect(e!.score).toBe(baseline.get(id)!.score);
}

function leaksNothing(doc: ResultDocument): void {
  const text = JSON.stringify(doc);
  expect(text.includes(SOLUTION_MARKER)).toBe(false);
}

const limitMs = (ids: string[]) => ids.reduce((s, id) => s + exercise(id).timeLimits.exerciseMs, 0) + 10_000;

test('every attack that calls the shared payload has it spliced in, once (a module that fails to load would score low and prove nothing)', () => {
  const spliced = attacks.filter((a) => a.source.includes(PAYLOAD));
  expect(spliced.length).toBeGreaterThanOrEqual(18);
  for (const a of attacks) {
    const calls = ['exploit', 'takeOver', 'forgeVerdicts'].filter((f) => new RegExp(`\\b${f}\\(`).test(a.source));
    const defined = calls.filter((f) => a.source.split(`function ${f}(`).length === 2);
    expect({ name: a.name, defined, marker: /^\/\/ @payload$/m.test(a.source) }).toEqual({ name: a.name, defined: calls, marker: false });
  }
});

describe('an attack scores no more than the same wrong code without it, and costs 02 nothing', () => {
  // One warm session for all of them, graded one after another in this order: an attack that
  // outlives its grading spoils the next one's verdicts too, which is also a failure.
  const session = process.env.SANDBOX_FRESH ? undefined : new engine.GradingSession();
  afterAll(() => session?.close());

  test.each(attacks.map((a) => [a.name, a] as const))('%s', async (_name, attack) => {
    const started = Date.now();
    const doc = await engine.grade({ submission: withRange(entry(attack.id, attack.source)), exercises: [attack.id, '02'], typecheck: false }, session);
    const elapsed = Date.now() - started;
    noBetterThanWrong(doc.exercises.find((e) => e.id === attack.id), attack.id);
    fullMarks(doc.exercises.find((e) => e.id === '02-range'), '02-range');
    leaksNothing(doc);
    expect(elapsed).toBeLessThan(limitMs([attack.id, '02-range']));
  }, 90_000);
});

describe('a warm session stays trustworthy after a hostile student', () => {
  test('a poisoner, then an honest wrong student (exact verdicts), then the reference solutions (full marks), in one GradingSession', async () => {
    const session = new engine.GradingSession();
    try {
      const poisoner = await engine.grade({ submission: withRange(entry('01-data-iterator', fixture('settimeout-constructor'))), exercises: ['01', '02'], typecheck: false }, session);
      noBetterThanWrong(poisoner.exercises[0], '01-data-iterator');
      const honest = await engine.grade({ submission: withRange(entry('01-data-iterator', wrong('01-data-iterator'))), exercises: ['01', '02'], typecheck: false }, session);
      exactlyHonest(honest.exercises[0], '01-data-iterator');
      fullMarks(honest.exercises[1], '02-range');
      const reference = await engine.grade({ submission: withRange(entry('01-data-iterator', solution('01-data-iterator'))), exercises: ['01', '02'], typecheck: false }, session);
      fullMarks(reference.exercises[0], '01-data-iterator');
      fullMarks(reference.exercises[1], '02-range');
    } finally {
      session.close();
    }
  }, 120_000);

  test('a saboteur, then the reference solutions (full marks), then an honest wrong student (exact), in one GradingSession', async () => {
    const session = new engine.GradingSession();
    try {
      await engine.grade({ submission: withRange(entry('01-data-iterator', fixture('process-saboteur'))), exercises: ['01', '02'], typecheck: false }, session);
      const reference = await engine.grade({ submission: withRange(entry('01-data-iterator', solution('01-data-iterator'))), exercises: ['01', '02'], typecheck: false }, session);
      fullMarks(reference.exercises[0], '01-data-iterator');
      fullMarks(reference.exercises[1], '02-range');
      const honest = await engine.grade({ submission: withRange(entry('01-data-iterator', wrong('01-data-iterator'))), exercises: ['01', '02'], typecheck: false }, session);
      exactlyHonest(honest.exercises[0], '01-data-iterator');
    } finally {
      session.close();
    }
  }, 120_000);

  test('grader batch --jobs 1: a saboteur and a poisoner sort before the students they would spoil; those rows are exact', () => {
    const dir = tempDir('iteration-sandbox-class-');
    const out = tempDir('iteration-sandbox-out-');
    const student = (name: string, files: Record<string, string>) => makeSubmission({ ...files, '02-range/range.ts': solution('02-range') }, path.join(dir, name));
    student('a-saboteur', entry('01-data-iterator', fixture('process-saboteur')));
    student('b-reference', entry('01-data-iterator', solution('01-data-iterator')));
    student('c-poisoner', entry('01-data-iterator', fixture('settimeout-constructor')));
    student('d-honest', entry('01-data-iterator', wrong('01-data-iterator')));
    const run = cli('grader', ['batch', dir, '--out', out, '--jobs', '1', '--exercise', '01', '02', '--no-typecheck']);
    expect(run.stderr).not.toMatch(/grader failed/);
    const row = (name: string) => JSON.parse(read(out, `${name}.json`)) as ResultDocument;
    noBetterThanWrong(row('a-saboteur').exercises[0], '01-data-iterator');
    fullMarks(row('b-reference').exercises[0], '01-data-iterator');
    fullMarks(row('b-reference').exercises[1], '02-range');
    noBetterThanWrong(row('c-poisoner').exercises[0], '01-data-iterator');
    exactlyHonest(row('d-honest').exercises[0], '01-data-iterator');
    fullMarks(row('d-honest').exercises[1], '02-range');
  }, 120_000);
});

describe('what graded code may not use is a message in the test that used it, not a crash', () => {
  const session = new engine.GradingSession();
  afterAll(() => session.close());

  test("require('fs') inside one code path fails only the test that took it, with \"graded code may not import 'fs'\"", async () => {
    const doc = await engine.grade({ submission: withRange(entry('01-data-iterator', fixture('_cases/require-fs-in-function'))), exercises: ['01', '02'], typecheck: false }, session);
    const e = doc.exercises[0]!;
    const stringTest = 'a string is walked character by character';
    const hit = e.tests.find((t) => t.name === stringTest);
    expect(hit).toMatchObject({ status: 'failed', message: expect.stringContaining("graded code may not import 'fs'") });
    // Every other test ran and got what the wrong class gets without the require.
    const others = (x: ExerciseResult) => statuses(x).filter((s) => !s.endsWith(stringTest));
    expect(others(e)).toEqual(others(baseline.get('01-data-iterator')!));
    fullMarks(doc.exercises[1], '02-range');
  }, 60_000);

  test("import * as fs from 'fs' at the top: every test fails with \"graded code may not import 'fs'\"", async () => {
    const doc = await engine.grade({ submission: withRange(entry('01-data-iterator', fixture('import-fs'))), exercises: ['01', '02'], typecheck: false }, session);
    const e = doc.exercises[0]!;
    expect(e.score).toBe(0);
    for (const t of e.tests) expect(`${t.status}: ${t.message}`).toMatch(/^(failed|error): .*graded code may not import 'fs'/);
    expect(`${e.message ?? ''}${e.tests[0]!.message}`).toMatch(/graded code may not import 'fs'/);
    leaksNothing(doc);
    fullMarks(doc.exercises[1], '02-range');
  }, 60_000);
});

describe('faults keep the contract', () => {
  test('a next() that loops only at the end costs only the tests that reach the end', async () => {
    const doc = await engine.grade({ submission: withRange(entry('01-data-iterator', fixture('_cases/loop-at-end'))), exercises: ['01', '02'], typecheck: false });
    const e = doc.exercises[0]!;
    const neverAtTheEnd = [
      '[Symbol.iterator]() returns the Data object itself',
      '[Symbol.iterator]() starts again at the first value, even halfway through',
      'two Data objects keep separate positions',
      'a Data object has next() and [Symbol.iterator]() on it, so it is an iterable iterator',
    ];
    expect(e.tests).toHaveLength(15);
    for (const t of e.tests) {
      expect(t.message ?? '').not.toMatch(/were each cut off/);
      expect(`${t.name}: ${t.status}`).toBe(`${t.name}: ${neverAtTheEnd.includes(t.name) ? 'passed' : 'timedout'}`);
    }
    fullMarks(doc.exercises[1], '02-range');
  }, 120_000);
});
