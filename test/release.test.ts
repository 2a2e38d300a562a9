/**
 * Course releases: public tests cut from the hidden suites (catalogue.json's publicTests),
 * `grader release` (the learners' repository) and `grader pack gradescope` (the autograder zip),
 * down to grading in a copy of each.
 *
 * A copy that grades gets a node_modules of hard links to the project's, not a symlink: the
 * grader's test child runs under Node's permission model, which allows reads inside the copy
 * only, and a symlinked node_modules resolves (realpath) to this project, outside it.
 *
 * RELEASE_FULL_INSTALL=1 adds two slow tests that need npm's registry or its cache: `npm ci`
 * then `npm start` in a fresh copy of the release, and the zip's setup.sh (which runs npm ci).
 */
import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import ts from 'typescript';
import { catalogue, cli, root, schemas, tempDir, variants } from './helpers';
import type { ResultDocument } from '../src/core/result';

const publicSuiteModule = require(path.join(root, 'dist/core/release/public-suite')) as typeof import('../src/core/release/public-suite');
const filesModule = require(path.join(root, 'dist/core/release/files')) as typeof import('../src/core/release/files');
const { stubHash } = require(path.join(root, 'dist/core/catalogue')) as typeof import('../src/core/catalogue');
const { UsageError } = require(path.join(root, 'dist/core/errors')) as typeof import('../src/core/errors');
const { publicSuite, suiteTests } = publicSuiteModule;

const SLOW = 600_000;
const hiddenSuite = (id: string) => path.join(root, 'grader', 'suites', `${id}.test.ts`);
const publicNames = (id: string) => catalogue.exercises.find((e) => e.id === id)!.publicTests ?? [];
const totalPublic = catalogue.exercises.reduce((sum, e) => sum + (e.publicTests?.length ?? 0), 0);

/** Every file under `dir` (forward-slash paths), without what a build or a run adds. */
function filesUnder(dir: string, skip = new Set(['node_modules', 'dist', '.workbook'])): Map<string, string> {
  const found = new Map<string, string>();
  const walk = (rel: string) => {
    for (const entry of fs.readdirSync(path.join(dir, rel), { withFileTypes: true })) {
      const childRel = rel ? `${rel}/${entry.name}` : entry.name;
      if (skip.has(childRel)) continue;
      if (entry.isDirectory()) walk(childRel);
      else found.set(childRel, fs.readFileSync(path.join(dir, childRel), 'utf8'));
    }
  };
  walk('');
  return found;
}

/** The copy's node_modules: hard links to the project's (see the header), jest's cache left out. */
function linkNodeModules(dir: string): void {
  const target = path.join(dir, 'node_modules');
  fs.mkdirSync(target);
  const entries = fs.readdirSync(path.join(root, 'node_modules')).filter((n) => n !== '.cache').map((n) => path.join(root, 'node_modules', n));
  let run = spawnSync('cp', ['-al', ...entries, target], { encoding: 'utf8' });
  if (run.status !== 0) run = spawnSync('cp', ['-a', ...entries, target], { encoding: 'utf8' }); // another file system
  if (run.status !== 0) throw new Error(`could not fill ${target}: ${run.stderr}`);
}

/** What `npm install`'s prepare script does: tsc with the copy's own tsconfig.build.json. */
function build(dir: string): void {
  const run = spawnSync(process.execPath, [path.join(dir, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.build.json'], { cwd: dir, encoding: 'utf8' });
  if (run.status !== 0) throw new Error(`the copy in ${dir} does not build: ${run.stdout}${run.stderr}`);
}

function node(dir: string, args: string[], env: NodeJS.ProcessEnv = {}): SpawnSyncReturns<string> {
  return spawnSync(process.execPath, args, { cwd: dir, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', ...env }, timeout: 300_000 });
}

function json<T>(text: string, what: string): T {
  try {
    return JSON.parse(text) as T;
  } catch {
    throw new Error(`${what} is not JSON: ${text.slice(0, 300)}`);
  }
}

function isUsageError(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    return error.message;
  }
  throw new Error('expected a UsageError, and nothing was thrown');
}

const FIXTURE = `// Hidden suite for 99-demo: a demo.
import { equal, ok } from '../harness';
import { helper } from '../harness/check';
const learner = () => require('../harness/submission');

/** A helper the tests share. */
function twice(n: number): number {
  return n * 2;
}

// About the first test.
test('first is public', () => {
  equal(twice(1), 2, 'twice(1)');
});

/** Only the second one knows this. */
test('second is hidden', () => {
  ok(helper(learner), 'x');
}); // a remark on the second

const KEPT = 1; // a remark that stays

test(\`third is public\`, () => {
  equal(KEPT, 1, 'KEPT');
});

describe('group', () => {
  beforeEach(() => undefined);
  it('inner public', () => ok(true, 'y'));
  it('inner hidden', () => ok(true, 'z'));
});

describe('all hidden', () => {
  test('deep hidden', () => ok(true, 'w'));
});
`;
const FIXTURE_FILE = '/course/grader/suites/99-demo.test.ts';
const FIXTURE_PUBLIC = ['first is public', 'third is public', 'group › inner public'];

describe('public tests, cut from the hidden suites', () => {
  test('every exercise names 2 or 3 public tests, each a test of its hidden suite', () => {
    for (const exercise of catalogue.exercises) {
      const names = exercise.publicTests ?? [];
      expect({ id: exercise.id, count: names.length >= 2 && names.length <= 3 }).toEqual({ id: exercise.id, count: true });
      const all = suiteTests(hiddenSuite(exercise.id)).map((t) => t.name);
      expect({ id: exercise.id, unknown: names.filter((n) => !all.includes(n)) }).toEqual({ id: exercise.id, unknown: [] });
    }
  });

  test('keeps the public tests, the helpers, hooks and the comments that go with them; cuts the rest', () => {
    const suite = publicSuite(FIXTURE_FILE, FIXTURE_PUBLIC, {}, FIXTURE);
    expect(suite.kept).toEqual(FIXTURE_PUBLIC);
    expect(suite.total).toBe(6);
    expect(suiteTests('public.test.ts', suite.source).map((t) => t.name)).toEqual(FIXTURE_PUBLIC);
    for (const kept of ['function twice', 'A helper the tests share', 'About the first test', 'a remark that stays', 'beforeEach', "describe('group'"]) {
      expect(suite.source).toContain(kept);
    }
    for (const cut of ['second is hidden', 'Only the second one knows', 'a remark on the second', 'inner hidden', 'deep hidden', 'all hidden']) {
      expect(suite.source).not.toContain(cut);
    }
    expect(suite.source).not.toMatch(/^\/\/ Hidden suite/m);
    const out = ts.transpileModule(suite.source, { reportDiagnostics: true, compilerOptions: { module: ts.ModuleKind.CommonJS } });
    expect(out.diagnostics ?? []).toEqual([]);
  });

  test('rewrites relative module paths for the public/ folder: imports, require', () => {
    const suite = publicSuite(FIXTURE_FILE, FIXTURE_PUBLIC, {}, FIXTURE);
    expect(suite.source).toContain("from '../../harness';");
    expect(suite.source).toContain("from '../../harness/check';");
    expect(suite.source).toContain("require('../../harness/submission')");
    expect(suite.source).not.toMatch(/'\.\.\/harness/);
    const elsewhere = publicSuite(FIXTURE_FILE, FIXTURE_PUBLIC, { publicDir: '/course/grader/harness/x' }, FIXTURE);
    expect(elsewhere.source).toContain("from '..';");
    expect(elsewhere.source).toContain("from '../check';");
  });

  test('a header goes on top, one comment line each', () => {
    const suite = publicSuite(FIXTURE_FILE, FIXTURE_PUBLIC, { header: ['Public tests.', 'Do not edit.'] }, FIXTURE);
    expect(suite.source.split('\n').slice(0, 3)).toEqual(['// Public tests.', '// Do not edit.', '// Tests for 99-demo: a demo.']);
  });

  test('a public name that matches no test is one line naming it', () => {
    const message = isUsageError(() => publicSuite(FIXTURE_FILE, ['first is public', 'inner public'], {}, FIXTURE));
    expect(message).toBe(`public test "inner public" matches no test in ${FIXTURE_FILE}`);
  });

  test('tests the cut cannot see are refused, not leaked or dropped: in a loop, .each, computed names, nested', () => {
    const cases: [string, RegExp][] = [
      ["for (const n of [1, 2]) test('loop ' + n, () => {});\ntest('plain', () => {});\n", /:1: a test inside a loop/],
      ["test.each([1, 2])('each %i', (n) => {});\ntest('plain', () => {});\n", /\.each tables are not supported/],
      ["const NAME = 'x';\ntest(NAME, () => {});\ntest('plain', () => {});\n", /:2: the test name is not a plain string/],
      ["test('outer', () => { test('inner', () => {}); });\ntest('plain', () => {});\n", /a test or describe inside a test/],
      ["function helper() { test('made by a helper', () => {}); }\ntest('plain', () => {});\n", /inside function helper/],
    ];
    for (const [source, expected] of cases) {
      expect(isUsageError(() => publicSuite('demo.test.ts', ['plain'], {}, source))).toMatch(expected);
    }
  });

  test('a suite\'s own function named describe (as in 03) is not taken for jest\'s', () => {
    const source = "function describe(e: unknown): string { return String(e); }\ntest('a', () => { describe(1); });\ntest('b', () => {});\n";
    const suite = publicSuite('demo.test.ts', ['b'], {}, source);
    expect(suite.kept).toEqual(['b']);
    expect(suite.source).toContain('function describe');
    expect(suite.source).not.toContain("test('a'");
  });

  test('each real hidden suite gives a public suite of exactly its public tests, importing ../../harness', () => {
    for (const exercise of catalogue.exercises) {
      const suite = publicSuite(hiddenSuite(exercise.id), publicNames(exercise.id));
      expect({ id: exercise.id, names: suiteTests('public.test.ts', suite.source).map((t) => t.name).sort() }).toEqual({ id: exercise.id, names: [...publicNames(exercise.id)].sort() });
      expect(suite.source).toMatch(/from '\.\.\/\.\.\/harness'/);
      expect(suite.source).not.toMatch(/'\.\.\/harness'/);
    }
  });
});

describe('grader release', () => {
  let out: string;
  let files: Map<string, string>;

  beforeAll(() => {
    out = path.join(tempDir('iteration-release-'), 'release');
    const run = cli('grader', ['release', '--out', out]);
    expect({ code: run.code, stderr: run.stderr }).toEqual({ code: 0, stderr: '' });
    expect(run.stdout).toContain(`${totalPublic} public tests for ${catalogue.exercises.length} exercises`);
    files = filesUnder(out);
  }, SLOW);

  test('holds only what learners need: no solutions, hidden suites, project tests, benchmarks or CI examples', () => {
    const allowed = [/^package\.json$/, /^package-lock\.json$/, /^tsconfig(\.build)?\.json$/, /^\.gitignore$/, /^README\.md$/, /^catalogue\.json$/,
      /^schemas\/[^/]+\.schema\.json$/, /^src\//, /^bin\/(grader|workbook)\.js$/, /^scripts\/link-bins\.js$/, /^lessons\/[^/]+\.md$/, /^exercises\/[^/]+\/[^/]+\.ts$/,
      /^grader\/harness\//, /^grader\/types\//, /^grader\/suites\/public\/[^/]+\.test\.ts$/];
    expect([...files.keys()].filter((f) => !allowed.some((a) => a.test(f)))).toEqual([]);
    expect([...files.keys()].filter((f) => f.startsWith('src/tools/'))).toEqual([]);
    for (const needed of ['package.json', 'package-lock.json', 'tsconfig.json', 'tsconfig.build.json', '.gitignore', 'README.md', 'catalogue.json', 'bin/grader.js', 'bin/workbook.js', 'src/cli/grader/main.ts', 'src/core/engine/grade.ts', 'grader/harness/index.ts', 'grader/types/ambient.d.ts', 'schemas/result.schema.json']) {
      expect({ needed, there: files.has(needed) }).toEqual({ needed, there: true });
    }
    const lessons = fs.readdirSync(path.join(root, 'lessons')).filter((n) => n.endsWith('.md')).map((n) => `lessons/${n}`);
    expect(lessons.filter((l) => !files.has(l))).toEqual([]);
    expect([...files.keys()].filter((f) => f.startsWith('grader/suites/')).sort()).toEqual(catalogue.exercises.map((e) => `grader/suites/public/${e.id}.test.ts`).sort());
    expect(fs.statSync(path.join(out, 'bin/grader.js')).mode & 0o111).not.toBe(0);
  });

  test('holds no solution text: no line that only a solution file has', () => {
    // A solution's distinctive lines: its lines that appear nowhere in what a release is made of
    // (lessons, hints, harness, suites, sources, the stub). Idioms such as `return { done: true,
    // value: undefined };` are in lessons and hints too, and prove nothing.
    const lines = (text: string) => text.split('\n').map((l) => l.trim()).filter((l) => l.length >= 8);
    const elsewhere = new Set<string>();
    for (const dir of ['lessons', 'grader', 'src']) for (const text of filesUnder(path.join(root, dir)).values()) for (const l of lines(text)) elsewhere.add(l);
    for (const file of ['catalogue.json', 'README.md']) for (const l of lines(fs.readFileSync(path.join(root, file), 'utf8'))) elsewhere.add(l);
    for (const exercise of catalogue.exercises) for (const l of lines(files.get(`exercises/${exercise.id}/${exercise.file}`) ?? '')) elsewhere.add(l);
    const inRelease = new Set([...files.values()].flatMap(lines));
    for (const exercise of catalogue.exercises) {
      const solution = fs.readFileSync(path.join(root, 'solutions', exercise.id, exercise.file), 'utf8');
      const distinctive = [...new Set(lines(solution))].filter((l) => !elsewhere.has(l));
      // Enough of them that the check has teeth: the solution file itself would be caught.
      expect({ id: exercise.id, enough: distinctive.length >= 3 }).toEqual({ id: exercise.id, enough: true });
      expect({ id: exercise.id, leaked: distinctive.filter((l) => inRelease.has(l)) }).toEqual({ id: exercise.id, leaked: [] });
    }
  });

  test('holds no hidden test: every test in it is public, and no hidden test name appears as a string anywhere', () => {
    const publicAll = catalogue.exercises.flatMap((e) => publicNames(e.id)).sort();
    const found: string[] = [];
    for (const [name, text] of files) if (name.endsWith('.ts')) found.push(...suiteTests(name, text).map((t) => t.name));
    expect(found.sort()).toEqual(publicAll);
    // Quoted, as a test name is in a suite or a JSON file: prose may say the same words (the stub
    // of 05 says "a LineReader is its own iterator", lesson 10 "each source's own order is kept").
    for (const exercise of catalogue.exercises) {
      for (const { name } of suiteTests(hiddenSuite(exercise.id))) {
        if (publicNames(exercise.id).includes(name)) continue;
        const forms = [`'${name.replace(/'/g, "\\'")}'`, `"${name}"`, JSON.stringify(name), `\`${name}\``];
        const leaks = [...files].filter(([, text]) => forms.some((f) => text.includes(f))).map(([file]) => file);
        expect({ test: name, leaks }).toEqual({ test: name, leaks: [] });
      }
    }
  });

  test('exercises/ holds the untouched stubs (their hash is the catalogue\'s stubSha256)', () => {
    for (const exercise of catalogue.exercises) {
      const text = files.get(`exercises/${exercise.id}/${exercise.file}`);
      expect({ id: exercise.id, stub: text !== undefined && stubHash(text) === exercise.stubSha256 }).toEqual({ id: exercise.id, stub: true });
    }
  });

  test('a stub edited in the working tree is taken from HEAD; edited in both, it is refused', () => {
    const exercise = catalogue.exercises[0]!;
    const repo = tempDir('iteration-stub-repo-');
    const git = (...args: string[]) => {
      const run = spawnSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.com', ...args], { cwd: repo, encoding: 'utf8' });
      if (run.status !== 0) throw new Error(run.stderr);
    };
    const stub = fs.readFileSync(path.join(out, 'exercises', exercise.id, exercise.file), 'utf8');
    const file = path.join(repo, 'exercises', exercise.id, exercise.file);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, stub);
    git('init', '-q');
    git('add', '.');
    git('commit', '-q', '-m', 'stub');
    fs.writeFileSync(file, `${stub}\nexport const solvedByTheAuthor = true;\n`);
    expect(filesModule.stubOf(exercise, repo)).toBe(stub);
    git('commit', '-q', '-am', 'solved');
    expect(isUsageError(() => filesModule.stubOf(exercise, repo))).toMatch(new RegExp(`^exercises/${exercise.id}/${exercise.file} is not the stub`));
  });

  test('package.json: the same dependencies as the lock, the two bins, scripts for learners only', () => {
    const project = json<Record<string, any>>(fs.readFileSync(path.join(root, 'package.json'), 'utf8'), 'package.json');
    const pkg = json<Record<string, any>>(files.get('package.json')!, 'the release\'s package.json');
    expect(pkg.dependencies).toEqual(project.dependencies);
    expect(pkg.devDependencies).toEqual(project.devDependencies);
    expect(pkg.bin).toEqual({ grader: 'bin/grader.js', workbook: 'bin/workbook.js' });
    expect(Object.keys(pkg.scripts).sort()).toEqual(['build', 'prepare', 'start', 'test', 'typecheck']);
    expect(pkg.scripts.start).toBe('node bin/workbook.js');
    expect(files.get('package-lock.json')).toBe(fs.readFileSync(path.join(root, 'package-lock.json'), 'utf8'));
    const tsconfig = json<{ include: string[] }>(files.get('tsconfig.json')!, 'the release\'s tsconfig.json');
    expect(tsconfig.include).toEqual(['src', 'grader', 'exercises']);
  });

  test('README is the learners\' version: the two commands and the workbook verbs, nothing for instructors', () => {
    const readme = files.get('README.md')!;
    for (const shown of ['npm install', 'npm start', 'npx workbook watch', 'npx workbook hint', 'npx workbook lesson', 'npx grader grade']) expect(readme).toContain(shown);
    for (const hidden of ['instructor', 'grader batch', '--suites', 'workbook solution', 'npm test', 'CONTRIBUTING', 'solutions/', 'Security']) expect(readme).not.toContain(hidden);
  });

  test('refuses a folder that is not empty, or a file, in one line (exit 2), and writes nothing', () => {
    const dir = tempDir('iteration-release-busy-');
    fs.writeFileSync(path.join(dir, 'keep.txt'), 'mine');
    const busy = cli('grader', ['release', '--out', dir]);
    expect(busy.code).toBe(2);
    expect(busy.stderr).toBe(`grader: --out ${dir}: the folder is not empty (1 entries); give a new or empty folder\n`);
    expect(fs.readdirSync(dir)).toEqual(['keep.txt']);
    const file = path.join(dir, 'keep.txt');
    const onFile = cli('grader', ['release', '--out', file]);
    expect(onFile.code).toBe(2);
    expect(onFile.stderr.trim().split('\n')).toEqual([`grader: --out ${file}: a file is there already; give a new or empty folder`]);
    expect(fs.readdirSync(dir)).toEqual(['keep.txt']);
  });

  test('an empty folder is fine, and the same project gives the same release', () => {
    const dir = tempDir('iteration-release-empty-');
    const run = cli('grader', ['release', '--out', dir]);
    expect(run.code).toBe(0);
    const again = filesUnder(dir);
    expect([...again.keys()].sort()).toEqual([...files.keys()].sort());
    for (const [name, text] of files) if (again.get(name) !== text) throw new Error(`${name} differs between two releases`);
  }, SLOW);

  describe('a copy of the release, built and run', () => {
    let copy: string;

    beforeAll(() => {
      copy = path.join(tempDir('iteration-release-copy-'), 'course');
      fs.cpSync(out, copy, { recursive: true });
      linkNodeModules(copy);
      build(copy);
    }, SLOW);

    // Some 15 000 hard links each: not left behind in the temporary folder.
    afterAll(() => fs.rmSync(path.dirname(copy), { recursive: true, force: true }));

    test('npm start (node bin/workbook.js) shows the board: ten exercises, none started', () => {
      const run = node(copy, ['bin/workbook.js']);
      expect({ code: run.status, stderr: run.stderr }).toEqual({ code: 0, stderr: '' });
      expect(run.stdout).toContain(`0 of ${catalogue.exercises.length} exercises passed`);
      expect(run.stdout.match(/not started/g)?.length ?? 0).toBeGreaterThanOrEqual(catalogue.exercises.length);
    }, SLOW);

    test('grader grade grades exercises/ with the public tests only: every exercise not started', () => {
      const run = node(copy, ['bin/grader.js', 'grade', '--format', 'json']);
      expect(run.status).toBe(0);
      const doc = json<ResultDocument>(run.stdout, 'grader grade --format json');
      expect(doc.exercises.map((e) => e.id)).toEqual(catalogue.exercises.map((e) => e.id));
      for (const exercise of doc.exercises) {
        expect({ id: exercise.id, status: exercise.status, tests: exercise.tests.map((t) => t.name) }).toEqual({ id: exercise.id, status: 'not-started', tests: publicNames(exercise.id) });
      }
      expect(doc.score).toBe(0);
    }, SLOW);

    test('the project\'s solutions get full marks on the release\'s public tests', () => {
      const run = node(copy, ['bin/grader.js', 'grade', path.join(root, 'solutions'), '--format', 'json', '--no-typecheck']);
      expect(run.status).toBe(0);
      const doc = json<ResultDocument>(run.stdout, 'grader grade solutions --format json');
      for (const exercise of doc.exercises) {
        const failing = exercise.tests.filter((t) => t.status !== 'passed').map((t) => `${t.name}: ${t.message}`);
        expect({ id: exercise.id, status: exercise.status, tests: exercise.tests.map((t) => t.name), failing }).toEqual({ id: exercise.id, status: 'passed', tests: publicNames(exercise.id), failing: [] });
      }
      expect(doc.score).toBe(doc.maxScore);
      expect(doc.maxScore).toBe(catalogue.exercises.reduce((sum, e) => sum + e.points, 0));
    }, SLOW);

    test('a wrong version that loses a public test loses it in the release too', () => {
      const wrong = variants().find((v) => v.expect !== 'full' && v.expect.some((fragment) => publicNames(v.exercise).some((n) => n.includes(fragment))));
      if (!wrong) throw new Error('no variant loses a public test: choose publicTests that some variant fails');
      const fragment = (wrong.expect as string[]).find((f) => publicNames(wrong.exercise).some((n) => n.includes(f)))!;
      const submission = tempDir('iteration-release-wrong-');
      fs.mkdirSync(path.join(submission, wrong.exercise));
      fs.copyFileSync(path.join(wrong.dir, wrong.file), path.join(submission, wrong.exercise, wrong.file));
      const run = node(copy, ['bin/grader.js', 'grade', submission, '--exercise', wrong.exercise, '--format', 'json', '--no-typecheck']);
      expect(run.status).toBe(0);
      const [exercise] = json<ResultDocument>(run.stdout, 'grader grade --format json').exercises;
      const lost = exercise!.tests.find((t) => t.name.includes(fragment))!;
      expect({ variant: wrong.name, test: lost.name, status: lost.status }).toEqual({ variant: wrong.name, test: lost.name, status: 'failed' });
      expect(lost.message).toBeTruthy();
    }, SLOW);

    test('a release cannot make a release: it has no hidden suites (one line, exit 2)', () => {
      const run = node(copy, ['bin/grader.js', 'release', '--out', path.join(tempDir(), 'again')]);
      expect(run.status).toBe(2);
      expect(run.stderr).toMatch(/^grader: grader\/suites\/01-data-iterator\.test\.ts is missing: a release needs every exercise's hidden suite/);
      expect(run.stderr.trim().split('\n')).toHaveLength(1);
    });
  });

  (process.env.RELEASE_FULL_INSTALL ? test : test.skip)('RELEASE_FULL_INSTALL: npm ci then npm start in a fresh copy', () => {
    const copy = path.join(tempDir('iteration-release-install-'), 'course');
    fs.cpSync(out, copy, { recursive: true });
    const install = spawnSync('npm', ['ci', '--prefer-offline', '--no-audit', '--no-fund'], { cwd: copy, encoding: 'utf8', timeout: SLOW });
    expect({ code: install.status, stderr: install.status === 0 ? '' : install.stderr }).toEqual({ code: 0, stderr: '' });
    expect(fs.existsSync(path.join(copy, 'dist/cli/workbook/main.js'))).toBe(true);
    const start = spawnSync('npm', ['start', '--silent'], { cwd: copy, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' }, timeout: SLOW });
    expect(start.status).toBe(0);
    expect(start.stdout).toContain(`0 of ${catalogue.exercises.length} exercises passed`);
  }, SLOW);
});

interface ZipEntry {
  name: string;
  mode: number;
}

interface GradescopeResults {
  score: number;
  output: string;
  tests: { name: string; score: number; max_score: number; status: string; visibility: string }[];
}

describe('grader pack gradescope', () => {
  let zip: string;
  let entries: ZipEntry[];

  beforeAll(() => {
    zip = path.join(tempDir('iteration-pack-'), 'autograder.zip');
    const run = cli('grader', ['pack', 'gradescope', '--out', zip]);
    expect({ code: run.code, stderr: run.stderr }).toEqual({ code: 0, stderr: '' });
    const list = spawnSync('python3', ['-c', 'import json, sys, zipfile\nprint(json.dumps([{"name": i.filename, "mode": i.external_attr >> 16} for i in zipfile.ZipFile(sys.argv[1]).infolist()]))', zip], { encoding: 'utf8' });
    expect(list.status).toBe(0);
    entries = json<ZipEntry[]>(list.stdout, 'the zip\'s listing');
  }, SLOW);

  test('setup.sh and run_autograder at the root, executable, beside the grader and every hidden suite', () => {
    const names = entries.map((e) => e.name);
    for (const script of ['setup.sh', 'run_autograder']) {
      const entry = entries.find((e) => e.name === script);
      expect({ script, executable: Boolean(entry && entry.mode & 0o100) }).toEqual({ script, executable: true });
    }
    for (const needed of ['package.json', 'package-lock.json', 'tsconfig.json', 'tsconfig.build.json', 'catalogue.json', 'bin/grader.js', 'src/core/engine/grade.ts', 'schemas/gradescope.schema.json', 'grader/harness/index.ts', 'grader/types/ambient.d.ts']) {
      expect({ needed, there: names.includes(needed) }).toEqual({ needed, there: true });
    }
    expect(names.filter((n) => n.startsWith('grader/suites/')).sort()).toEqual(catalogue.exercises.map((e) => `grader/suites/${e.id}.test.ts`).sort());
    const forbidden = /^(solutions|lessons|exercises|test|bench|examples|\.ci|dist|node_modules|src\/tools)\/|^grader\/suites\/public\//;
    expect(names.filter((n) => forbidden.test(n))).toEqual([]);
  });

  test('both scripts are valid bash; setup.sh installs Node 20 from NodeSource and runs npm ci', () => {
    const dir = tempDir('iteration-pack-scripts-');
    const extract = spawnSync('python3', ['-m', 'zipfile', '-e', zip, dir], { encoding: 'utf8' });
    expect(extract.status).toBe(0);
    for (const script of ['setup.sh', 'run_autograder']) {
      const check = spawnSync('bash', ['-n', path.join(dir, script)], { encoding: 'utf8' });
      expect({ script, code: check.status, stderr: check.stderr }).toEqual({ script, code: 0, stderr: '' });
    }
    const setup = fs.readFileSync(path.join(dir, 'setup.sh'), 'utf8');
    expect(setup).toContain('https://deb.nodesource.com/setup_20.x');
    expect(setup).toMatch(/^npm ci\b/m);
  });

  test('refuses a folder as --out in one line (exit 2)', () => {
    const dir = tempDir('iteration-pack-dir-');
    const run = cli('grader', ['pack', 'gradescope', '--out', dir]);
    expect(run.code).toBe(2);
    expect(run.stderr).toBe(`grader: --out ${dir}: that is a folder; give the zip file's name\n`);
  });

  describe('unpacked as Gradescope does, with a submission', () => {
    let autograder: string;

    /** /autograder as Gradescope lays it out: the zip in source/, run_autograder beside it. */
    beforeAll(() => {
      autograder = tempDir('iteration-autograder-');
      const source = path.join(autograder, 'source');
      const extract = spawnSync('python3', ['-m', 'zipfile', '-e', zip, source], { encoding: 'utf8' });
      expect(extract.status).toBe(0);
      fs.copyFileSync(path.join(source, 'run_autograder'), path.join(autograder, 'run_autograder'));
      linkNodeModules(source);
      build(source);
    }, SLOW);

    afterAll(() => fs.rmSync(autograder, { recursive: true, force: true }));

    function submit(layout: (dir: string) => string): GradescopeResults & { submitted: string } {
      const submission = path.join(autograder, 'submission');
      const results = path.join(autograder, 'results', 'results.json');
      fs.rmSync(submission, { recursive: true, force: true });
      fs.rmSync(results, { force: true });
      const submitted = layout(submission);
      const run = spawnSync('bash', [path.join(autograder, 'run_autograder')], { encoding: 'utf8', env: { ...process.env, AUTOGRADER_ROOT: autograder }, timeout: 300_000 });
      expect({ code: run.status, written: fs.existsSync(results) }).toEqual({ code: 0, written: true });
      const data = json<GradescopeResults>(fs.readFileSync(results, 'utf8'), 'results.json');
      expect(schemas.schemaProblem('gradescope', data)).toBeUndefined();
      return { ...data, submitted };
    }

    /** A learner's repository holding the solutions of 01 and 02 (in `dir`/`inside`). */
    const repository = (inside = '') => (dir: string) => {
      const repo = path.join(dir, inside);
      for (const id of ['01-data-iterator', '02-range']) {
        const file = catalogue.exercises.find((e) => e.id === id)!.file;
        fs.mkdirSync(path.join(repo, 'exercises', id), { recursive: true });
        fs.copyFileSync(path.join(root, 'solutions', id, file), path.join(repo, 'exercises', id, file));
      }
      fs.writeFileSync(path.join(repo, 'README.md'), '# my work\n');
      return path.join(repo, 'exercises');
    };

    test('run_autograder grades the learner\'s repository; results.json agrees with the JSON document', () => {
      const results = submit(repository());
      const graded = cli('grader', ['grade', results.submitted, '--format', 'json', '--no-typecheck']);
      expect(graded.code).toBe(0);
      const doc = json<ResultDocument>(graded.stdout, 'grader grade --format json');
      expect(results.score).toBe(doc.score);
      expect(doc.score).toBe(20);
      for (const exercise of doc.exercises) {
        if (exercise.tests.length === 0) {
          // Missing exercises: one visible stand-in each, worth nothing.
          const standIn = results.tests.filter((t) => t.name.startsWith(`${exercise.id} `));
          expect({ id: exercise.id, count: standIn.length, score: standIn[0]?.score, visibility: standIn[0]?.visibility }).toEqual({ id: exercise.id, count: 1, score: 0, visibility: 'visible' });
          continue;
        }
        // Gradescope gets whole cents that add up to the exercise's score (0.67 + 0.66 + …).
        const matched = exercise.tests.map((t) => ({ t, r: results.tests.find((r) => r.name === `${exercise.id} › ${t.name}`) }));
        for (const { t, r } of matched) {
          expect({ test: t.name, status: r?.status, close: r !== undefined && Math.abs(r.score - t.score) < 0.01 }).toEqual({ test: t.name, status: t.status === 'passed' ? 'passed' : 'failed', close: true });
        }
        const sum = matched.reduce((total, { r }) => total + (r?.score ?? 0), 0);
        expect({ id: exercise.id, sum: Math.round(sum * 100) / 100 }).toEqual({ id: exercise.id, sum: exercise.score });
      }
      const hidden = results.tests.filter((t) => t.name.startsWith('01-data-iterator › '));
      expect(hidden.length).toBe(suiteTests(hiddenSuite('01-data-iterator')).length);
      expect(new Set(hidden.map((t) => t.visibility))).toEqual(new Set(['after_published']));
    }, SLOW);

    test('a repository uploaded as a zip, one folder further down, is found', () => {
      const results = submit(repository('iteration-workbook-main'));
      expect(results.score).toBe(20);
    }, SLOW);

    test('no submission at all: results.json says why, scored 0, and is still valid', () => {
      const results = submit(() => '');
      expect(results.score).toBe(0);
      expect(results.tests).toEqual([]);
      expect(results.output).toMatch(/^The autograder could not grade this submission: submission folder not found: /);
    }, SLOW);
  });

  (process.env.RELEASE_FULL_INSTALL ? test : test.skip)('RELEASE_FULL_INSTALL: setup.sh installs the grader (npm ci) in a fresh /autograder', () => {
    const autograder = tempDir('iteration-autograder-install-');
    const extract = spawnSync('python3', ['-m', 'zipfile', '-e', zip, path.join(autograder, 'source')], { encoding: 'utf8' });
    expect(extract.status).toBe(0);
    const setup = spawnSync('bash', [path.join(autograder, 'source', 'setup.sh')], { encoding: 'utf8', env: { ...process.env, AUTOGRADER_ROOT: autograder }, timeout: SLOW });
    expect({ code: setup.status, stderr: setup.status === 0 ? '' : setup.stderr }).toEqual({ code: 0, stderr: '' });
    expect(fs.existsSync(path.join(autograder, 'source', 'dist/cli/grader/main.js'))).toBe(true);
  }, SLOW);
});
