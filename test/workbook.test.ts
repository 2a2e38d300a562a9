/**
 * The learner's CLI, `workbook`, run as a learner runs it: `node bin/workbook.js …` (built by
 * `npm test`'s pretest) on a temporary learner folder (WORKBOOK_ROOT) holding a copy of the
 * project's exercises/. Catalogue, hidden suites, solutions and lessons are the project's own.
 */
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { stubHash, type Catalogue, type Exercise } from '../src/core/catalogue';
import { schemaProblem } from '../src/core/schemas';
import type { WorkbookState } from '../src/core/progress/state';
import { fitToWidth, renderMarkdown, visibleLength } from '../src/cli/workbook/terminal-markdown';
import { paint } from '../src/core/style';

const project = path.resolve(__dirname, '..');
const bin = path.join(project, 'bin', 'workbook.js');
const catalogue = JSON.parse(fs.readFileSync(path.join(project, 'catalogue.json'), 'utf8')) as Catalogue;
const ANSI = /\u001b\[[0-9;]*m/;

const temps: string[] = [];
function temp(prefix: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  temps.push(dir);
  return dir;
}
afterAll(() => {
  for (const dir of temps) fs.rmSync(dir, { recursive: true, force: true });
});

beforeAll(() => {
  if (!fs.existsSync(path.join(project, 'dist', 'cli', 'workbook', 'main.js'))) {
    throw new Error('dist/cli/workbook/main.js is missing: build first (npm run build; npm test does it for you)');
  }
});

/** Present in this copy of the project: a stub to start from and a hidden suite to grade it. */
function present(e: Exercise): boolean {
  return fs.existsSync(path.join(project, 'exercises', e.id, e.file)) && fs.existsSync(path.join(project, 'grader', 'suites', `${e.id}.test.ts`));
}
const available = catalogue.exercises.filter(present);
const withSolution = available.filter((e) => fs.existsSync(path.join(project, 'solutions', e.id, e.file)));
const [first, second] = withSolution;

/** A learner's folder: a copy of the project's exercises/ and nothing else. */
function learnerFolder(): string {
  const root = temp('workbook-learner-');
  fs.cpSync(path.join(project, 'exercises'), path.join(root, 'exercises'), { recursive: true });
  return root;
}

const fileOf = (root: string, e: Exercise) => path.join(root, 'exercises', e.id, e.file);
const solutionOf = (e: Exercise) => fs.readFileSync(path.join(project, 'solutions', e.id, e.file), 'utf8');
const stubOf = (e: Exercise) => fs.readFileSync(path.join(project, 'exercises', e.id, e.file), 'utf8');

/** A wrong version of `e` from test/variants (its first line says which tests it loses). */
function wrongVersion(e: Exercise): string | undefined {
  const dir = path.join(project, 'test', 'variants', e.id);
  if (!fs.existsSync(dir)) return undefined;
  for (const name of fs.readdirSync(dir).sort()) {
    const file = path.join(dir, name, e.file);
    if (fs.existsSync(file) && fs.readFileSync(file, 'utf8').startsWith('// expect: loses')) return fs.readFileSync(file, 'utf8');
  }
  return undefined;
}

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

function workbook(root: string, args: string[], options: { env?: NodeJS.ProcessEnv; binary?: string } = {}): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [options.binary ?? bin, ...args], {
      cwd: root,
      env: { ...process.env, WORKBOOK_ROOT: root, ...options.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

function readState(root: string): WorkbookState {
  return JSON.parse(fs.readFileSync(path.join(root, '.workbook', 'state.json'), 'utf8')) as WorkbookState;
}

/** The board's row of an exercise. */
function row(board: string, id: string): string {
  const line = board.split('\n').find((l) => new RegExp(`^. . ${id}\\b`).test(l));
  if (!line) throw new Error(`the board has no row for ${id}:\n${board}`);
  return line;
}

function nonBlankLines(text: string): string[] {
  return text.split('\n').filter((l) => l.trim() !== '');
}

describe('the board (`workbook`, what npm start runs)', () => {
  const root = learnerFolder();
  let firstBoard: Run;

  test('a fresh copy lists every exercise in catalogue order, each not started, with what to do first', async () => {
    firstBoard = await workbook(root, []);
    const board = firstBoard.stdout;
    expect(firstBoard.code).toBe(0);
    expect(board).not.toMatch(ANSI); // piped: no colours
    expect(board).toContain(`0 of ${catalogue.exercises.length} exercises passed`);
    expect(board).toMatch(/░+\s+0%/);
    let previous = -1;
    for (const e of catalogue.exercises) {
      const line = row(board, e.id);
      const at = board.indexOf(line);
      expect(at).toBeGreaterThan(previous);
      previous = at;
      if (present(e) && stubHash(stubOf(e)) !== e.stubSha256) {
        throw new Error(`${e.id}: the stub's hash is not the catalogue's stubSha256 (run npm run stamp), so an untouched stub cannot grade "not started"`);
      }
      if (present(e)) expect(line).toMatch(new RegExp(`· ${e.id}\\s+not started\\s`));
      else expect(line).toContain('not available yet');
    }
    const next = available[0]!;
    const nextSection = board.slice(board.indexOf('Next:'));
    expect(nextSection).toContain(`Next: ${next.id}`);
    expect(nextSection).toContain('is still the stub');
    expect(nextSection).toContain(next.lesson);
    expect(nextSection).toContain(`npx workbook hint ${next.id.slice(0, 2)}`);
    expect(nextSection).toContain(`npx workbook lesson ${next.id.slice(0, 2)}`);
  });

  test('the state file matches its schema and keys every graded exercise by a hash', () => {
    const state = readState(root);
    expect(schemaProblem('workbook-state', state)).toBeUndefined();
    expect(Object.keys(state.exercises).sort()).toEqual(available.map((e) => e.id).sort());
    for (const e of available) {
      const graded = state.exercises[e.id]!.graded!;
      expect(graded.key).toMatch(/^[0-9a-f]{64}$/);
      expect(graded.result.status).toBe('not-started');
    }
  });

  test('a second board comes from the cache: nothing is graded again, the same board is shown', async () => {
    const before = readState(root);
    const again = await workbook(root, []);
    expect(again.code).toBe(0);
    expect(again.stdout).toBe(firstBoard.stdout);
    const after = readState(root);
    for (const e of available) expect(after.exercises[e.id]!.graded!.at).toBe(before.exercises[e.id]!.graded!.at);
  });

  test('a broken state file is replaced with one line on stderr; a deleted one loses nothing but hint counters', async () => {
    const file = path.join(root, '.workbook', 'state.json');
    fs.writeFileSync(file, '{ "schemaVersion": 1, "exercises": ');
    const broken = await workbook(root, []);
    expect(broken.code).toBe(0);
    expect(broken.stdout).toBe(firstBoard.stdout);
    expect(nonBlankLines(broken.stderr)).toHaveLength(1);
    expect(broken.stderr).toMatch(/state\.json is not valid JSON; starting a fresh one/);
    expect(schemaProblem('workbook-state', readState(root))).toBeUndefined();

    fs.rmSync(file);
    const deleted = await workbook(root, []);
    expect(deleted.code).toBe(0);
    expect(deleted.stdout).toBe(firstBoard.stdout);
    expect(deleted.stderr).toBe('');
  });
});

describe('progress is read from grading', () => {
  test('a passing file, a partly wrong one, and a cached verdict that went stale', async () => {
    const wrong = second && wrongVersion(second);
    if (!first || !second || !wrong) throw new Error('needs two exercises with solutions, the second with a wrong variant in test/variants');
    const root = learnerFolder();
    fs.writeFileSync(fileOf(root, first), solutionOf(first));
    fs.writeFileSync(fileOf(root, second), wrong);
    const run = await workbook(root, []);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(`1 of ${catalogue.exercises.length} exercises passed`);
    expect(row(run.stdout, first.id)).toMatch(new RegExp(`✔ ${first.id}\\s+passed`));
    const failing = /failing (\d+) of (\d+)/.exec(row(run.stdout, second.id));
    expect(failing).not.toBeNull();
    const [n, m] = [Number(failing![1]), Number(failing![2])];
    expect(n).toBeGreaterThan(0);
    expect(n).toBeLessThanOrEqual(m);
    const next = run.stdout.slice(run.stdout.indexOf('Next:'));
    expect(next).toContain(`Next: ${second.id}`);
    expect(next).toMatch(/First failing test: .+\n\s+\S.*(expected|threw|got)/);

    // The learner undoes the first exercise: its cached "passed" no longer matches the file.
    fs.writeFileSync(fileOf(root, first), stubOf(first));
    const after = await workbook(root, []);
    expect(row(after.stdout, first.id)).toMatch(/not started/);
    expect(after.stdout).toContain(`0 of ${catalogue.exercises.length} exercises passed`);
    expect(after.stdout).toContain(`Next: ${first.id}`);
  });
});

describe('workbook run ID', () => {
  test('the stub: not started, exit 1, the lesson named', async () => {
    const e = available[0]!;
    const root = learnerFolder();
    const run = await workbook(root, ['run', e.id.slice(0, 2)]);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('not-started');
    expect(run.stdout).toContain(`npx workbook lesson ${e.id.slice(0, 2)}`);
  });

  test('a wrong version: every failing test with its message, no "more failing" cut, exit 1', async () => {
    const e = withSolution.find((x) => wrongVersion(x))!;
    const root = learnerFolder();
    fs.writeFileSync(fileOf(root, e), wrongVersion(e)!);
    const run = await workbook(root, ['run', e.id]);
    expect(run.code).toBe(1);
    const summary = /Failing (\d+) of (\d+) tests\./.exec(run.stdout);
    expect(summary).not.toBeNull();
    const failedLines = run.stdout.split('\n').filter((l) => /^ {4}[✘⏱!] /.test(l));
    expect(failedLines).toHaveLength(Number(summary![1]));
    expect(run.stdout).not.toContain('more failing');
    // each failing test is followed by its message, indented under it
    for (const line of failedLines) {
      const lines = run.stdout.split('\n');
      expect(lines[lines.indexOf(line) + 1]).toMatch(/^ {8}\S/);
    }
  });

  test('the reference solution: passed, exit 0', async () => {
    const root = learnerFolder();
    fs.writeFileSync(fileOf(root, first!), solutionOf(first!));
    const run = await workbook(root, ['run', first!.id.slice(3)]);
    expect(run.stdout).toMatch(new RegExp(`✔ ${first!.id}.*passed`));
    expect(run.stdout).toMatch(/Passed: all \d+ tests\./);
    expect(run.code).toBe(0);
  });
});

describe('workbook hint ID', () => {
  test('one more hint each time, then "no more hints"; --all shows those seen; the counter is in state.json', async () => {
    const e = catalogue.exercises[0]!;
    const root = learnerFolder();
    for (let i = 0; i < e.hints.length; i++) {
      const run = await workbook(root, ['hint', e.id]);
      expect(run.code).toBe(0);
      expect(run.stdout).toContain(`Hint ${i + 1} of ${e.hints.length} for ${e.id}: ${e.hints[i]}`);
      expect(readState(root).exercises[e.id]!.hintsShown).toBe(i + 1);
    }
    const end = await workbook(root, ['hint', e.id]);
    expect(end.code).toBe(0);
    expect(end.stdout).toMatch(/no more hints/i);
    expect(end.stdout).not.toContain(e.hints[e.hints.length - 1]!);
    const all = await workbook(root, ['hint', e.id, '--all']);
    expect(nonBlankLines(all.stdout)).toEqual(e.hints.map((h, i) => `Hint ${i + 1} of ${e.hints.length}: ${h}`));
  });

  test('the id may be the full id, the number or the name', async () => {
    const e = catalogue.exercises[0]!;
    const root = learnerFolder();
    for (const [i, id] of [e.id, String(Number(e.id.slice(0, 2))), e.id.slice(0, 2), e.id.slice(3)].entries()) {
      const run = await workbook(root, ['hint', id]);
      expect(run.stdout).toContain(i < e.hints.length ? `of ${e.hints.length} for ${e.id}:` : 'No more hints');
    }
  });
});

describe('workbook reset ID', () => {
  const e = available[0]!;
  const mine = '// my own attempt\nexport class Data {}\n';

  test('without a terminal and without --yes it refuses in one line and changes nothing', async () => {
    const root = learnerFolder();
    fs.writeFileSync(fileOf(root, e), mine);
    const run = await workbook(root, ['reset', e.id]);
    expect(run.code).toBe(2);
    expect(nonBlankLines(run.stderr)).toHaveLength(1);
    expect(run.stderr).toContain('--yes');
    expect(fs.readFileSync(fileOf(root, e), 'utf8')).toBe(mine);
    expect(fs.existsSync(path.join(root, '.workbook', 'backups'))).toBe(false);
  });

  test('with --yes the learner version is kept (path printed) and the stub is back, from git', async () => {
    const root = learnerFolder();
    fs.writeFileSync(fileOf(root, e), mine);
    const run = await workbook(root, ['reset', e.id, '--yes']);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const kept = /Your version is kept in (\S+)/.exec(run.stdout);
    expect(kept).not.toBeNull();
    expect(kept![1]).toMatch(new RegExp(`^\\.workbook/backups/${e.id}/.+-${e.file.replace('.', '\\.')}$`));
    expect(fs.readFileSync(path.join(root, kept![1]!), 'utf8')).toBe(mine);
    expect(stubHash(fs.readFileSync(fileOf(root, e), 'utf8'))).toBe(e.stubSha256);
    const again = await workbook(root, ['reset', e.id, '--yes']);
    expect(again.code).toBe(0);
    expect(again.stdout).toContain('already the untouched stub');
    expect(fs.readdirSync(path.join(root, '.workbook', 'backups', e.id))).toHaveLength(1);
  });

  test('when no commit holds the stub it says so in one line, exit 2, and keeps the file', async () => {
    const root = learnerFolder();
    fs.writeFileSync(fileOf(root, e), mine);
    const run = await workbook(root, ['reset', e.id, '--yes'], { env: { GIT_DIR: path.join(root, 'no-such-repository') } });
    expect(run.code).toBe(2);
    expect(nonBlankLines(run.stderr)).toHaveLength(1);
    expect(run.stderr).toMatch(/cannot find the original stub/);
    expect(fs.readFileSync(fileOf(root, e), 'utf8')).toBe(mine);
  });
});

describe('workbook solution ID', () => {
  test('refused before the exercise passes, shown once it does, and with --force at any time', async () => {
    const e = first!;
    const solution = solutionOf(e);
    const root = learnerFolder();
    const refused = await workbook(root, ['solution', e.id]);
    expect(refused.code).toBe(1);
    expect(refused.stdout).toContain('--force');
    expect(refused.stdout).not.toContain(solution.split('\n').find((l) => l.trim().length > 20)!);

    const forced = await workbook(root, ['solution', e.id, '--force']);
    expect(forced.code).toBe(0);
    expect(forced.stdout).toBe(solution);

    fs.writeFileSync(fileOf(root, e), solution);
    const shown = await workbook(root, ['solution', e.id]);
    expect(shown.code).toBe(0);
    expect(shown.stdout).toBe(solution);
  });
});

/**
 * A copy of the built project without what the test takes away (solutions/) and with what it
 * adds (a lesson). Only for verbs that grade nothing: grading needs the real node_modules.
 */
function projectCopy(lessons: Record<string, string> = {}): string {
  const copy = temp('workbook-project-');
  for (const name of ['bin', 'dist', 'schemas', 'grader', 'catalogue.json']) fs.cpSync(path.join(project, name), path.join(copy, name), { recursive: true });
  fs.symlinkSync(path.join(project, 'node_modules'), path.join(copy, 'node_modules'), 'dir');
  fs.mkdirSync(path.join(copy, 'lessons'));
  for (const [name, text] of Object.entries(lessons)) fs.writeFileSync(path.join(copy, 'lessons', name), text);
  return copy;
}

test('a learners\' release without solutions/ says so in one line', async () => {
  const copy = projectCopy();
  const run = await workbook(learnerFolder(), ['solution', catalogue.exercises[0]!.id, '--force'], { binary: path.join(copy, 'bin', 'workbook.js') });
  expect(run.code).toBe(2);
  expect(nonBlankLines(run.stderr)).toHaveLength(1);
  expect(run.stderr).toContain('no solutions/ folder');
});

describe('unknown ids and verbs', () => {
  test('an unknown exercise: one line with the nearest match, exit 2', async () => {
    const e = catalogue.exercises[0]!;
    const misspelt = `${e.id.slice(3, -1)}x`;
    const run = await workbook(learnerFolder(), ['run', misspelt]);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(nonBlankLines(run.stderr)).toEqual([`workbook: unknown exercise "${misspelt}"; did you mean ${e.id}?`]);
  });

  test('an unknown verb: one line with the nearest verb, exit 2; an exercise id as a verb suggests run', async () => {
    const root = learnerFolder();
    const wach = await workbook(root, ['wach']);
    expect(wach.code).toBe(2);
    expect(nonBlankLines(wach.stderr)).toHaveLength(1);
    expect(wach.stderr).toContain('did you mean watch?');
    const id = await workbook(root, ['01']);
    expect(id.code).toBe(2);
    expect(id.stderr.trim()).toBe('workbook: unknown command "01"; did you mean workbook run 01?');
    const option = await workbook(root, ['solution', '01', '--frce']);
    expect(option.code).toBe(2);
    expect(nonBlankLines(option.stderr)).toEqual(["workbook: unknown option '--frce'; did you mean --force?"]);
  });
});

const LESSON = `---
id: 01-data-iterator
title: The Data iterator
exercise: 01-data-iterator
concepts: [iterator protocol]
---
# The Data iterator

A class that is its own iterator keeps a **position** and returns \`this\` from \`[Symbol.iterator]()\`, the way Python's \`__iter__\` returns \`self\`; this sentence is long enough to need wrapping at sixty columns.

- first point
- second point

\`\`\`ts
const values = [1, 2];
console.log(values.length);
\`\`\`

\`\`\`output
2
\`\`\`

::: pitfall
An exhausted iterator stays exhausted.
:::

See [the protocols](00-protocols.md) and [MDN](https://developer.mozilla.org/).
`;

describe('workbook lesson ID', () => {
  const plain = { p: paint(false), colour: false, width: 60 };

  test('the front matter is dropped; headings, lists, code blocks and admonitions read as text', () => {
    const lines = renderMarkdown(LESSON, plain);
    const text = lines.join('\n');
    expect(text).not.toContain('---');
    expect(text).not.toContain('concepts:');
    expect(lines.slice(0, 2)).toEqual(['The Data iterator', '═'.repeat('The Data iterator'.length)]);
    expect(lines).toContain('  • first point');
    expect(lines).toContain('  • second point');
    expect(lines).toContain('  TypeScript:');
    expect(lines).toContain('    const values = [1, 2];');
    expect(lines).toContain('  Output:');
    expect(lines).toContain('    2');
    expect(lines).toContain('⚠ Pitfall');
    expect(lines).toContain('┃ An exhausted iterator stays exhausted.');
    expect(text).toContain('`[Symbol.iterator]()`');
    const flat = lines.join(' ');
    expect(flat).toContain('the protocols (npx workbook lesson 00)');
    expect(flat).toContain('MDN (https://developer.mozilla.org/)');
    expect(text).not.toMatch(ANSI);
  });

  test('paragraphs wrap at the width; colours add escape codes and change no word', () => {
    const lines = renderMarkdown(LESSON, plain);
    const paragraph = lines.filter((l) => !l.startsWith('    '));
    for (const line of paragraph) expect(visibleLength(line)).toBeLessThanOrEqual(60);
    expect(lines.filter((l) => l.includes('position')).length).toBe(1);
    const coloured = renderMarkdown(LESSON, { p: paint(true), colour: true, width: 60 });
    expect(coloured.join('\n')).toMatch(ANSI);
    const stripped = coloured.map((l) => l.replace(/\u001b\[[0-9;]*m/g, ''));
    expect(stripped.join(' ').replace(/`/g, '').split(/\s+/)).toEqual(lines.join(' ').replace(/`/g, '').split(/\s+/));
  });

  test('long lines of a report wrap under their own indentation', () => {
    const wrapped = fitToWidth(['        expected [1, 2, 3], got [1, 2, 3, undefined]: the loop runs one step too far'], 40);
    expect(wrapped.length).toBeGreaterThan(1);
    for (const line of wrapped) {
      expect(line.startsWith('        ')).toBe(true);
      expect(line.length).toBeLessThanOrEqual(40);
    }
  });

  test('in the CLI: the lesson file rendered, with the exercise to open; a lesson not written yet is one line', async () => {
    const [withLesson, without] = catalogue.exercises;
    const copy = projectCopy({ [path.basename(withLesson!.lesson)]: LESSON });
    const binary = path.join(copy, 'bin', 'workbook.js');
    const root = learnerFolder();
    const run = await workbook(root, ['lesson', withLesson!.id.slice(0, 2)], { binary });
    expect(run.code).toBe(0);
    expect(run.stdout).not.toMatch(ANSI);
    expect(run.stdout.startsWith('The Data iterator\n═')).toBe(true);
    expect(run.stdout).toContain('    console.log(values.length);');
    expect(run.stdout).toContain(`Your exercise: exercises/${withLesson!.id}/${withLesson!.file}`);
    const missing = await workbook(root, ['lesson', without!.id], { binary });
    expect(missing.code).toBe(2);
    expect(nonBlankLines(missing.stderr)).toEqual([`workbook: the lesson ${without!.lesson} is not written yet; the exercise is already there: exercises/${without!.id}/${without!.file}`]);
  });
});

describe('workbook watch', () => {
  test('grades the saved exercise, then answers n (next), h (hint), l (list) and q (quit)', async () => {
    const e = first!;
    const root = learnerFolder();
    const child = spawn(process.execPath, [bin, 'watch'], { cwd: root, env: { ...process.env, WORKBOOK_ROOT: root, NO_COLOR: '1' }, stdio: ['pipe', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (chunk) => (out += chunk));
    child.stderr.on('data', (chunk) => (err += chunk));
    const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
    const waitFor = async (test: (since: string) => boolean, from: number, what: string, ms = 90_000) => {
      const end = Date.now() + ms;
      while (!test(out.slice(from))) {
        if (Date.now() > end) throw new Error(`watch never showed ${what}; it printed:\n${out.slice(-3000)}\n${err}`);
        await new Promise((r) => setTimeout(r, 50));
      }
    };
    try {
      await waitFor((s) => s.includes('Watching for saves.'), 0, 'its first screen');
      expect(out).toMatch(new RegExp(`^· ${available[0]!.id}\\b.*not-started$`, 'm'));

      let from = out.length;
      fs.writeFileSync(fileOf(root, e), solutionOf(e));
      await waitFor((s) => new RegExp(`^✔ ${e.id}\\b.*passed$`, 'm').test(s) && s.includes(`Graded ${e.id} in`), from, `the verdict for ${e.id}`);
      expect(out.slice(from)).toContain('Passed!');

      const next = available.find((x) => x.id !== e.id)!;
      from = out.length;
      child.stdin.write('n');
      await waitFor((s) => new RegExp(`^· ${next.id}\\b`, 'm').test(s), from, `${next.id} after n`);

      from = out.length;
      child.stdin.write('h');
      await waitFor((s) => s.includes(`Hint 1 of ${next.hints.length}: ${next.hints[0]}`), from, 'a hint after h');
      expect(readState(root).exercises[next.id]!.hintsShown).toBe(1);

      from = out.length;
      child.stdin.write('l');
      await waitFor((s) => catalogue.exercises.every((x) => s.includes(x.id)), from, 'the list after l');
      expect(out.slice(from)).toMatch(new RegExp(`✔ ${e.id}\\s+passed`));

      child.stdin.write('q');
      expect(await exited).toBe(0);
      expect(out).toContain(`1 of ${catalogue.exercises.length} exercises passed`);
    } finally {
      child.kill('SIGKILL');
    }
  });
});

describe('workbook site', () => {
  test('writes the lessons and the learner\'s progress as a static site', async () => {
    const root = learnerFolder();
    const out = path.join(root, 'my-site');
    const run = await workbook(root, ['site', '--out', out]);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('my-site/index.html');
    const index = fs.readFileSync(path.join(out, 'index.html'), 'utf8');
    expect(index).toContain(`data-exercise="${available[0]!.id}" data-status="not-started"`);
  });
});
