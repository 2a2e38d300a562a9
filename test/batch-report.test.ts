/**
 * The pure parts of batch grading: gradebook.csv (read back by Python's csv module, an
 * independent reader), the instructor report (Markdown through markdown-it, CSV through
 * Python), the shard assignment (checked against an independent Python implementation) and
 * the merge of shard folders, with every way a set of shards can be incomplete or inconsistent.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import MarkdownIt from 'markdown-it';
import {
  batchFiles, bandsOf, classReport, FILES, gradebookCsv, instructorReport, mergedFiles, mergeShards, parseCsv, parseGradebook,
  parseShard, readShardFolder, shard, shardOf, type BatchEntry, type OutputFile, type ShardInput,
} from '../src/core/batch';
import { UsageError } from '../src/core/errors';
import type { ResultDocument } from '../src/core/result';
import { schemaProblem } from '../src/core/schemas';

const batchDir = path.join(__dirname, 'fixtures', 'results', 'batch');
function load(student: string): ResultDocument {
  return JSON.parse(fs.readFileSync(path.join(batchDir, `${student}.json`), 'utf8')) as ResultDocument;
}
const STUDENTS = ['alice', 'bob', 'carol', 'dave'];
/** Given out of order on purpose: every output must sort them. */
const entries: BatchEntry[] = ['dave', 'alice', 'carol', 'bob'].map((student) => ({ student, doc: load(student) }));

/** Python's csv module: a reader that shares no code with ours. */
function pythonCsv(text: string): string[][] {
  const script = 'import csv, io, json, sys\nprint(json.dumps(list(csv.reader(io.TextIOWrapper(sys.stdin.buffer, encoding="utf-8", newline="")))))';
  const run = spawnSync('python3', ['-c', script], { input: text, encoding: 'utf8' });
  if (run.status !== 0) throw new Error(`python3 could not read the CSV: ${run.stderr}`);
  return JSON.parse(run.stdout) as string[][];
}

test('the batch fixtures are valid result documents', () => {
  for (const s of STUDENTS) expect({ s, problem: schemaProblem('result', load(s)) }).toEqual({ s, problem: undefined });
});

// ---- gradebook --------------------------------------------------------------------------------

describe('gradebook.csv', () => {
  test('a row per student, sorted by name: student, score, maxScore, then each exercise score', () => {
    expect(pythonCsv(gradebookCsv(entries))).toEqual([
      ['student', 'score', 'maxScore', '01-data-iterator', '02-range', '03-python-bridge'],
      ['alice', '30', '30', '10', '10', '10'],
      ['bob', '15', '30', '10', '5', '0'],
      ['carol', '3.33', '30', '3.33', '0', '0'],
      ['dave', '17.5', '30', '10', '7.5', '0'],
    ]);
  });

  test('names with commas, quotes, line breaks and spaces are quoted; formulas are kept as text; reading back gives the names', () => {
    const names = ['dave, "jr"', '=HYPERLINK("http://x","click")', '+1', "'quoted", ' spaced ', 'two\nlines', 'Zoë 李雷', '@home', '-minus'];
    const doc = load('alice');
    const book = gradebookCsv(names.map((student) => ({ student, doc })));
    const rows = pythonCsv(book).slice(1);
    const written = rows.map((r) => r[0]);
    const sorted = [...names].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    expect(written).toEqual(sorted.map((n) => (/^[=+\-@']/.test(n) ? `'${n}` : n)));
    expect(rows.every((r) => r.length === 6 && r[1] === '30')).toBe(true);
    expect(parseGradebook(book).rows.map((r) => r.student)).toEqual(sorted);
  });

  test('an exercise a student has no result for is an empty cell, and the columns keep catalogue order', () => {
    const bob = load('bob');
    const partial: ResultDocument = { ...bob, exercises: bob.exercises.filter((e) => e.id !== '01-data-iterator') };
    const book = gradebookCsv([{ student: 'aaron', doc: partial }, { student: 'bob', doc: bob }]);
    expect(pythonCsv(book).slice(0, 2)).toEqual([
      ['student', 'score', 'maxScore', '01-data-iterator', '02-range', '03-python-bridge'],
      ['aaron', '15', '30', '', '5', '0'],
    ]);
    expect(parseGradebook(book).rows[0]!.exercises).toEqual(new Map([['02-range', 5], ['03-python-bridge', 0]]));
  });

  test('reading a gradebook back refuses a wrong header, a short row, a repeated student and a non-number', () => {
    expect(() => parseGradebook('name,score\nx,1\n', 'out/gradebook.csv')).toThrow(/out\/gradebook.csv: the first line must start with student,score,maxScore/);
    expect(() => parseGradebook('student,score,maxScore,e1\nx,1,2\n')).toThrow(/line 2: 3 fields where the header has 4/);
    expect(() => parseGradebook('student,score,maxScore\nx,1,2\nx,1,2\n')).toThrow(/line 3: student x appears twice/);
    expect(() => parseGradebook('student,score,maxScore\nx,ten,2\n')).toThrow(/line 2, score: "ten" is not a number/);
    expect(() => parseGradebook('student,score,maxScore\nx,1,2\n')).not.toThrow();
  });

  test('the CSV reader takes what spreadsheets save: CRLF, a byte order mark, quoted commas, quotes and line breaks', () => {
    expect(parseCsv('\ufeffa,"b, c","say ""hi"""\r\n"multi\r\nline",,x\r\n')).toEqual([['a', 'b, c', 'say "hi"'], ['multi\r\nline', '', 'x']]);
    expect(() => parseCsv('a,"open\n', 'g.csv')).toThrow(/g.csv: a quoted field is not closed/);
    expect(() => parseCsv('"a"b\n', 'g.csv')).toThrow(/g.csv: line 1: text after a closing quote/);
  });
});

// ---- instructor report ------------------------------------------------------------------------

describe('instructor report', () => {
  const report = classReport(entries);

  test('class figures in percent: mean, median, highest, lowest', () => {
    // alice 30/30 = 100, bob 15/30 = 50, carol 3.33/30 = 11.1, dave 17.5/30 = 58.33
    expect({ students: report.students, mean: report.mean, median: report.median, highest: report.highest, lowest: report.lowest })
      .toEqual({ students: 4, mean: 54.86, median: 54.17, highest: 100, lowest: 11.1 });
  });

  test('scores fall in bands of ten percent, 100 % on its own', () => {
    expect(report.bands.filter((b) => b.students).map((b) => [b.label, b.students])).toEqual([['10–19 %', 1], ['50–59 %', 2], ['100 %', 1]]);
    expect(report.bands).toHaveLength(11);
    expect(bandsOf([0, 9.99, 10, 89.99, 99.99, 100]).map((b) => b.students)).toEqual([2, 1, 0, 0, 0, 0, 0, 0, 1, 1, 1]);
  });

  test('each test with how many students failed it and of how many graded, the most failed first (ties in exercise then test order)', () => {
    expect(report.tests.map((t) => [t.exercise, t.test.slice(0, 1), t.failed, t.graded])).toEqual([
      ['02-range', 'Z', 2, 3],
      ['03-python-bridge', 'P', 2, 3],
      ['03-python-bridge', 'Q', 2, 3],
      ['01-data-iterator', 'B', 1, 4],
      ['01-data-iterator', 'C', 1, 4],
      ['02-range', 'X', 1, 3],
      ['01-data-iterator', 'A', 0, 4],
      ['02-range', 'W', 0, 3],
      ['02-range', 'Y', 0, 3],
    ]);
    expect(report.tests[0]!.commonMessage).toBe('a huge range is lazy: expected true, got false.');
    expect(report.tests.at(-1)!.commonMessage).toBeUndefined();
  });

  test('a test that ran out of time or could not run counts as failed too', () => {
    const bob = load('bob');
    const doc: ResultDocument = JSON.parse(JSON.stringify(bob));
    doc.exercises[1]!.tests[1]!.status = 'timedout';
    doc.exercises[1]!.tests[3]!.status = 'error';
    const rows = classReport([{ student: 'bob', doc }]).tests.filter((t) => t.failed > 0).map((t) => t.test.slice(0, 1));
    expect(rows).toEqual(['X', 'Z', 'P', 'Q']);
  });

  test('ties stay in exercise order even when the first student (by name) lacks the first exercise', () => {
    const bob = load('bob');
    const late: ResultDocument = { ...bob, exercises: bob.exercises.slice(1) };
    const early: ResultDocument = JSON.parse(JSON.stringify(bob));
    early.exercises[0]!.tests[0]!.status = 'failed';
    const order = classReport([{ student: 'aaron', doc: late }, { student: 'zed', doc: early }]).tests.map((t) => `${t.failed}${t.test.slice(0, 1)}`);
    expect(order).toEqual(['2X', '2Z', '2P', '2Q', '1A', '0B', '0C', '0W', '0Y']);
  });

  test("each exercise's outcomes across the class", () => {
    expect(report.exercises.map((e) => [e.exercise, e.counts.passed, e.counts.partial, e.counts.failed, e.counts.error, e.counts.missing, e.counts['not-started'], e.meanScore])).toEqual([
      ['01-data-iterator', 3, 1, 0, 0, 0, 0, 8.33],
      ['02-range', 1, 2, 0, 0, 1, 0, 5.63],
      ['03-python-bridge', 1, 0, 1, 1, 0, 1, 2.5],
    ]);
  });

  test('the Markdown renders as three tables: distribution, exercises, tests in the same order', () => {
    const html = new MarkdownIt().render(instructorReport(entries).markdown);
    const tables = html.split('<table>').slice(1);
    expect(tables).toHaveLength(3);
    expect(tables[0]!.split('<tr>').length - 2).toBe(11);
    expect(tables[1]!.split('<tr>').length - 2).toBe(3);
    const testRows = [...tables[2]!.matchAll(/<tr>\n<td>([^<]*)<\/td>\n<td>([^<]*)<\/td>\n<td[^>]*>(\d+)<\/td>/g)].map((m) => [m[1], m[2]!.slice(0, 1), Number(m[3])]);
    expect(testRows).toEqual(report.tests.map((t) => [t.exercise, t.test.slice(0, 1), t.failed]));
    expect(html).toContain('4 students · mean 54.86 % · median 54.17 % · highest 100 % · lowest 11.1 %');
  });

  test('the CSV files say the same, and a message that looks like a formula stays text', () => {
    const r = instructorReport(entries);
    const tests = pythonCsv(r.testsCsv);
    expect(tests[0]).toEqual(['exercise', 'test', 'failed', 'graded', 'failedPercent', 'commonMessage']);
    expect(tests[1]).toEqual(['02-range', 'Z: a huge range is lazy', '2', '3', '66.67', 'a huge range is lazy: expected true, got false.']);
    expect(tests).toHaveLength(10);
    expect(pythonCsv(r.distributionCsv).filter((row) => row[3] !== '0')).toEqual([['band', 'fromPercent', 'toPercent', 'students'], ['10–19 %', '10', '20', '1'], ['50–59 %', '50', '60', '2'], ['100 %', '100', '100', '1']]);
    const bob = load('bob');
    const evil: ResultDocument = JSON.parse(JSON.stringify(bob));
    evil.exercises[1]!.tests[1]!.message = '=cmd|"/c calc"!A1';
    const row = pythonCsv(instructorReport([{ student: 'eve', doc: evil }]).testsCsv).find((t) => t[1]!.startsWith('X'))!;
    expect(row[5]).toBe('\'=cmd|"/c calc"!A1');
  });
});

// ---- shards -----------------------------------------------------------------------------------

/** The same rule written in Python: SHA-256 of the NFC UTF-8 name, first four bytes big-endian, mod N, plus 1. */
function pythonShards(names: string[], counts: number[]): Record<string, number[]> {
  const script = 'import hashlib, json, sys, unicodedata\nnames, counts = json.load(sys.stdin)\nh = [int.from_bytes(hashlib.sha256(unicodedata.normalize("NFC", n).encode("utf-8")).digest()[:4], "big") for n in names]\nprint(json.dumps({str(c): [x % c + 1 for x in h] for c in counts}))';
  const run = spawnSync('python3', ['-c', script], { input: JSON.stringify([names, counts]), encoding: 'utf8' });
  if (run.status !== 0) throw new Error(run.stderr);
  return JSON.parse(run.stdout) as Record<string, number[]>;
}

describe('shard assignment', () => {
  const many = Array.from({ length: 2000 }, (_, i) => `student-${i}-${(i * 7919) % 1000}`);

  test('is the same on every machine: known names keep their shard, and an independent Python implementation agrees', () => {
    expect(['alice', 'bob', 'carol', 'dave', 'Zoë', '李雷', "o'brien", 'dave, "jr"'].map((n) => shardOf(n, 4))).toEqual([2, 1, 4, 4, 1, 3, 1, 2]);
    expect(['alice', 'bob', 'carol', 'dave'].map((n) => shardOf(n, 2))).toEqual([2, 1, 2, 2]);
    const sample = [...many.slice(0, 200), 'Zoë', 'Zoe\u0308', 'ÅNGSTRÖM', '🎉 party', ''];
    const python = pythonShards(sample, [1, 3, 4, 7]);
    for (const n of [1, 3, 4, 7]) expect({ n, shards: sample.map((s) => shardOf(s, n)) }).toEqual({ n, shards: python[String(n)] });
  });

  test('a name written with combining accents (NFD) goes where its composed form (NFC) goes', () => {
    const raw = (s: string, n: number) => (createHash('sha256').update(s, 'utf8').digest().readUInt32BE(0) % n) + 1;
    const counts = Array.from({ length: 30 }, (_, i) => i + 2);
    // Without normalising, the two spellings would land apart for some of these counts…
    expect(counts.some((n) => raw('Zoe\u0308', n) !== raw('Zo\u00eb', n))).toBe(true);
    // …with it, never.
    for (const n of counts) expect({ n, nfd: shardOf('Zoe\u0308', n) }).toEqual({ n, nfd: shardOf('Zo\u00eb', n) });
  });

  test('every student is in exactly one of the N shards, and the shards are about even', () => {
    for (const count of [1, 2, 4, 7]) {
      for (const name of many.slice(0, 300)) {
        const owners = Array.from({ length: count }, (_, i) => i + 1).filter((i) => shard(name, i, count));
        expect({ name, count, owners: owners.length }).toEqual({ name, count, owners: 1 });
      }
    }
    const sizes = [1, 2, 3, 4].map((i) => many.filter((n) => shard(n, i, 4)).length);
    for (const size of sizes) expect(size).toBeGreaterThan(400);
    expect(sizes.reduce((a, b) => a + b, 0)).toBe(2000);
  });

  test('--shard I/N is read and checked, with a one-line reason', () => {
    expect(parseShard('2/4')).toEqual({ index: 2, count: 4 });
    expect(parseShard(' 1 / 1 ')).toEqual({ index: 1, count: 1 });
    for (const bad of ['0/4', '5/4', '2', '2/0', 'a/b', '-1/4', '1.5/4']) expect(() => parseShard(bad)).toThrow(UsageError);
    expect(() => parseShard('5/4')).toThrow('--shard 5/4: I must be from 1 to N, and N at least 1');
    expect(() => shard('alice', 0, 4)).toThrow(/the index must be from 1 to 4/);
    expect(() => shardOf('alice', 0)).toThrow(/shard count must be a whole number from 1/);
  });
});

// ---- merge ------------------------------------------------------------------------------------

function asInput(name: string, files: OutputFile[]): ShardInput {
  const input: ShardInput = { name, results: [] };
  for (const f of files) {
    if (f.path === FILES.gradebook) input.gradebook = f.content;
    else if (f.path === FILES.state) input.state = f.content;
    else if (f.path.endsWith('.json')) input.results.push({ student: f.path.slice(0, -5), text: f.content });
  }
  return input;
}

/** The four students graded as `grader batch --shard I/2` would: each shard keeps its own. */
function shardsOf(all: BatchEntry[], count: number): ShardInput[] {
  return Array.from({ length: count }, (_, k) => {
    const mine = all.filter((e) => shard(e.student, k + 1, count));
    return asInput(`out-${k + 1}`, batchFiles(mine, { shard: { index: k + 1, count } }));
  });
}

function replace(input: ShardInput, change: Partial<ShardInput>): ShardInput {
  return { ...input, ...change };
}

describe('merge', () => {
  const two = shardsOf(entries, 2);

  test('an output folder is gradebook.csv, a .json per student, the report, and batch-state.json last', () => {
    const files = batchFiles(entries, { shard: null });
    expect(files.map((f) => f.path)).toEqual(['gradebook.csv', 'alice.json', 'bob.json', 'carol.json', 'dave.json', 'report.md', 'report-tests.csv', 'report-distribution.csv', 'batch-state.json']);
    const state = JSON.parse(files.at(-1)!.content);
    expect(schemaProblem('batch-state', state)).toBeUndefined();
    expect(state).toEqual({ schemaVersion: 1, kind: 'batch-state', shard: null, students: STUDENTS, exercises: ['01-data-iterator', '02-range', '03-python-bridge'] });
    expect(JSON.parse(files[1]!.content)).toEqual(load('alice'));
  });

  test('merging the shards gives what one unsharded batch would have written', () => {
    expect(two.map((s) => s.results.map((r) => r.student))).toEqual([['bob'], ['alice', 'carol', 'dave']]);
    const merged = mergeShards([two[1]!, two[0]!]);
    expect(merged.warnings).toEqual([]);
    expect(merged.entries.map((e) => e.student)).toEqual(STUDENTS);
    expect(mergedFiles(merged)).toEqual(batchFiles(entries, { shard: null }));
  });

  test('merging folders read from disk works the same, including four shards of which one is empty', () => {
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'merge-'));
    try {
      const four = Array.from({ length: 4 }, (_, k) => batchFiles(entries.filter((e) => shard(e.student, k + 1, 4)), { shard: { index: k + 1, count: 4 } }));
      const dirs = four.map((files, k) => {
        const dir = path.join(tmp, `out-${k + 1}`);
        fs.mkdirSync(dir);
        for (const f of files) fs.writeFileSync(path.join(dir, f.path), f.content);
        return dir;
      });
      expect(four.map((files) => files.filter((f) => f.path.endsWith('.json')).length - 1)).toEqual([1, 1, 0, 2]);
      const merged = mergeShards(dirs.map(readShardFolder));
      expect(mergedFiles(merged)).toEqual(batchFiles(entries, { shard: null }));
      expect(() => readShardFolder(path.join(tmp, 'nope'))).toThrow(/cannot read the batch output folder .*nope: ENOENT/);
    } finally {
      fs.rmSync(tmp, { recursive: true, force: true });
    }
  });

  test('a shard that did not finish (no batch-state.json) or was left out stops the merge, naming it', () => {
    expect(() => mergeShards([two[0]!])).toThrow('shard 2/2 is missing: its output folder was not given, or its job did not finish');
    expect(() => mergeShards([two[0]!, replace(two[1]!, { state: undefined })])).toThrow(/out-2: no batch-state.json, so this batch did not finish/);
    expect(() => mergeShards([two[0]!, replace(two[1]!, { gradebook: undefined })])).toThrow(/out-2: no gradebook.csv/);
    expect(() => mergeShards([])).toThrow(/give at least one batch output folder/);
  });

  test('the same shard twice, or shards of different batches, are refused', () => {
    expect(() => mergeShards([two[0]!, two[1]!, { ...two[1]!, name: 'out-2-again' }])).toThrow('shard 2/2 is given twice: out-2 and out-2-again');
    const three = shardsOf(entries, 3);
    expect(() => mergeShards([...two, three[0]!])).toThrow(/out-1 is shard 1\/3, but out-1 is one of 2: these shards are not of one batch/);
  });

  test('a folder whose gradebook, documents and batch-state disagree is refused', () => {
    const b = two[1]!;
    const withoutCarol = b.results.filter((r) => r.student !== 'carol');
    expect(() => mergeShards([two[0]!, replace(b, { results: withoutCarol })])).toThrow("out-2: batch-state.json lists carol, but there is no such .json file");
    const extra = [...b.results, { student: 'bob', text: two[0]!.results[0]!.text }];
    expect(() => mergeShards([two[0]!, replace(b, { results: extra })])).toThrow('out-2: bob.json is not in batch-state.json');
    const book = b.gradebook!.split('\n').filter((l) => !l.startsWith('dave,')).join('\n');
    expect(() => mergeShards([two[0]!, replace(b, { gradebook: book })])).toThrow('out-2/gradebook.csv does not match the folder: dave.json has no row');
    const wrongScore = b.gradebook!.replace(/^dave,17\.5,/m, 'dave,20,');
    expect(() => mergeShards([two[0]!, replace(b, { gradebook: wrongScore })])).toThrow('out-2: dave has 20/30 in gradebook.csv but 17.5/30 in dave.json');
  });

  test('a student graded by a shard the hash does not give them is refused (the shards saw different folders)', () => {
    const stray = asInput('out-1', batchFiles([entries.find((e) => e.student === 'alice')!, entries.find((e) => e.student === 'bob')!], { shard: { index: 1, count: 2 } }));
    expect(() => mergeShards([stray, two[1]!])).toThrow('out-1: alice was graded by shard 1/2, but belongs to shard 2/2; were the shards run with different student folders?');
  });

  test('broken files get a one-line reason naming the file', () => {
    const b = two[1]!;
    const broken = b.results.map((r) => (r.student === 'dave' ? { ...r, text: '{"schemaVersion": 1,' } : r));
    expect(() => mergeShards([two[0]!, replace(b, { results: broken })])).toThrow(/^out-2\/dave.json: not valid JSON/);
    const invalid = b.results.map((r) => (r.student === 'dave' ? { ...r, text: JSON.stringify({ ...load('dave'), score: -1 }) } : r));
    expect(() => mergeShards([two[0]!, replace(b, { results: invalid })])).toThrow(/^out-2\/dave.json: \/score must be >= 0/);
    expect(() => mergeShards([two[0]!, replace(b, { state: '{"kind":"batch-state"}' })])).toThrow(/^out-2\/batch-state.json: /);
  });

  test('unsharded batches merge too; a student in two of them is kept once if identical, refused if not', () => {
    const a = asInput('class-a', batchFiles(entries.slice(0, 3), { shard: null }));
    const b = asInput('class-b', batchFiles(entries.slice(2), { shard: null }));
    const merged = mergeShards([a, b]);
    expect(merged.entries.map((e) => e.student)).toEqual(STUDENTS);
    expect(merged.warnings).toEqual(['carol is in class-a and in class-b with the same results; kept once']);
    const otherCarol: BatchEntry = { student: 'carol', doc: { ...load('carol'), durationMs: 1 } };
    const c = asInput('class-c', batchFiles([otherCarol], { shard: null }));
    expect(() => mergeShards([a, c])).toThrow('carol is in class-a and in class-c with different results; merge only one of them');
  });

  test('a student folder named batch-state cannot be written over the batch state', () => {
    expect(() => batchFiles([{ student: 'batch-state', doc: load('alice') }])).toThrow(/may not be called batch-state/);
  });
});
