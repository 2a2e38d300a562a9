/**
 * The lesson checker (src/core/lessons/check.ts): it passes on the real lessons, and it fails,
 * naming file and line, on deliberately broken copies (test/fixtures/lessons/<fault>/).
 *
 * A broken copy says what the checker must report with a marker on the line before the
 * offending one: `<!-- expect: <part of the message> -->` in Markdown, `# expect: …` inside the
 * front matter, or `expect (line N): …` for a problem reported at line N. Every marker must be
 * matched by a problem on that line, and no other problem may be reported.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { checkLessons, formatProblem, outputDifference, type CheckReport, type Problem } from '../src/core/lessons/check';
import { lessonFiles, loadLessons, readLessonFile } from '../src/core/lessons/load';
import { blockInfo } from '../src/core/lessons/markdown';
import { paths, projectRoot } from '../src/core/paths';

const fixtures = path.join(__dirname, 'fixtures', 'lessons');
const shown = (file: string): string => path.relative(projectRoot, file).split(path.sep).join('/');

interface Expected {
  line: number;
  text: string;
}

function expectedProblems(file: string): Expected[] {
  const found: Expected[] = [];
  fs.readFileSync(file, 'utf8').split('\n').forEach((line, index) => {
    const match = /^(?:<!--|#)\s*expect(?: \(line (\d+)\))?: (.*?)\s*(?:-->)?\s*$/.exec(line);
    if (match) found.push({ line: match[1] ? Number(match[1]) : index + 2, text: match[2]! });
  });
  return found;
}

/** Every problem of `file` matches a marker, and every marker a problem. */
function expectExactly(problems: Problem[], file: string): void {
  const mine = problems.filter((p) => p.file === shown(file)).map(formatProblem);
  const wanted = expectedProblems(file);
  expect(wanted.length).toBeGreaterThan(0);
  const unmatched = [...mine];
  const missing: string[] = [];
  for (const want of wanted) {
    const prefix = `${shown(file)}:${want.line}: `;
    const index = unmatched.findIndex((line) => line.startsWith(prefix) && line.includes(want.text));
    if (index < 0) missing.push(`${prefix}…${want.text}…`);
    else unmatched.splice(index, 1);
  }
  // Shown together, so a failure says both what was expected and what came.
  expect({ missing, unexpected: unmatched }).toEqual({ missing: [], unexpected: [] });
}

function fixtureDirs(exclude: string[]): string[] {
  return fs
    .readdirSync(fixtures)
    .filter((name) => !exclude.includes(name) && fs.statSync(path.join(fixtures, name)).isDirectory())
    .sort();
}

describe('outputDifference (an output block against what a program printed)', () => {
  test('one trailing newline is ignored, and only one', () => {
    expect(outputDifference('a\nb\n', 'a\nb', 10)).toBeUndefined();
    expect(outputDifference('a\nb\n', 'a\nb\n', 10)).toBeUndefined();
    expect(outputDifference('a\n', 'a\n\n', 10)).toMatch(/prints more than the output block \(line 10\) shows: after its last line it printed ""/);
  });

  test('a different line is named with its line in the lesson, expected and got', () => {
    expect(outputDifference('one\ntwo\nthree\n', 'one\n2\nthree\n', 40)).toBe('prints something else than the output block shows at line 42: expected "two", got "2"');
    expect(outputDifference('one\n', 'one \n', 40)).toBe('prints something else than the output block shows at line 41: expected "one", got "one "');
  });

  test('missing and extra lines are told apart', () => {
    expect(outputDifference('a\nb\nc\n', 'a\n', 5)).toBe('prints 1 line, but the output block (line 5) shows 3: nothing was printed for line 7, expected "b"');
    expect(outputDifference('a\n', 'a\nb\nc\n', 5)).toBe('prints more than the output block (line 5) shows: after its last line it printed "b" and 1 more line');
    expect(outputDifference('', 'x', 5)).toMatch(/after its last line it printed "x"/);
  });
});

describe('the checker on a correct lesson folder (test/fixtures/lessons/good)', () => {
  let report: CheckReport;
  beforeAll(async () => {
    report = await checkLessons({ lessonsDir: path.join(fixtures, 'good'), coverage: false });
  }, 300_000);

  test('finds no problem', () => {
    expect(report.problems.map(formatProblem)).toEqual([]);
  });

  test('checks every block it should: 5 type-checked, 7 run (compile-error and fragment blocks never run)', () => {
    // 00-protocols: ts, ts throws, ts compile-error, ts (async), ts fragment, python, python raises;
    // 01-data-iterator: ts, python.
    expect({ lessons: report.lessons, blocks: report.blocks, typeChecked: report.typeChecked, ran: report.ran }).toEqual({ lessons: 2, blocks: 9, typeChecked: 5, ran: 7 });
  });
});

describe('the checker on deliberately broken copies (test/fixtures/lessons/<fault>/)', () => {
  const dirs = fixtureDirs(['good', 'timeout', 'coverage']);
  const files = dirs.flatMap((dir) => lessonFiles(path.join(fixtures, dir)));
  let report: CheckReport;
  beforeAll(async () => {
    // One run for all copies: one type-checking program, blocks run two at a time.
    report = await checkLessons({ files, coverage: false });
  }, 600_000);

  test('there is a copy for each fault the brief names', () => {
    expect(dirs).toEqual(expect.arrayContaining(['wrong-output', 'type-error', 'python-wrong-output', 'compile-error-compiles', 'front-matter-invalid', 'front-matter-missing']));
  });

  test.each(dirs)('%s: reports exactly the marked problems, with file and line', (dir) => {
    for (const file of lessonFiles(path.join(fixtures, dir))) expectExactly(report.problems, file);
  });

  test('the wrong output names the line of the output block that differs', () => {
    const line = report.problems.find((p) => p.file.includes('/wrong-output/'))!;
    expect(formatProblem(line)).toBe(
      `test/fixtures/lessons/wrong-output/00-protocols.md:17: TypeScript block prints something else than the output block shows at line 27: expected "{ value: 'b', done: true }", got "{ value: 'b', done: false }"`,
    );
  });

  test('a type error names the lesson line and the TypeScript error', () => {
    const problem = report.problems.find((p) => p.file.includes('/type-error/'))!;
    expect(problem.line).toBe(16);
    expect(problem.message).toMatch(/line 26: TS2322 Type '\{ done: true; \}' is not assignable to type 'IteratorResult<string, undefined>'. Property 'value' is missing/);
  });
});

describe('the checker stops blocks that never end', () => {
  test('each endless block is reported once its time is up', async () => {
    const file = path.join(fixtures, 'timeout', '00-endless.md');
    const started = Date.now();
    const report = await checkLessons({ files: [file], coverage: false, timeoutMs: 1500 });
    expectExactly(report.problems, file);
    expect(Date.now() - started).toBeLessThan(60_000);
  }, 120_000);
});

describe('a block that fails only beside others', () => {
  test('is run again alone, and passing then makes it a warning (flaky), not a problem', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lesson-flaky-'));
    try {
      const marker = path.join(dir, 'ran-once');
      const lesson = path.join(dir, '00-flaky.md');
      fs.writeFileSync(lesson, [
        '---', 'id: 00-flaky', 'title: Flaky', 'exercise: null', 'concepts: [timing]', '---', '',
        '## Once wrong, then right', '',
        '```ts',
        "import * as fs from 'node:fs';",
        `const marker = ${JSON.stringify(marker)};`,
        "console.log(fs.existsSync(marker) ? 'second run' : 'first run');",
        "fs.writeFileSync(marker, '');",
        '```', '',
        '```output', 'second run', '```', '',
      ].join('\n'));
      const report = await checkLessons({ files: [lesson], coverage: false });
      expect(report.problems.map(formatProblem)).toEqual([]);
      expect(report.flaky.map((p) => `${p.line}: ${p.message}`)).toEqual([
        '10: TypeScript block prints something else than the output block shows at line 18: expected "second run", got "first run" (passed when run again alone: does its output depend on timing?)',
      ]);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);
});

describe('every catalogue exercise needs its lesson', () => {
  test('a lesson naming the wrong exercise and a missing lesson are reported at the catalogue entry', async () => {
    const dir = path.join(fixtures, 'coverage');
    const catalogueFile = path.join(dir, 'catalogue.json');
    const report = await checkLessons({ lessonsDir: path.join(dir, 'lessons'), catalogueFile, coverage: true });
    const lines = fs.readFileSync(catalogueFile, 'utf8').split('\n');
    const lineOf = (id: string): number => lines.findIndex((line) => line.includes(`"id": "${id}"`)) + 1;
    expect(report.problems.map(formatProblem)).toEqual([
      `test/fixtures/lessons/coverage/catalogue.json:${lineOf('02-range')}: exercise 02-range's lesson lessons/02-range.md names exercise 01-data-iterator in its front matter; it must say exercise: 02-range`,
      `test/fixtures/lessons/coverage/catalogue.json:${lineOf('03-python-bridge')}: exercise 03-python-bridge has no lesson: lessons/03-python-bridge.md does not exist`,
    ]);
  });
});

describe('npm run check:lessons (the command)', () => {
  test('prints one file:line: line per problem and exits 1', () => {
    const broken = path.join(fixtures, 'wrong-output', '00-protocols.md');
    const run = spawnSync(process.execPath, [require.resolve('ts-node/dist/bin.js'), '--transpile-only', '-P', path.join(projectRoot, 'tsconfig.json'), path.join(projectRoot, 'src/core/lessons/check.ts'), broken], {
      cwd: projectRoot,
      encoding: 'utf8',
      timeout: 240_000,
    });
    expect({ status: run.status, stdout: run.stdout.trim().split('\n').map((l) => l.replace(/:\d+: .*/, ':…')) }).toEqual({
      status: 1,
      stdout: ['test/fixtures/lessons/wrong-output/00-protocols.md:…'],
    });
    expect(run.stderr).toMatch(/1 problem in 1 lesson, 7 code blocks/);
  }, 300_000);
});

describe('the lessons in lessons/', () => {
  test('there are lessons: 00 (no exercise) and one per catalogue exercise', () => {
    const lessons = loadLessons();
    expect(lessons.filter((l) => l.meta.exercise === null).map((l) => l.meta.id)).toEqual([expect.stringMatching(/^00-/)]);
    expect(lessons.length).toBeGreaterThanOrEqual(11);
  });

  test('every lesson verifies itself, and every exercise has its lesson', async () => {
    const report = await checkLessons();
    expect(report.problems.map(formatProblem)).toEqual([]);
    expect(report.ran).toBeGreaterThan(0);
  }, 900_000);

  test('the checker would notice a real lesson printing something else than it shows', async () => {
    // Copies the first real lesson that shows the output of a ts block (and of a python block),
    // changes the first line of those output blocks, and expects a problem at each block's fence.
    const lesson = lessonFiles(paths.lessons)
      .map(readLessonFile)
      .find((l) => l.tokens.some((t, i) => t.type === 'fence' && blockInfo(t.info).language === 'ts' && blockInfo(t.info).words.length === 0 && l.tokens[i + 1]?.type === 'fence' && blockInfo(l.tokens[i + 1]!.info).language === 'output'));
    if (!lesson) throw new Error('no lesson in lessons/ shows the output of a plain ```ts block yet');
    const lines = lesson.source.split('\n');
    const expectedAt: number[] = [];
    for (const language of ['ts', 'python'] as const) {
      const index = lesson.tokens.findIndex((t, i) => t.type === 'fence' && blockInfo(t.info).language === language && blockInfo(t.info).words.length === 0 && lesson.tokens[i + 1]?.type === 'fence' && blockInfo(lesson.tokens[i + 1]!.info).language === 'output');
      if (index < 0) continue;
      const output = lesson.tokens[index + 1]!;
      const firstOutputLine = output.map![0] + 1; // 0-based index of the output block's first content line
      lines[firstOutputLine] = `${lines[firstOutputLine]} (changed)`;
      expectedAt.push(lesson.tokens[index]!.map![0] + 1);
    }
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lesson-copy-'));
    try {
      const copy = path.join(dir, path.basename(lesson.file));
      fs.writeFileSync(copy, lines.join('\n'));
      const report = await checkLessons({ files: [copy], coverage: false });
      const outputProblems = report.problems.filter((p) => / prints something else than the output block shows at line \d+: expected ".* \(changed\)", got /.test(p.message));
      expect(outputProblems.map((p) => p.line)).toEqual(expectedAt.sort((a, b) => a - b));
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }, 600_000);
});
