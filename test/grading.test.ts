/**
 * The grader proves itself: reference solutions score full marks, untouched stubs are
 * not-started, and every wrong version in test/variants loses the test its header names.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { catalogue, engine, makeSubmission, root, schemas, tempDir, variants, type Variant } from './helpers';
import type { ResultDocument } from '../src/core/result';

describe('the reference solutions', () => {
  let doc: ResultDocument;
  beforeAll(async () => {
    doc = await engine.grade({ submission: path.join(root, 'solutions') });
  });

  test.each(catalogue.exercises.map((e) => e.id))('%s gets full marks with no type error', (id) => {
    const exercise = doc.exercises.find((e) => e.id === id)!;
    const failing = exercise.tests.filter((t) => t.status !== 'passed').map((t) => `${t.name}: ${t.message}`);
    expect(failing).toEqual([]);
    expect(exercise.status).toBe('passed');
    expect(exercise.score).toBe(exercise.maxScore);
    expect(exercise.diagnostics).toEqual([]);
  });

  test('the document matches its schema and adds up', () => {
    expect(schemas.schemaProblem('result', doc)).toBeUndefined();
    expect(doc.score).toBe(doc.maxScore);
    expect(doc.maxScore).toBe(catalogue.exercises.reduce((sum, e) => sum + e.points, 0));
  });
});

describe('the untouched stubs', () => {
  let doc: ResultDocument;
  beforeAll(async () => {
    doc = await engine.grade({ submission: path.join(root, 'exercises') });
  });

  test.each(catalogue.exercises.map((e) => e.id))('%s is not-started, scores 0 and fails every test', (id) => {
    const exercise = doc.exercises.find((e) => e.id === id)!;
    expect(exercise.status).toBe('not-started');
    expect(exercise.score).toBe(0);
    expect(exercise.tests.length).toBeGreaterThanOrEqual(10);
    expect(exercise.tests.filter((t) => t.status === 'passed').map((t) => t.name)).toEqual([]);
    expect(exercise.diagnostics).toEqual([]);
  });
});

describe('the wrong and the differently written versions', () => {
  const all = variants();
  // Grade in rounds: the k-th variant of every exercise shares one submission (one child process).
  const rounds: Variant[][] = [];
  for (const v of all) {
    const k = all.filter((w) => w.exercise === v.exercise).indexOf(v);
    (rounds[k] ??= []).push(v);
  }
  const results = new Map<Variant, ResultDocument['exercises'][number]>();
  beforeAll(async () => {
    for (const round of rounds) {
      const files: Record<string, string> = {};
      for (const v of round) {
        const exercise = catalogue.exercises.find((e) => e.id === v.exercise)!;
        files[`${v.exercise}/${exercise.file}`] = fs.readFileSync(path.join(v.dir, v.file), 'utf8');
      }
      const doc = await engine.grade({ submission: makeSubmission(files, tempDir()), typecheck: false });
      for (const v of round) results.set(v, doc.exercises.find((e) => e.id === v.exercise)!);
    }
  });

  test('every exercise has at least five wrong versions and one correct version written another way', () => {
    for (const exercise of catalogue.exercises) {
      const mine = all.filter((v) => v.exercise === exercise.id);
      expect({ id: exercise.id, wrong: mine.filter((v) => v.expect !== 'full').length >= 5 }).toEqual({ id: exercise.id, wrong: true });
      expect({ id: exercise.id, right: mine.some((v) => v.expect === 'full') }).toEqual({ id: exercise.id, right: true });
    }
  });

  test.each(all.map((v) => [`${v.exercise}/${v.name}`, v] as const))('%s', (_label, v) => {
    const result = results.get(v)!;
    if (v.expect === 'full') {
      expect(result.tests.filter((t) => t.status !== 'passed').map((t) => `${t.name}: ${t.message}`)).toEqual([]);
      expect(result.score).toBe(result.maxScore);
    } else {
      expect(v.expect.length).toBeGreaterThan(0);
      expect(result.score).toBeLessThan(result.maxScore);
      for (const fragment of v.expect) {
        const caught = result.tests.filter((t) => t.name.includes(fragment));
        expect({ fragment, matched: caught.length > 0 }).toEqual({ fragment, matched: true });
        expect({ fragment, failed: caught.some((t) => t.status !== 'passed') }).toEqual({ fragment, failed: true });
      }
    }
  });
});

describe('the catalogue', () => {
  test('every stub hash is current (run npm run stamp after changing a stub)', () => {
    const { stubHash } = require(path.join(root, 'dist/core/catalogue')) as typeof import('../src/core/catalogue');
    for (const exercise of catalogue.exercises) {
      const text = fs.readFileSync(path.join(root, 'exercises', exercise.id, exercise.file), 'utf8');
      expect({ id: exercise.id, hash: stubHash(text) }).toEqual({ id: exercise.id, hash: exercise.stubSha256 });
    }
  });
});
