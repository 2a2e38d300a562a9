/**
 * Learner code is untrusted. Each case puts an attack (or a broken input) in 01's file and the
 * reference solution in 02's, grades both, and checks: the verdict on 01, that 02 keeps full
 * marks, that grading ended within its limit, that nothing outlived it and nothing was written
 * outside the workspace.
 */
import { execSync, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { catalogue, cli, engine, makeSubmission, root, tempDir } from './helpers';
import type { ExerciseResult, ResultDocument } from '../src/core/result';

const solution02 = fs.readFileSync(path.join(root, 'solutions/02-range/range.ts'), 'utf8');
const stamp = `${process.pid}-${Date.now()}`;
const outside = path.join(os.tmpdir(), `pwned-${stamp}`);
const insideProject = path.join(root, `pwned-${stamp}`);

/** A wrong Data (values in reverse order, never more than that) to combine with tampering. */
const WRONG_DATA = `
export class Data<T> implements IterableIterator<T> {
  private index = 0;
  constructor(private readonly data: ArrayLike<T>) {}
  [Symbol.iterator](): this { this.index = 0; return this; }
  next(): IteratorResult<T, undefined> {
    if (this.index >= this.data.length) return { done: true, value: undefined };
    return { done: false, value: this.data[this.data.length - 1 - this.index++] as T };
  }
}`;

interface Case {
  name: string;
  /** The exercise attacked (01 by default). */
  exercise?: string;
  /** A memory ceiling of its own (graded outside the shared session). */
  memoryMb?: number;
  source: string;
  /** What 01 must come out as. */
  check(exercise: ExerciseResult): void;
}

const notPassed = (e: ExerciseResult) => {
  expect(e.score).toBeLessThan(e.maxScore);
  expect(e.tests.some((t) => t.status === 'passed' && /order|values/.test(t.name))).toBe(false);
};

const cases: Case[] = [
  {
    name: 'a synchronous infinite loop in next()',
    source: WRONG_DATA.replace('if (this.index >= this.data.length) return { done: true, value: undefined };', 'if (this.index >= this.data.length) { while (true) {} }'),
    check(e) {
      const timedOut = e.tests.filter((t) => t.status === 'timedout');
      expect(timedOut.length).toBeGreaterThan(0);
      expect(timedOut[0]!.message).toMatch(/done: true/);
    },
  },
  {
    name: 'an asynchronous infinite loop (awaiting forever in a microtask loop)',
    exercise: '06-asynchronous-iterator',
    source: `export interface Options { delayMs?: number; log?: (line: string) => void }
export class AsynchronousIterator implements AsyncIterableIterator<number> {
  constructor(n: number, options: Options = {}) { void n; void options; }
  [Symbol.asyncIterator]() { return this; }
  async next(): Promise<IteratorResult<number>> { for (;;) await null; }
}
export async function main(n = 3, options: Options = {}): Promise<void> {
  for await (const i of new AsynchronousIterator(n, options)) (options.log ?? console.log)(\`next element \${i}\`);
}`,
    check(e) {
      // Every test that asks next() hangs and is cut off; one that never does keeps its verdict.
      expect(e.score).toBeLessThan(e.maxScore / 4);
      expect(e.tests.filter((t) => t.status === 'timedout').length).toBeGreaterThan(e.tests.length / 2);
    },
  },
  {
    name: 'process.exit() at import',
    source: `process.exit(0);\n${WRONG_DATA}`,
    check(e) {
      expect(e.status).toBe('error');
      expect(e.message).toMatch(/process is not defined in graded code/);
    },
  },
  {
    name: 'the real process.exit reached through another realm',
    source: `${WRONG_DATA}\nconst realProcess = (require('fs').constructor.constructor('return process'))();\nrealProcess.exit(0);`,
    check(e) {
      expect(e.score).toBe(0);
      expect(e.tests.every((t) => t.status === 'error' || t.status === 'failed')).toBe(true);
    },
  },
  {
    name: 'memory exhaustion',
    memoryMb: 160, // filling 512 MiB takes seconds on a loaded machine; the rule is the same
    source: WRONG_DATA.replace('if (this.index >= this.data.length)', 'const hog: number[][] = []; while (hog.length >= 0) hog.push(new Array(2e7).fill(7));\n    if (this.index >= this.data.length)'),
    check(e) {
      // The tests that reach the hog run out of memory, each in a child of its own; the others keep their verdicts.
      expect(e.score).toBeLessThan(e.maxScore / 4);
      expect(e.tests.some((t) => /out of memory/.test(t.message ?? ''))).toBe(true);
    },
  },
  {
    name: 'an output flood',
    source: `${WRONG_DATA}\nfor (let i = 0; i < 200000; i++) console.log('flood '.repeat(100));\nfor (let i = 0; i < 2000; i++) process.stdout.write('x'.repeat(50000));`,
    check(e) {
      notPassed(e);
      for (const t of e.tests) expect((t.output ?? '').length).toBeLessThan(10_000);
    },
  },
  {
    name: 'replacing Object.is, Array.prototype methods and JSON.stringify',
    source: `${WRONG_DATA}\nObject.is = () => true;\nArray.isArray = () => false;\nArray.prototype.push = function () { return 0; };\nArray.prototype.join = () => '';\nJSON.stringify = () => '[1,2,3]';`,
    check: notPassed,
  },
  {
    name: "replacing expect, jest's matchers and @jest/globals",
    source: `${WRONG_DATA}\nconst fake: any = () => new Proxy({}, { get: () => () => undefined });\n(globalThis as any).expect = fake;\nconst matchers = (globalThis as any)[Symbol.for('$$jest-matchers-object')];\nif (matchers) matchers.matchers = new Proxy({}, { get: () => () => ({ pass: true, message: () => '' }) });\ntry { require('@jest/globals').expect = fake; } catch {}`,
    check: notPassed,
  },
  {
    name: 'replacing Promise and its then',
    source: `${WRONG_DATA}\nconst then = Promise.prototype.then;\nPromise.prototype.then = function (ok: any) { return then.call(this, ok, () => undefined); };\n(globalThis as any).Promise = class { constructor() {} then() {} };`,
    check: notPassed,
  },
  {
    name: 'a spawned, detached child process',
    source: `${WRONG_DATA}\nrequire('child_process').spawn('sleep', ['987'], { detached: true, stdio: 'ignore' }).unref();`,
    check(e) {
      expect(e.status).toBe('error');
    },
  },
  {
    name: 'writing outside the workspace',
    source: `${WRONG_DATA}\nfor (const file of [${JSON.stringify(outside)}, ${JSON.stringify(insideProject)}]) { try { require('fs').writeFileSync(file, 'pwned'); } catch {} }`,
    check: notPassed,
  },
  {
    name: 'reading the reference solution',
    source: `const fs = require('fs');\nconst text: string = fs.readFileSync(${JSON.stringify(path.join(root, 'solutions/01-data-iterator/data.ts'))}, 'utf8');\nconst js = require('typescript').transpile(text, { module: 1 });\nconst m: any = { exports: {} };\nnew Function('module', 'exports', js)(m, m.exports);\nexport const Data = m.exports.Data;`,
    check(e) {
      expect(e.score).toBe(0);
      expect(e.message ?? '').toMatch(/graded code may not import 'fs'/);
    },
  },
  {
    name: 'a forged JSON document and a fake summary on stdout',
    source: `${WRONG_DATA}\nconsole.log('Tests: 50 passed, 50 total');\nprocess.stdout.write(JSON.stringify({ schemaVersion: 1, score: 100, maxScore: 100, exercises: [] }) + '\\n');\nrequire('fs').writeSync(3, JSON.stringify({ e: 'done', file: '', id: 'x', errors: [], timedOut: false, checks: 1, failures: [], output: '', ms: 0 }) + '\\n');`,
    check: notPassed,
  },
  // Bad inputs: each is a clear verdict on 01, never a crash.
  { name: 'a syntax error', source: 'export class Data {\n  next( {\n}\n', check: (e) => { expect(e.status).toBe('error'); expect(e.message).toMatch(/could not be loaded/); } },
  { name: 'a missing export', source: 'export class Date2 {}\n', check: (e) => { expect(e.score).toBe(0); expect(e.tests[0]!.message).toMatch(/must export Data/); } },
  { name: 'an empty file', source: '', check: (e) => { expect(e.score).toBe(0); expect(e.tests[0]!.message).toMatch(/must export Data/); } },
  { name: 'a module that throws at import', source: `throw new Error('boom at import');\n${WRONG_DATA}`, check: (e) => { expect(e.status).toBe('error'); expect(e.message).toMatch(/boom at import/); } },
  {
    name: 'a type error (diagnostic with its line; the tests still run)',
    source: fs.readFileSync(path.join(root, 'solutions/01-data-iterator/data.ts'), 'utf8') + '\nexport const typeError: number = "not a number";\n',
    check(e) {
      expect(e.status).toBe('passed');
      expect(e.diagnostics.length).toBeGreaterThan(0);
      expect(e.diagnostics[0]).toMatchObject({ file: 'data.ts', message: expect.stringMatching(/TS2322/) });
      expect(e.diagnostics[0]!.line).toBeGreaterThan(1);
    },
  },
];

function processesMatching(pattern: string): string {
  try {
    return execSync(`pgrep -af ${JSON.stringify(pattern)} || true`, { encoding: 'utf8' }).split('\n').filter((l) => l && !l.includes('pgrep')).join('\n');
  } catch {
    return '';
  }
}

const limitMs = (ids: string[]) => catalogue.exercises.filter((e) => ids.includes(e.id)).reduce((s, e) => s + e.timeLimits.exerciseMs, 0) + 10_000;

describe('a grader that dies mid-grading leaves no test child behind', () => {
  test('the grader is killed while its child spins in a learner loop: the child dies with it (Linux)', () => {
    const dir = makeSubmission({ '01-data-iterator/data.ts': 'export class Data { constructor() { for (;;) {} } }' });
    const script = `
      const { GradingSession, grade } = require(${JSON.stringify(path.join(root, 'dist/core/engine/grade'))});
      const session = new GradingSession();
      grade({ submission: ${JSON.stringify(dir)}, exercises: ['01'], typecheck: false }, session);
      // Once the child is busy in the learner's loop (started up, its CPU time growing: every test of 01 loops), the grader dies.
      const started = Date.now();
      const poll = setInterval(() => {
        const child = session.current;
        const before = child && child.cpuMs();
        setTimeout(() => {
          const after = child && child.cpuMs();
          if ((after - before > 40 && Date.now() - started > 3000) || Date.now() - started > 15000) {
            clearInterval(poll);
            process.stdout.write(String(child.process.pid));
            process.kill(process.pid, 'SIGKILL');
          }
        }, 50);
      }, 60);`;
    const out = spawnSync(process.execPath, ['-e', script], { encoding: 'utf8', timeout: 20_000 }).stdout;
    const pid = Number(out.trim());
    expect(pid).toBeGreaterThan(0);
    const alive = () => { try { process.kill(pid, 0); return !fs.readFileSync(`/proc/${pid}/stat`, 'utf8').includes(') Z'); } catch { return false; } };
    const until = Date.now() + 3000;
    while (alive() && Date.now() < until) execSync('sleep 0.1');
    if (process.platform === 'linux') expect(alive()).toBe(false);
    if (alive()) process.kill(pid, 'SIGKILL');
  }, 30_000);
});

describe('an attack in one exercise costs only that exercise', () => {
  // One warm session for the whole corpus, as a batch job would have: an attack must not spill
  // into the next submission the session grades.
  const session = new engine.GradingSession();
  afterAll(() => {
    session.close();
    for (const file of [outside, insideProject]) fs.rmSync(file, { force: true });
  });

  test.each(cases.map((c) => [c.name, c] as const))('%s', async (_name, c) => {
    const target = catalogue.exercises.find((e) => e.id === (c.exercise ?? '01-data-iterator'))!;
    const submission = makeSubmission({ [`${target.id}/${target.file}`]: c.source, '02-range/range.ts': solution02 });
    const started = Date.now();
    const options = { submission, exercises: [target.id, '02'], memoryMb: c.memoryMb };
    const doc: ResultDocument = c.memoryMb ? await engine.grade(options) : await engine.grade(options, session);
    expect(Date.now() - started).toBeLessThan(limitMs([target.id, '02-range']));
    const first = doc.exercises.find((e) => e.id === target.id);
    const second = doc.exercises.find((e) => e.id === '02-range');
    c.check(first!);
    expect(first!.tests.length).toBeGreaterThanOrEqual(12); // every test still has a verdict
    expect(second).toMatchObject({ id: '02-range', status: 'passed', score: second!.maxScore });
    expect(fs.existsSync(outside)).toBe(false);
    expect(fs.existsSync(insideProject)).toBe(false);
    expect(processesMatching('sleep 987')).toBe('');
    expect(fs.readdirSync(submission).sort()).toEqual([target.id, '02-range'].sort()); // nothing added to the learner's folder
  });
});

describe('inputs that are not files', () => {
  test('a symlink pointing out of the submission, a folder where the file should be, a missing folder', async () => {
    const submission = tempDir();
    fs.mkdirSync(path.join(submission, '01-data-iterator'));
    fs.symlinkSync(path.join(root, 'solutions/01-data-iterator/data.ts'), path.join(submission, '01-data-iterator/data.ts'));
    fs.mkdirSync(path.join(submission, '02-range/range.ts'), { recursive: true });
    fs.mkdirSync(path.join(submission, '04-generators'));
    fs.writeFileSync(path.join(submission, '04-generators/tools.ts'), Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0, 1, 2, 3, 0xff]));
    const doc = await engine.grade({ submission, exercises: ['01', '02', '03', '04'] });
    const [e1, e2, e3, e4] = doc.exercises;
    expect(e1).toMatchObject({ status: 'error', score: 0, message: expect.stringMatching(/symbolic link pointing outside/) });
    expect(e2).toMatchObject({ status: 'error', score: 0, message: expect.stringMatching(/is a folder/) });
    expect(e3).toMatchObject({ status: 'missing', score: 0 });
    expect(e4).toMatchObject({ status: 'error', score: 0, message: expect.stringMatching(/not a text file/) });
  });
});

describe('the command line', () => {
  test('a submission path that does not exist: exit 2, one line naming it', () => {
    const run = cli('grader', ['grade', '/no/such/dir']);
    expect(run.code).toBe(2);
    expect(run.stderr.trim().split('\n')).toEqual([expect.stringContaining('/no/such/dir')]);
  });
  test('an unknown format: exit 2, one line naming it', () => {
    const run = cli('grader', ['grade', 'solutions', '--format', 'yaml']);
    expect(run.code).toBe(2);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
    expect(run.stderr).toMatch(/yaml/);
  });
  test('an unknown exercise: exit 2, one line with the nearest match', () => {
    const run = cli('grader', ['grade', 'solutions', '--exercise', 'data-iterater']);
    expect(run.code).toBe(2);
    expect(run.stderr.trim().split('\n')).toEqual([expect.stringMatching(/data-iterater.*01-data-iterator/)]);
  });
  test('learner output never mixes into --format json on stdout, and --min-score sets exit 1', () => {
    const submission = makeSubmission({ '01-data-iterator/data.ts': `${WRONG_DATA}\nconsole.log('{"score": 100}');\nprocess.stdout.write('Tests: 50 passed\\n');` });
    const run = cli('grader', ['grade', submission, '--exercise', '01', '--format', 'json', '--min-score', '90']);
    expect(run.code).toBe(1);
    const doc = JSON.parse(run.stdout) as ResultDocument;
    expect(doc.score).toBeLessThan(doc.maxScore);
  });
});

describe('a file whose types take too long to check', () => {
  // A union of 100 000 string literals, and Exclude over it, line after line: about a second of
  // the checker's time each, and nothing in the language stops a learner writing a hundred.
  const digits = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9];
  const bomb = [
    "type D = '0' | '1' | '2' | '3' | '4' | '5' | '6' | '7' | '8' | '9';",
    'type N = `${D}${D}${D}${D}`;',
    'type Flat = { [K in N]: { [J in D]: `${K}${J}` } }[N][D];',
    ...digits.map((d) => `export const a${d}: Exclude<Flat, \`\${N}${d}\`> = '0000${(d + 1) % 10}';`),
    'export class Data {}',
  ].join('\n');
  const { TypecheckWorker } = require(path.join(root, 'dist/core/engine/typecheck')) as typeof import('../src/core/engine/typecheck');
  const ambient = path.join(root, 'grader/types/ambient.d.ts');

  test('is cut off at the deadline with a diagnostic saying so, and the checks waiting behind it still get theirs', async () => {
    const dir = tempDir();
    const slow = path.join(dir, 'slow.ts');
    const typo = path.join(dir, 'typo.ts');
    fs.writeFileSync(slow, bomb);
    fs.writeFileSync(typo, "export const n = 1;\nconst s: string = n;\nvoid s;\n");
    const checker = new TypecheckWorker(3000);
    try {
      // Asked together, as two batch jobs sharing the checker would: the typo waits behind the slow file.
      const [slowResult, typoResult] = await Promise.all([checker.check({ files: [slow], ambient }), checker.check({ files: [typo], ambient })]);
      expect(slowResult[slow]).toEqual([{ file: 'slow.ts', line: 1, column: 1, message: expect.stringMatching(/^type checking was stopped after 3 s/) }]);
      expect(typoResult[typo]!.map((d) => `${d.line} ${d.message.slice(0, 7)}`)).toEqual(['2 TS2322:']);
      // The thread that was ended is replaced for good, not just for the checks that waited.
      expect((await checker.check({ files: [typo], ambient }))[typo]).toHaveLength(1);
    } finally {
      checker.close();
    }
  }, 60_000);
});
