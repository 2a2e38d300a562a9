/**
 * `grader batch` on a mixed class: solutions, wrong versions, hostile code, empty folders and
 * untouched stubs, with one right row each; resume after a kill; shard + merge equal to one
 * unsharded run.
 */
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { catalogue, cli, root, tempDir, variants } from './helpers';
import type { ResultDocument } from '../src/core/result';

const exercisesFlag = ['--exercise', '01', '02', '--no-typecheck'];

function copyExercise(from: string, to: string, id: string): void {
  const exercise = catalogue.exercises.find((e) => e.id === id)!;
  fs.mkdirSync(path.join(to, id), { recursive: true });
  fs.copyFileSync(path.join(from, exercise.file), path.join(to, id, exercise.file));
}

/** 22 students of every kind; returns the class folder and what each must score on 01 and 02. */
function makeClass(): { dir: string; expected: Map<string, 'full' | 'zero' | 'less'> } {
  const dir = tempDir('iteration-class-');
  const expected = new Map<string, 'full' | 'zero' | 'less'>();
  for (let i = 0; i < 6; i++) {
    const student = path.join(dir, `solved-${i}`);
    copyExercise(path.join(root, 'solutions/01-data-iterator'), student, '01-data-iterator');
    copyExercise(path.join(root, 'solutions/02-range'), student, '02-range');
    expected.set(`solved-${i}`, 'full');
  }
  const wrong = variants().filter((v) => v.expect !== 'full' && (v.exercise === '01-data-iterator' || v.exercise === '02-range')).slice(0, 8);
  wrong.forEach((v, i) => {
    const student = path.join(dir, `wrong-${i}`, 'exercises'); // exercises/ under the student's folder works too
    copyExercise(v.dir, student, v.exercise);
    const other = v.exercise === '01-data-iterator' ? '02-range' : '01-data-iterator';
    copyExercise(path.join(root, 'solutions', other), student, other);
    expected.set(`wrong-${i}`, 'less');
  });
  for (let i = 0; i < 3; i++) {
    const student = path.join(dir, `stub-${i}`);
    copyExercise(path.join(root, 'exercises/01-data-iterator'), student, '01-data-iterator');
    copyExercise(path.join(root, 'exercises/02-range'), student, '02-range');
    expected.set(`stub-${i}`, 'zero');
  }
  for (let i = 0; i < 2; i++) {
    fs.mkdirSync(path.join(dir, `empty-${i}`));
    expected.set(`empty-${i}`, 'zero');
  }
  const hostile = path.join(dir, 'hostile-loop');
  fs.mkdirSync(path.join(hostile, '01-data-iterator'), { recursive: true });
  fs.writeFileSync(path.join(hostile, '01-data-iterator/data.ts'), 'export class Data { constructor() { while (true) {} } }\n');
  copyExercise(path.join(root, 'solutions/02-range'), hostile, '02-range');
  expected.set('hostile-loop', 'less');
  const crasher = path.join(dir, 'hostile-exit');
  fs.mkdirSync(path.join(crasher, '01-data-iterator'), { recursive: true });
  fs.writeFileSync(path.join(crasher, '01-data-iterator/data.ts'), "(require('fs').constructor.constructor('return process'))().exit(3);\n");
  copyExercise(path.join(root, 'solutions/02-range'), crasher, '02-range');
  expected.set('hostile-exit', 'less');
  return { dir, expected };
}

const rows = (out: string) => fs.readFileSync(path.join(out, 'gradebook.csv'), 'utf8').trim().split('\n');

describe('grader batch', () => {
  const { dir, expected } = makeClass();
  const out = tempDir('iteration-batch-out-');

  beforeAll(() => {
    const run = cli('grader', ['batch', dir, '--out', out, '--jobs', '2', ...exercisesFlag]);
    if (run.code !== 0) throw new Error(run.stderr);
  });

  test('a class of at least 20 gets exactly one right row per student', () => {
    expect(expected.size).toBeGreaterThanOrEqual(20);
    const lines = rows(out);
    expect(lines[0]).toBe('student,score,maxScore,01-data-iterator,02-range');
    const byStudent = new Map(lines.slice(1).map((l) => [l.split(',')[0]!, l.split(',')]));
    expect([...byStudent.keys()].sort()).toEqual([...expected.keys()].sort());
    for (const [student, kind] of expected) {
      const [, score, max] = byStudent.get(student)!;
      const label = `${student}: ${score}/${max}`;
      if (kind === 'full') expect(label).toBe(`${student}: 20/20`);
      else if (kind === 'zero') expect(label).toBe(`${student}: 0/20`);
      else expect(Number(score)).toBeLessThan(20);
    }
    // The hostile students cost only their own exercise: 02 still got full marks.
    expect(byStudent.get('hostile-loop')![4]).toBe('10');
    expect(byStudent.get('hostile-exit')![4]).toBe('10');
  });

  test('each student has a document, and the report counts the tests a class fails', () => {
    for (const student of expected.keys()) {
      const doc = JSON.parse(fs.readFileSync(path.join(out, `${student}.json`), 'utf8')) as ResultDocument;
      expect(doc.submission).toBe(student);
    }
    const empty = JSON.parse(fs.readFileSync(path.join(out, 'empty-0.json'), 'utf8')) as ResultDocument;
    expect(empty.exercises.map((e) => e.status)).toEqual(['missing', 'missing']);
    const report = fs.readFileSync(path.join(out, 'report.md'), 'utf8');
    expect(report).toMatch(/Score distribution/);
    expect(fs.readFileSync(path.join(out, 'report-tests.csv'), 'utf8').split('\n').length).toBeGreaterThan(10);
  });

  test('--resume keeps unchanged students and regrades a changed one', () => {
    const before = fs.readFileSync(path.join(out, 'solved-0.json'), 'utf8');
    fs.copyFileSync(path.join(root, 'exercises/01-data-iterator/data.ts'), path.join(dir, 'solved-1/01-data-iterator/data.ts'));
    const run = cli('grader', ['batch', dir, '--out', out, '--jobs', '2', '--resume', ...exercisesFlag]);
    expect(run.code).toBe(0);
    expect(run.stderr.match(/unchanged, kept/g)?.length).toBe(expected.size - 1);
    expect(fs.readFileSync(path.join(out, 'solved-0.json'), 'utf8')).toBe(before);
    expect(rows(out).find((l) => l.startsWith('solved-1,'))).toBe('solved-1,10,20,0,10');
    fs.copyFileSync(path.join(root, 'solutions/01-data-iterator/data.ts'), path.join(dir, 'solved-1/01-data-iterator/data.ts'));
    expect(cli('grader', ['batch', dir, '--out', out, '--jobs', '2', '--resume', ...exercisesFlag]).code).toBe(0);
    expect(rows(out).find((l) => l.startsWith('solved-1,'))).toBe('solved-1,20,20,10,10');
  });

  test('a batch killed half way loses nothing, and --resume finishes it', async () => {
    const killedOut = tempDir('iteration-batch-killed-');
    const child = spawn(process.execPath, [path.join(root, 'bin/grader.js'), 'batch', dir, '--out', killedOut, '--jobs', '1', ...exercisesFlag], { stdio: ['ignore', 'ignore', 'pipe'] });
    let graded = 0;
    await new Promise<void>((resolve) => {
      child.stderr.on('data', (chunk: Buffer) => {
        graded += (chunk.toString().match(/^\[\d+\/\d+\]/gm) ?? []).length;
        if (graded >= 3) child.kill('SIGKILL');
      });
      child.on('exit', () => resolve());
    });
    const written = fs.readdirSync(killedOut).filter((f) => f.endsWith('.json'));
    for (const file of written) expect(() => JSON.parse(fs.readFileSync(path.join(killedOut, file), 'utf8'))).not.toThrow();
    expect(fs.existsSync(path.join(killedOut, 'batch-state.json'))).toBe(false);
    const run = cli('grader', ['batch', dir, '--out', killedOut, '--jobs', '2', '--resume', ...exercisesFlag]);
    expect(run.code).toBe(0);
    expect(run.stderr.match(/unchanged, kept/g)?.length ?? 0).toBeGreaterThanOrEqual(written.length);
    expect(rows(killedOut)).toEqual(rows(out));
  });

  test('three shards merged equal one unsharded run', () => {
    const shards = [1, 2, 3].map((i) => {
      const shardOut = tempDir(`iteration-shard-${i}-`);
      const run = cli('grader', ['batch', dir, '--out', shardOut, '--jobs', '2', '--shard', `${i}/3`, ...exercisesFlag]);
      expect(run.code).toBe(0);
      return shardOut;
    });
    const merged = tempDir('iteration-merged-');
    const run = cli('grader', ['merge', ...shards, '--out', merged]);
    expect(run.stderr).toMatch(/merged 3 folders/);
    expect(run.code).toBe(0);
    expect(rows(merged)).toEqual(rows(out));
  });

  test('type diagnostics with two jobs (which share one type checker): each student gets their own file\'s, at its line', () => {
    const typed = tempDir('iteration-typed-class-');
    const written: Record<string, string> = {
      'typo-a': "export class Data { constructor(data: ArrayLike<unknown>) { const n: number = 'a'; void n; void data; } }\n",
      'typo-b': "\n\nexport class Data {}\nconst s: string = 1;\n",
      clean: fs.readFileSync(path.join(root, 'solutions/01-data-iterator/data.ts'), 'utf8'),
    };
    for (const [student, text] of Object.entries(written)) {
      fs.mkdirSync(path.join(typed, student, '01-data-iterator'), { recursive: true });
      fs.writeFileSync(path.join(typed, student, '01-data-iterator/data.ts'), text);
    }
    const typedOut = tempDir('iteration-typed-out-');
    const run = cli('grader', ['batch', typed, '--out', typedOut, '--jobs', '2', '--exercise', '01']);
    expect(run.code).toBe(0);
    const diagnostics = (student: string) =>
      (JSON.parse(fs.readFileSync(path.join(typedOut, `${student}.json`), 'utf8')) as ResultDocument).exercises[0]!.diagnostics.map((d) => `${d.file}:${d.line} ${d.message.slice(0, 7)}`);
    expect(diagnostics('typo-a')).toEqual(['data.ts:1 TS2322:']);
    expect(diagnostics('typo-b')).toEqual(['data.ts:4 TS2322:']);
    expect(diagnostics('clean')).toEqual([]);
  });

  test('a class folder that does not exist: exit 2, one line', () => {
    const run = cli('grader', ['batch', '/no/such/class', '--out', tempDir()]);
    expect(run.code).toBe(2);
    expect(run.stderr.trim().split('\n')).toEqual([expect.stringContaining('/no/such/class')]);
  });
});
