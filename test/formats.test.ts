/**
 * The machine formats (junit, gradescope, github, classroom), each proved by what reads it:
 * junit2json for JUnit XML, Gradescope's documented schema, a model of the GitHub Actions
 * runner's workflow-command parser plus markdown-it for the job summary, and a re-implementation
 * of classroom-resources/autograding-grading-reporter's decoding and point counting.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as jsYaml from 'js-yaml';
import MarkdownIt from 'markdown-it';
import { classroom, classroomResult, type ClassroomResult } from '../src/core/formats/classroom';
import { github, MAX_ERROR_ANNOTATIONS, stopToken, summaryMarkdown } from '../src/core/formats/github';
import { gradescope, gradescopeResults } from '../src/core/formats/gradescope';
import { formatNames, getFormatter, parseVisibility, registerFormat, type FormatContext } from '../src/core/formats/index';
import { renderJunit } from '../src/core/formats/junit';
import { allocate, cleanText, findLocation, learnerPath } from '../src/core/formats/shared';
import { UsageError } from '../src/core/errors';
import type { ExerciseResult, ResultDocument, TestResult } from '../src/core/result';
import { schemaProblem } from '../src/core/schemas';

const root = path.resolve(__dirname, '..');
const fixtures = path.join(__dirname, 'fixtures', 'results');
function fixture(name: string): ResultDocument {
  return JSON.parse(fs.readFileSync(path.join(fixtures, name), 'utf8')) as ResultDocument;
}
const mixed = fixture('mixed.json');
const allPassed = fixture('all-passed.json');
const context: FormatContext = { env: {}, submissionDir: 'exercises' };

/** What every consumer must see of a document: its tests, plus one case for an exercise without tests that did not pass. */
interface Case { exercise: ExerciseResult; name: string; status: TestResult['status']; message?: string; output?: string; standIn: boolean }
function casesOf(doc: ResultDocument): Case[] {
  return doc.exercises.flatMap((exercise): Case[] => {
    if (exercise.tests.length) return exercise.tests.map((t) => ({ exercise, name: t.name, status: t.status, message: t.message, output: t.output, standIn: false }));
    if (exercise.status === 'passed') return [];
    return [{ exercise, name: '(stand-in)', status: exercise.status === 'error' ? 'error' : 'failed', message: exercise.message, standIn: true }];
  });
}

/** Characters XML 1.0 forbids, and control characters no report should carry raw. */
const FORBIDDEN = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** A document built in the test: exercises of n tests each, with chosen statuses and texts. */
function documentWith(exercises: { id: string; tests: Partial<TestResult>[]; status?: ExerciseResult['status']; message?: string }[]): ResultDocument {
  const built: ExerciseResult[] = exercises.map(({ id, tests, status, message }) => {
    const share = 10 / Math.max(1, tests.length);
    const full: TestResult[] = tests.map((t, i) => ({ name: `test ${i + 1}`, status: 'passed', durationMs: 1, ...t, score: (t.status ?? 'passed') === 'passed' ? share : 0, maxScore: share }));
    const score = Math.round(full.filter((t) => t.status === 'passed').length * share * 100) / 100;
    return { id, title: `Exercise ${id}`, status: status ?? (score === 10 ? 'passed' : score > 0 ? 'partial' : 'failed'), score, maxScore: 10, file: `${id}/code.ts`, diagnostics: [], tests: full, ...(message ? { message } : {}) };
  });
  const doc: ResultDocument = { schemaVersion: 1, submission: 'exercises', score: Math.round(built.reduce((s, e) => s + e.score, 0) * 100) / 100, maxScore: built.length * 10, durationMs: 100, exercises: built };
  expect(schemaProblem('result', doc)).toBeUndefined();
  return doc;
}

test('the fixture documents match the result schema (so every test below starts from a real document)', () => {
  for (const name of ['mixed.json', 'all-passed.json']) expect({ name, problem: schemaProblem('result', fixture(name)) }).toEqual({ name, problem: undefined });
});

// ---- registry ---------------------------------------------------------------------------------

describe('format registry', () => {
  test('knows junit, gradescope, github and classroom, and names them when asked for an unknown one', () => {
    expect(formatNames()).toEqual(expect.arrayContaining(['junit', 'gradescope', 'github', 'classroom']));
    expect(() => getFormatter('yaml')).toThrow(UsageError);
    expect(() => getFormatter('yaml')).toThrow(/unknown --format yaml; known formats: .*junit.*gradescope.*github.*classroom/);
  });

  test('lets the CLI register text and json beside them', () => {
    registerFormat('test-only', (doc) => ({ stdout: `${doc.score}` }));
    expect(getFormatter('test-only')(mixed, context)).toEqual({ stdout: '12.5' });
  });

  test('checks a Gradescope visibility', () => {
    expect(parseVisibility('after_due_date')).toBe('after_due_date');
    expect(() => parseVisibility('later')).toThrow(/--visibility later is not one of hidden, after_due_date, after_published, visible/);
  });
});

// ---- shared helpers ---------------------------------------------------------------------------

describe('shared helpers', () => {
  test('cleanText drops ANSI colours, keeps line breaks and tabs, and shows other control characters', () => {
    expect(cleanText('\u001b[31mred\u001b[0m\ttab\r\nline\u0007\u0000')).toBe('red\ttab\nline\\u0007\\u0000');
    expect(cleanText('a\ud800b \ud83c\udf89')).toBe('a\ufffdb \ud83c\udf89');
  });

  test('findLocation reads file:line:col, file:line, tsc and swc forms, only for the learner file', () => {
    expect(findLocation('thrown at range.ts:12:7', '02-range/range.ts')).toEqual({ line: 12, column: 7 });
    expect(findLocation('see (range.ts:3)', '02-range/range.ts')).toEqual({ line: 3 });
    expect(findLocation('range.ts(4,9): error TS2322', '02-range/range.ts')).toEqual({ line: 4, column: 9 });
    expect(findLocation('╭─[/tmp/ws/02-range/range.ts:8:1]', '02-range/range.ts')).toEqual({ line: 8, column: 1 });
    expect(findLocation('at harness.ts:10:2', '02-range/range.ts')).toBeUndefined();
    expect(findLocation('at myrange.ts:10:2', '02-range/range.ts')).toBeUndefined();
  });

  test('allocate splits hundredths exactly, in proportion', () => {
    expect(allocate(1000, [1, 1, 1])).toEqual([334, 333, 333]);
    expect(allocate(667, [333, 333, 0])).toEqual([334, 333, 0]);
    expect(allocate(0, [5, 5])).toEqual([0, 0]);
    expect(allocate(10, [0, 0])).toEqual([5, 5]);
  });

  test('learnerPath joins the submission folder and makes an absolute one relative to GITHUB_WORKSPACE', () => {
    expect(learnerPath('exercises', '02-range/range.ts', {})).toBe('exercises/02-range/range.ts');
    expect(learnerPath('.', '02-range/range.ts', {})).toBe('02-range/range.ts');
    expect(learnerPath('./work\\exercises', '02-range/range.ts', {})).toBe('work/exercises/02-range/range.ts');
    expect(learnerPath('/home/runner/work/repo/exercises', '02-range/range.ts', { GITHUB_WORKSPACE: '/home/runner/work/repo' })).toBe('exercises/02-range/range.ts');
    expect(learnerPath('/elsewhere/exercises', '02-range/range.ts', { GITHUB_WORKSPACE: '/home/runner/work/repo' })).toBe('/elsewhere/exercises/02-range/range.ts');
  });
});

// ---- junit ------------------------------------------------------------------------------------

/** junit2json (ESM only) in a child Node: a real JUnit consumer, fed our XML on stdin. */
type Json = Record<string, unknown>;
function junit2json(xml: string): Json {
  const script = "import { parse } from 'junit2json'; let s = ''; process.stdin.setEncoding('utf8'); process.stdin.on('data', (d) => { s += d; }); process.stdin.on('end', async () => { try { process.stdout.write(JSON.stringify(await parse(s))); } catch (e) { process.stderr.write(String(e)); process.exit(3); } });";
  const run = spawnSync(process.execPath, ['--input-type=module', '-e', script], { cwd: root, input: xml, encoding: 'utf8' });
  if (run.status !== 0) throw new Error(`junit2json could not read the XML: ${run.stderr}`);
  return JSON.parse(run.stdout) as Json;
}

interface JCase { name: unknown; classname: unknown; failure?: { message?: unknown; type?: unknown; inner?: string }[]; error?: { message?: unknown; type?: unknown; inner?: string }[]; 'system-out'?: string[] }
interface JSuite { name: unknown; tests: number; failures: number; errors: number; testcase?: JCase[]; properties?: { name: string; value: unknown }[]; 'system-out'?: string[] }

describe('junit', () => {
  const parsed = junit2json(renderJunit(mixed));
  const suites = parsed.testsuite as JSuite[];
  const cases = casesOf(mixed);

  test('junit2json reads the same totals as the document: tests, failures (failed + timedout), errors', () => {
    expect({ tests: parsed.tests, failures: parsed.failures, errors: parsed.errors }).toEqual({
      tests: cases.length,
      failures: cases.filter((c) => c.status === 'failed' || c.status === 'timedout').length,
      errors: cases.filter((c) => c.status === 'error').length,
    });
  });

  test('one testsuite per exercise, in order, with its counts, and properties giving title, status and score', () => {
    expect(suites.map((s) => String(s.name))).toEqual(mixed.exercises.map((e) => e.id));
    mixed.exercises.forEach((exercise, i) => {
      const mine = cases.filter((c) => c.exercise === exercise);
      const suite = suites[i]!;
      expect({ id: exercise.id, tests: suite.tests, failures: suite.failures, errors: suite.errors }).toEqual({
        id: exercise.id,
        tests: mine.length,
        failures: mine.filter((c) => c.status === 'failed' || c.status === 'timedout').length,
        errors: mine.filter((c) => c.status === 'error').length,
      });
      const props = Object.fromEntries((suite.properties ?? []).map((p) => [p.name, String(p.value)]));
      expect(props).toEqual({ title: exercise.title, status: exercise.status, score: String(exercise.score), maxScore: String(exercise.maxScore), file: exercise.file });
    });
  });

  test('one testcase per test, named as in the document, classname the exercise id', () => {
    const read = suites.flatMap((s) => (s.testcase ?? []).map((c) => ({ name: String(c.name), classname: String(c.classname) })));
    expect(read).toEqual(cases.map((c) => ({ name: c.standIn ? expect.any(String) : c.name, classname: c.exercise.id })));
  });

  test('failed and timed-out tests carry <failure>, tests that could not run <error>, with the message intact (quotes, <, &, line breaks)', () => {
    const read = suites.flatMap((s) => s.testcase ?? []);
    cases.forEach((c, i) => {
      const tc = read[i]!;
      const kind = c.status === 'passed' ? 'none' : c.status === 'error' ? 'error' : 'failure';
      expect({ test: c.name, kind: tc.failure ? 'failure' : tc.error ? 'error' : 'none' }).toEqual({ test: c.name, kind });
      const detail = (tc.failure ?? tc.error)?.[0];
      if (c.message) expect({ test: c.name, message: String(detail?.message), body: detail?.inner }).toEqual({ test: c.name, message: cleanText(c.message), body: cleanText(c.message) });
    });
    const negative = read[mixed.exercises[0]!.tests.length + 1]!;
    expect(String(negative.failure?.[0]?.message)).toContain('got [] <empty> & "nothing".\nA negative step');
    expect(negative.failure?.[0]?.type).toBe('failed');
    expect(read.find((tc) => String(tc.name).startsWith('a huge range'))?.failure?.[0]?.type).toBe('timedout');
  });

  test("the learner's output is the testcase's system-out: ANSI colours gone, control characters shown, markup kept as text", () => {
    const tc = suites[1]!.testcase![1]!;
    const out = tc['system-out']![0]!;
    expect(out).toContain('red text and a bell \\u0007 and a NUL \\u0000 here');
    expect(out).toContain('</system-out><injected/> & ]]> "quotes"');
    expect(out).toContain('::error::this line is learner output');
    expect(out).not.toContain('\u001b');
  });

  test('an exercise without tests (missing, could not run) is one testcase, not absent; diagnostics are in its suite system-out', () => {
    const missing = suites[2]!;
    expect(missing.testcase).toHaveLength(1);
    expect(missing.testcase![0]!.failure?.[0]).toMatchObject({ type: 'missing', message: mixed.exercises[2]!.message });
    expect(suites[4]!.testcase![0]!.error?.[0]).toMatchObject({ message: mixed.exercises[4]!.message });
    expect(suites[1]!['system-out']![0]).toContain("type error: 02-range/range.ts:7:12 Type 'string' is not assignable to type 'number'.");
  });

  test('no character XML 1.0 forbids reaches the file, whatever the learner printed', () => {
    const xml = renderJunit(mixed);
    expect(FORBIDDEN.test(xml)).toBe(false);
    expect(xml.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n<testsuites ')).toBe(true);
  });

  test('line breaks inside attribute values are written as &#10; (a conforming XML parser would turn a raw one into a space)', () => {
    const tags = renderJunit(mixed).match(/<[^>]*>/g) ?? [];
    expect(tags.filter((tag) => /[\n\t]/.test(tag))).toEqual([]);
    expect(renderJunit(mixed)).toContain('got [] &lt;empty&gt; &amp; &quot;nothing&quot;.&#10;A negative step');
  });

  test('random names, messages and output with every XML special character survive the round trip exactly', () => {
    let seed = 7;
    const rand = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
    const alphabet = ['a', 'Z', ' ', '<', '>', '&', '"', "'", ']]>', '\n', '\t', '&amp;', '<!--', '🎉', '中', 'é', '%', ':', ','];
    const text = (n: number) => Array.from({ length: n }, () => alphabet[Math.floor(rand() * alphabet.length)]).join('');
    const tests = Array.from({ length: 12 }, (_, i) => ({ name: `t${i} ${text(12)}`, status: (['passed', 'failed', 'timedout', 'error'] as const)[i % 4], message: `m ${text(30)}`, output: `o ${text(40)} end` }));
    const doc = documentWith([{ id: '01-fuzz', tests }]);
    const read = (junit2json(renderJunit(doc)).testsuite as JSuite[])[0]!.testcase!;
    read.forEach((tc, i) => {
      const t = tests[i]!;
      expect(String(tc.name)).toBe(t.name);
      expect(tc['system-out']?.[0]).toBe(t.output);
      const detail = (tc.failure ?? tc.error)?.[0];
      if (t.status !== 'passed') expect(String(detail?.message)).toBe(t.message);
    });
  });

  test('a fully passing document has no failure and no error', () => {
    const p = junit2json(renderJunit(allPassed));
    expect({ tests: p.tests, failures: p.failures, errors: p.errors }).toEqual({ tests: 3, failures: 0, errors: 0 });
    expect(getFormatter('junit')(allPassed, context)).toEqual({ stdout: renderJunit(allPassed) });
  });
});

// ---- gradescope -------------------------------------------------------------------------------

describe('gradescope', () => {
  const results = gradescopeResults(mixed);
  const cases = casesOf(mixed);

  test("matches schemas/gradescope.schema.json (Gradescope's documented results.json) and is what the formatter prints", () => {
    expect(schemaProblem('gradescope', results)).toBeUndefined();
    expect(JSON.parse(gradescope(mixed, context).stdout!)).toEqual(results);
  });

  test('the score is the document score, and the tests add up to it and to maxScore', () => {
    const sum = (xs: number[]) => Math.round(xs.reduce((a, b) => a + b, 0) * 100) / 100;
    expect({ score: results.score, testsScore: sum(results.tests.map((t) => t.score)), testsMax: sum(results.tests.map((t) => t.max_score)) })
      .toEqual({ score: mixed.score, testsScore: mixed.score, testsMax: mixed.maxScore });
    mixed.exercises.forEach((exercise) => {
      const mine = results.tests.filter((t) => t.tags.includes(exercise.id));
      expect({ exercise: exercise.id, score: sum(mine.map((t) => t.score)), max: sum(mine.map((t) => t.max_score)) })
        .toEqual({ exercise: exercise.id, score: exercise.score, max: exercise.maxScore });
    });
    expect(results.execution_time).toBe(8);
  });

  test('one Gradescope test per test (plus one per exercise without tests), passed or failed, numbered exercise.test', () => {
    expect(results.tests.map((t) => ({ status: t.status, tag: t.tags[0] }))).toEqual(cases.map((c) => ({ status: c.status === 'passed' ? 'passed' : 'failed', tag: c.exercise.id })));
    expect(results.tests.slice(0, 4).map((t) => t.number)).toEqual(['1.1', '1.2', '1.3', '2.1']);
    expect(results.tests[4]!.name).toBe('02-range › a negative step counts down and stops before reaching stop');
  });

  test('hidden tests are shown after publication by default; the exercise-level checks are always visible', () => {
    expect(results.tests.filter((t) => t.visibility === 'visible').map((t) => t.tags[0])).toEqual(['03-python-bridge', '05-cleanup']);
    expect(new Set(results.tests.filter((t) => t.visibility !== 'visible').map((t) => t.visibility))).toEqual(new Set(['after_published']));
    const later = gradescopeResults(mixed, { hiddenVisibility: 'after_due_date' });
    expect(later.tests.filter((t) => !['03-python-bridge', '05-cleanup'].includes(t.tags[0]!)).every((t) => t.visibility === 'after_due_date')).toBe(true);
    expect(JSON.parse(gradescope(mixed, { ...context, hiddenVisibility: 'hidden' }).stdout!).tests[0].visibility).toBe('hidden');
  });

  test('the top-level output tells what to fix, and gives scores only when hidden tests are visible', () => {
    expect(results.output).toContain('03-python-bridge/bridge.ts is missing');
    expect(results.output).toContain("type error at 02-range/range.ts:7:12: Type 'string' is not assignable to type 'number'.");
    expect(results.output).not.toMatch(/Score|2\.5\/10/);
    const open = gradescopeResults(mixed, { hiddenVisibility: 'visible' });
    expect(open.output).toMatch(/^Score: 12\.5 \/ 70\n/);
    expect(open.output).toContain('02-range  Range: an iterable that is not its own iterator: 2.5/10 (partial)');
  });

  test("a failed test's output says why, then what the code printed, cleaned of control characters", () => {
    const negative = results.tests[4]!;
    expect(negative.output).toMatch(/^the values of new Range\(5, 0, -1\): expected \[5, 4, 3, 2, 1\], got \[\] <empty> & "nothing"\.\nA negative step/);
    expect(negative.output).toContain('\n\nWhat your code printed:\nred text and a bell \\u0007');
    for (const t of results.tests) expect({ test: t.name, forbidden: FORBIDDEN.test(`${t.name}${t.output ?? ''}`) }).toEqual({ test: t.name, forbidden: false });
    expect(results.tests[0]!.output).toBeUndefined();
  });
});

// ---- github -----------------------------------------------------------------------------------

interface Command { name: string; props: Record<string, string>; data: string }
/**
 * A model of the Actions runner's workflow-command processing: a line whose trimmed start is
 * `::name props::data` (or the legacy `##[name props]data`) is a command unless commands are
 * stopped by `::stop-commands::TOKEN`, which only `::TOKEN::` ends. Escapes decoded as the runner does.
 */
function runnerCommands(stdout: string): { commands: Command[]; shown: string[] } {
  const unescape = (s: string) => s.replace(/%0D/g, '\r').replace(/%0A/g, '\n').replace(/%3A/g, ':').replace(/%2C/g, ',').replace(/%25/g, '%');
  const commands: Command[] = [];
  const shown: string[] = [];
  let stopped: string | undefined;
  for (const raw of stdout.split('\n')) {
    const line = raw.trimStart();
    if (stopped !== undefined) {
      if (line === `::${stopped}::`) stopped = undefined;
      else shown.push(raw);
      continue;
    }
    const v2 = /^::([^\s:]+)(?: ([^:]*))?::(.*)$/.exec(line);
    const legacy = /^##\[([^\s\]]+)(?: ([^\]]*))?\](.*)$/.exec(line);
    const m = v2 ?? legacy;
    if (!m) {
      shown.push(raw);
      continue;
    }
    const props: Record<string, string> = {};
    for (const pair of (m[2] ?? '').split(v2 ? ',' : ';').filter(Boolean)) {
      const at = pair.indexOf('=');
      props[pair.slice(0, at)] = unescape(pair.slice(at + 1));
    }
    const command = { name: m[1]!, props, data: unescape(m[3]!) };
    if (command.name === 'stop-commands') stopped = command.data;
    commands.push(command);
  }
  return { commands, shown };
}

describe('github', () => {
  const out = github(mixed, context);
  const { commands, shown } = runnerCommands(out.stdout!);
  const errors = commands.filter((c) => c.name === 'error');

  test('the runner sees only our commands: annotations, groups and stop/resume, never what the learner wrote', () => {
    expect(new Set(commands.map((c) => c.name))).toEqual(new Set(['error', 'warning', 'group', 'endgroup', 'stop-commands']));
    expect(errors.every((c) => c.props.file?.startsWith('exercises/'))).toBe(true);
    expect(commands.some((c) => c.name === 'add-mask' || c.props.file === 'evil.ts' || /learner output/.test(c.data))).toBe(false);
  });

  test('the learner output is in the log as it was printed, between stop-commands and its token', () => {
    expect(shown).toEqual(expect.arrayContaining(['::error::this line is learner output, not an annotation', '::add-mask::learner-secret', '##[error]legacy command syntax', '::stop-commands::guessed-token']));
    const stops = commands.filter((c) => c.name === 'stop-commands').map((c) => c.data);
    expect(stops).toHaveLength(2);
    for (const token of stops) {
      expect(token).toMatch(/^[0-9a-f]{32}$/);
      expect(out.stdout!).toContain(`\n::${token}::\n`);
    }
    const again = runnerCommands(github(mixed, context).stdout!).commands.find((c) => c.name === 'stop-commands')!.data;
    expect(again).not.toBe(stops[0]);
  });

  test('a stop token never occurs in the text it guards, even when the random source first gives one that does', () => {
    const draws = ['00112233445566778899aabbccddeeff', 'ffeeddccbbaa99887766554433221100'];
    const token = stopToken('output that prints ::00112233445566778899aabbccddeeff:: to escape', () => draws.shift()!);
    expect(token).toBe('ffeeddccbbaa99887766554433221100');
    expect(stopToken('anything')).toMatch(/^[0-9a-f]{32}$/);
  });

  test('one error per failing test and per type error, pointing at the learner file, line and column when known', () => {
    const expected = casesOf(mixed).filter((c) => c.status !== 'passed' && c.exercise.status !== 'not-started').length + 1;
    expect(errors).toHaveLength(expected);
    expect(errors[0]).toEqual({ name: 'error', props: { file: 'exercises/02-range/range.ts', line: '12', col: '7', title: '02-range: a negative step counts down and stops before reaching stop' }, data: cleanText(mixed.exercises[1]!.tests[1]!.message!) });
    expect(errors.find((c) => c.props.title === '02-range: type error')?.props).toMatchObject({ file: 'exercises/02-range/range.ts', line: '7', col: '12' });
    expect(errors.find((c) => c.props.title?.startsWith('03-python-bridge'))?.props).toEqual({ file: 'exercises/03-python-bridge/bridge.ts', title: '03-python-bridge: the exercise file is there' });
    expect(commands.filter((c) => c.name === 'warning')).toEqual([{ name: 'warning', props: { file: 'exercises/04-generators/tools.ts', line: '1', title: '04-generators not started' }, data: mixed.exercises[3]!.message }]);
  });

  test('messages and titles with %, :, commas and line breaks decode to what they were', () => {
    const punct = errors.find((c) => c.props.title?.startsWith('07-sequential-vs-concurrent: a test,'))!;
    expect(punct.props.title).toBe('07-sequential-vs-concurrent: a test, with: punctuation, 100% and %25');
    expect(punct.data).toBe('expected "a", got "b"\n::stop-commands::abc\n::abc::');
    expect(errors.find((c) => c.props.title === '02-range: a step of 0 throws RangeError')!.data).toBe(mixed.exercises[1]!.tests[3]!.message);
  });

  test('past ten errors (what GitHub shows for a step) one notice counts the rest', () => {
    const doc = documentWith([{ id: '01-many', tests: Array.from({ length: 15 }, (_, i) => ({ status: 'failed' as const, message: `wrong ${i}` })) }]);
    const { commands: many } = runnerCommands(github(doc, context).stdout!);
    expect(many.filter((c) => c.name === 'error')).toHaveLength(MAX_ERROR_ANNOTATIONS);
    expect(many.filter((c) => c.name === 'notice').map((c) => c.data)).toEqual(['5 more failing tests and type errors are listed in the job summary.']);
  });

  test('the summary is appended to $GITHUB_STEP_SUMMARY when it is set, and not written otherwise', () => {
    expect(out.files).toBeUndefined();
    const withSummary = github(mixed, { ...context, env: { GITHUB_STEP_SUMMARY: '/tmp/step_summary' } });
    expect(withSummary.files).toEqual([{ path: '/tmp/step_summary', content: summaryMarkdown(mixed, context), append: true }]);
  });

  describe('job summary, as markdown-it renders it with HTML allowed (as GitHub does)', () => {
    const md = new MarkdownIt({ html: true });
    const html = md.render(summaryMarkdown(mixed, context));

    test('a table per exercise with tests, a row per test giving test, status and score', () => {
      const tables = html.split('<table>').slice(1);
      expect(tables).toHaveLength(mixed.exercises.length);
      const rows = tables.map((t) => t.split('<tr>').length - 2);
      expect(rows).toEqual(mixed.exercises.map((e) => Math.max(1, e.tests.length)));
      expect(tables[1]).toContain('<td>a negative step counts down and stops before reaching stop</td>\n<td>❌ failed</td>\n<td>0 / 2.5</td>');
      expect(tables[0]).toContain('<td>✅ passed</td>\n<td>3.34 / 3.34</td>');
      expect(html).toContain('<h2>Grading: 12.5 / 70 points</h2>');
    });

    test('test names with <, |, *, _ and [links](…) show as written, in their own cell', () => {
      const names = ['returns AsyncGenerator<number> | never', '*not bold* and __not bold__', '[a link](https://example.com) and `code`'];
      const doc = documentWith([{ id: '01-names', tests: names.map((name) => ({ name, status: 'failed' as const, message: 'no' })) }]);
      const rendered = md.render(summaryMarkdown(doc, context));
      const cells = [...rendered.matchAll(/<tr>\n<td>([^]*?)<\/td>\n<td>/g)].map((m) => m[1]);
      expect(cells).toEqual(['returns AsyncGenerator&lt;number&gt; | never', '*not bold* and __not bold__', '[a link](https://example.com) and `code`']);
    });

    test("the learner's text cannot add HTML, links or table cells: it stays inside code blocks", () => {
      expect(html).not.toMatch(/<script|<injected/);
      expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
      expect(html).toContain('<details><summary>Why the 3 failing tests fail</summary>');
      const codeBlock = /<pre><code class="language-text">([\s\S]*?)<\/code><\/pre>/g;
      const blocks = [...html.matchAll(codeBlock)].map((m) => m[1]!);
      expect(blocks.some((b) => b.includes('| a | table | row |') && b.includes('```\n# not a heading'))).toBe(true);
    });
  });
});

// ---- classroom --------------------------------------------------------------------------------

/** How a GitHub Actions step's `name=value` lines in $GITHUB_OUTPUT become steps.<id>.outputs. */
function stepOutputs(fileContent: string): Record<string, string> {
  const outputs: Record<string, string> = {};
  for (const line of fileContent.split('\n').filter(Boolean)) {
    const at = line.indexOf('=');
    outputs[line.slice(0, at)] = line.slice(at + 1);
  }
  return outputs;
}

/**
 * classroom-resources/autograding-grading-reporter, re-implemented from its source (src/main.js,
 * src/notify-classroom.js, src/console-results.js, src/aggregate-results.js): it decodes every
 * runner's <RUNNER>_RESULTS, reports sum(tests[].score) / sum(max_score) to Classroom, prints a
 * line per test, and fails the job on status fail or error.
 */
function reporter(runners: string, env: Record<string, string | undefined>) {
  const runnerResults = runners.split(',').map((runner) => {
    const encoded = env[`${runner.trim().toUpperCase()}_RESULTS`]!;
    const json = Buffer.from(encoded, 'base64').toString('utf-8');
    return { runner, results: JSON.parse(json) as ClassroomResult };
  });
  const totals = runnerResults.reduce((acc, { results }) => {
    if (!results.max_score) return acc;
    acc.maxPoints += results.max_score;
    results.tests.forEach(({ score }) => { acc.totalPoints += score; });
    return acc;
  }, { totalPoints: 0, maxPoints: 0 });
  const log: string[] = [];
  let passedTests = 0;
  for (const { runner, results } of runnerResults) {
    log.push(`🔄 Processing: ${runner}`);
    for (const t of results.tests) {
      if (t.status === 'pass') {
        passedTests++;
        log.push(t.line_no !== 0 ? `✅ ${t.name} - line ${t.line_no}` : `✅ ${t.name}`);
      } else if (t.status === 'error') {
        log.push(`Error: ${t.message || `Failed to run test '${t.name}'`}\n`);
      } else {
        log.push(t.line_no !== 0 ? `❌ ${t.name} - line ${t.line_no}` : `❌ ${t.name}`);
      }
      if (t.test_code) log.push(`Test code:\n${t.test_code}\n`);
    }
  }
  const failed = runnerResults.some((r) => r.results.status === 'fail') ? 'Some tests failed.' : runnerResults.some((r) => r.results.status === 'error') ? 'Some tests errored.' : undefined;
  return { runnerResults, ...totals, passedTests, log: log.join('\n'), failed };
}

describe('classroom', () => {
  const outputFile = '/tmp/github_output';
  const written = classroom(mixed, { ...context, env: { GITHUB_OUTPUT: outputFile } });
  const line = written.files![0]!.content;
  const read = reporter('grader', { GRADER_RESULTS: stepOutputs(line).result });

  test('writes one result=<base64> line, appended to $GITHUB_OUTPUT when set, else printed', () => {
    expect(written).toEqual({ files: [{ path: outputFile, content: line, append: true }] });
    expect(line).toMatch(/^result=[A-Za-z0-9+/]+=*\n$/);
    expect(classroom(mixed, context)).toEqual({ stdout: line });
  });

  test('the reporter decodes it unchanged: the same JSON, valid against schemas/classroom.schema.json', () => {
    const decoded = read.runnerResults[0]!.results;
    expect(decoded).toEqual(classroomResult(mixed, { submissionDir: 'exercises' }));
    expect(schemaProblem('classroom', decoded)).toBeUndefined();
    expect(decoded).toMatchObject({ version: 1, status: 'error', max_score: 70 });
  });

  test('the points the reporter sends to Classroom are the document score over its maxScore', () => {
    expect(read.totalPoints).toBe(mixed.score);
    expect(read.maxPoints).toBe(mixed.maxScore);
    const decoded = read.runnerResults[0]!.results;
    const cases = casesOf(mixed);
    mixed.exercises.forEach((exercise) => {
      const mine = decoded.tests.filter((_, i) => cases[i]!.exercise === exercise);
      expect({ exercise: exercise.id, points: Math.round(mine.reduce((s, t) => s + t.score, 0) * 100) / 100 }).toEqual({ exercise: exercise.id, points: exercise.score });
    });
  });

  test('the total is exact even where adding the rounded test points in floating point would not be (7 × 1.43 ≠ 10.01)', () => {
    const naive = [1.43, 1.43, 1.43, 1.43, 1.43, 1.42, 1.43, 3.34, 3.33, 3.33, ...Array(12).fill(0.77), 0.76].reduce((a, b) => a + b, 0);
    expect(naive).not.toBe(30);
    let seed = 11;
    const rand = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
    const docs = [documentWith([{ id: '01-seven', tests: Array(7).fill({}) }, { id: '02-three', tests: Array(3).fill({}) }, { id: '03-thirteen', tests: Array(13).fill({}) }])];
    for (let d = 0; d < 40; d++) {
      docs.push(documentWith(Array.from({ length: 1 + Math.floor(rand() * 10) }, (_, i) => ({
        id: `${String(i + 1).padStart(2, '0')}-x`,
        tests: Array.from({ length: 1 + Math.floor(rand() * 17) }, () => ({ status: rand() < 0.7 ? ('passed' as const) : ('failed' as const) })),
      }))));
    }
    for (const doc of docs) {
      const r = reporter('grader', { GRADER_RESULTS: stepOutputs(classroom(doc, context).stdout!).result });
      expect({ total: r.totalPoints, max: r.maxPoints }).toEqual({ total: doc.score, max: doc.maxScore });
      for (const t of r.runnerResults[0]!.results.tests) expect(Math.abs(t.score - Math.round(t.score * 100) / 100)).toBeLessThan(1e-9);
    }
  });

  test('per test: pass, fail or error as in the document, a line number only when the message names one', () => {
    const decoded = read.runnerResults[0]!.results;
    const cases = casesOf(mixed);
    expect(decoded.tests.map((t) => t.status)).toEqual(cases.map((c) => (c.status === 'passed' ? 'pass' : c.status === 'error' ? 'error' : 'fail')));
    expect(read.passedTests).toBe(cases.filter((c) => c.status === 'passed').length);
    expect(decoded.tests.filter((t) => t.line_no !== 0).map((t) => [t.name, t.line_no])).toEqual([['02-range › a negative step counts down and stops before reaching stop', 12]]);
    expect(read.log).not.toMatch(/line undefined|: undefined$|Failed to run test/m);
    expect(read.failed).toBe('Some tests errored.');
  });

  test("a failed test's reason reaches the learner's log through test_code, with a way to run it again", () => {
    expect(read.log).toContain('❌ 02-range › a negative step counts down and stops before reaching stop - line 12\nTest code:\nthe values of new Range(5, 0, -1)');
    expect(read.log).toContain('To see it yourself: npx workbook run 02-range');
    expect(read.log).toContain('Error: This test never reported: the test process stopped.');
  });

  test('nothing the reporter prints can act as a workflow command', () => {
    const { commands } = runnerCommands(read.log);
    expect(commands).toEqual([]);
    expect(read.log).toContain('» ::error file=evil.ts,line=1::injected through a message');
  });

  test('status is pass when every test passed, fail when some failed, error when an exercise could not be graded', () => {
    const passed = reporter('all', { ALL_RESULTS: stepOutputs(classroom(allPassed, context).stdout!).result });
    expect({ status: passed.runnerResults[0]!.results.status, points: passed.totalPoints, max: passed.maxPoints, failed: passed.failed })
      .toEqual({ status: 'pass', points: 20, max: 20, failed: undefined });
    const failing = documentWith([{ id: '01-a', tests: [{}, { status: 'failed', message: 'no' }] }, { id: '02-b', tests: [{}, {}, {}] }]);
    const f = reporter('grader', { GRADER_RESULTS: stepOutputs(classroom(failing, context).stdout!).result });
    expect({ status: f.runnerResults[0]!.results.status, points: f.totalPoints, max: f.maxPoints, failed: f.failed }).toEqual({ status: 'fail', points: 15, max: 20, failed: 'Some tests failed.' });
  });
});

// ---- CI examples ------------------------------------------------------------------------------

describe('CI examples (examples/)', () => {
  const examples = path.join(root, 'examples');
  const yaml = (file: string) => jsYaml.load(fs.readFileSync(path.join(examples, file), 'utf8')) as Record<string, any>;

  test("Classroom: the workflow meets the reporter's rules and hands it the grader's result under <ID>_RESULTS", () => {
    const wf = yaml('github-classroom/.github/workflows/classroom.yml');
    expect(wf.name).toBe('Autograding Tests');
    expect(Object.keys(wf.jobs)).toEqual(['run-autograding-tests']);
    const steps = wf.jobs['run-autograding-tests'].steps as Record<string, any>[];
    const grade = steps.find((s) => typeof s.run === 'string' && s.run.includes('--format classroom'))!;
    expect(grade.run).toMatch(/^npx grader grade --format classroom/);
    const reporterStep = steps.find((s) => s.uses === 'classroom-resources/autograding-grading-reporter@v1')!;
    const runners = String(reporterStep.with.runners).split(',');
    expect(runners).toEqual([grade.id]);
    expect(runners.every((r) => /^[a-zA-Z0-9]+$/.test(r))).toBe(true);
    expect(reporterStep.env).toEqual({ [`${grade.id.toUpperCase()}_RESULTS`]: `\${{ steps.${grade.id}.outputs.result }}` });
    expect(steps.indexOf(grade)).toBeLessThan(steps.indexOf(reporterStep));
  });

  test('GitLab: the JUnit file the grader writes is the one published as the junit report, even when the job fails', () => {
    const ci = yaml('gitlab/.gitlab-ci.yml');
    const command = (ci.grade.script as string[]).find((line) => line.includes('--format junit'))!;
    const out = /--out (\S+)/.exec(command)![1];
    expect(ci.grade.artifacts.reports.junit).toBe(out);
    expect(ci.grade.artifacts.when).toBe('always');
  });

  test('batch: four shards each grade and upload out-I, then one job merges out-* into the gradebook', () => {
    const wf = yaml('github-batch/.github/workflows/grade-class.yml');
    expect(wf.jobs.grade.strategy.matrix.shard).toEqual([1, 2, 3, 4]);
    expect(wf.jobs.grade.strategy['fail-fast']).toBe(false);
    const gradeSteps = wf.jobs.grade.steps as Record<string, any>[];
    expect(gradeSteps.some((s) => s.run === 'npx grader batch submissions --out out-${{ matrix.shard }} --shard ${{ matrix.shard }}/4')).toBe(true);
    expect(gradeSteps.find((s) => String(s.uses).startsWith('actions/upload-artifact'))!.with.name).toBe('out-${{ matrix.shard }}');
    expect(wf.jobs.merge.needs).toBe('grade');
    const mergeSteps = wf.jobs.merge.steps as Record<string, any>[];
    const download = mergeSteps.find((s) => String(s.uses).startsWith('actions/download-artifact'))!;
    expect(download.with).toEqual({ pattern: 'out-*', path: '.' });
    expect(mergeSteps.some((s) => s.run === 'npx grader merge out-* --out gradebook')).toBe(true);
  });
});
