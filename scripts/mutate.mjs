#!/usr/bin/env node
// Mutation testing of the hidden suites (issue 11): Stryker mutates solutions/**/*.ts and runs
// grader/suites against each mutant (through grader/jest.stryker.config.js, which maps
// @submission/... to the mutated solutions). Prints the score per exercise and overall, writes
// the HTML report to reports/mutation/index.html (git ignores reports/), and compares every
// surviving mutant with the reviewed record of equivalent mutants, grader/mutants.json.
//
//   npm run mutate                    full run, scores and survivors (exit 0 unless Stryker fails)
//   npm run mutate -- --incremental   reuse reports/stryker-incremental.json for unchanged code and tests
//   npm run mutate:check              the same, but exit 1 if a mutant survives that the record does
//                                     not list, or the record lists one that no longer survives (CI)
//   node scripts/mutate.mjs --from reports/mutation/mutation.json [--check]
//                                     no new run: re-read a JSON report (after editing the record)
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const RECORD = 'grader/mutants.json';
const SCHEMA = 'schemas/mutants.schema.json';
const REPORT_DIR = 'reports/mutation';

const args = process.argv.slice(2);
const check = args.includes('--check');
const incremental = args.includes('--incremental');
const fromIndex = args.indexOf('--from');
const from = fromIndex >= 0 ? args[fromIndex + 1] : undefined;
for (const arg of args) {
  if (!['--check', '--incremental', '--from', from].includes(arg)) {
    console.error(`mutate: unknown argument ${arg}`);
    process.exit(2);
  }
}

/** Text as the record keeps it: every run of white space is one space (an indent change is no change). */
const normalize = (text) => text.replace(/\s+/g, ' ').trim();
const rel = (file) => path.relative(root, path.resolve(root, file)).split(path.sep).join('/');
const exerciseOf = (file) => rel(file).split('/')[1] ?? rel(file);

// ---- the record -------------------------------------------------------------------------------

function loadRecord() {
  const Ajv = require('ajv');
  const ajv = new (Ajv.default ?? Ajv)({ allErrors: false, strict: true });
  const validate = ajv.compile(JSON.parse(fs.readFileSync(path.join(root, SCHEMA), 'utf8')));
  const record = JSON.parse(fs.readFileSync(path.join(root, RECORD), 'utf8'));
  if (!validate(record)) {
    const e = validate.errors[0];
    throw new Error(`${RECORD} does not match ${SCHEMA}: ${e.instancePath || '(the top level)'} ${e.message}`);
  }
  return record;
}

/** The solutions must read as a learner would write them: no tool comments in them. */
function toolComments() {
  const found = [];
  const walk = (dir) => {
    for (const entry of fs.readdirSync(path.join(root, dir), { withFileTypes: true })) {
      const file = `${dir}/${entry.name}`;
      if (entry.isDirectory()) walk(file);
      else if (/Stryker\s+(disable|restore)/i.test(fs.readFileSync(path.join(root, file), 'utf8'))) found.push(file);
    }
  };
  walk('solutions');
  return found;
}

// ---- running Stryker, or reading a report -----------------------------------------------------

/** One mutant as the report schema has it: 1-based lines and columns, the source beside it. */
function fromReport(report) {
  const mutants = [];
  for (const [fileName, file] of Object.entries(report.files)) {
    for (const m of file.mutants) mutants.push({ ...m, fileName: rel(fileName), source: file.source });
  }
  return mutants;
}

async function run() {
  const { Stryker } = await import('@stryker-mutator/core');
  const reporters = ['html', 'json', process.stdout.isTTY ? 'progress' : 'progress-append-only'];
  const options = { configFile: path.join(root, 'stryker.config.json'), reporters };
  if (incremental) Object.assign(options, { incremental: true });
  await new Stryker(options).runMutationTest();
  // The JSON report is the documented form (mutation-testing-report-schema): read the run from it.
  return fromReport(JSON.parse(fs.readFileSync(path.join(root, REPORT_DIR, 'mutation.json'), 'utf8')));
}

function originalText(mutant) {
  const lines = mutant.source.split('\n');
  const offset = ({ line, column }) => {
    let at = 0;
    for (let i = 0; i < line - 1; i++) at += lines[i].length + 1;
    return at + column - 1;
  };
  return mutant.source.slice(offset(mutant.location.start), offset(mutant.location.end));
}

// ---- matching survivors with the record -------------------------------------------------------

const keyOf = (file, mutator, original, replacement) => JSON.stringify([file, mutator, normalize(original), normalize(replacement)]);

/**
 * An entry stands for one mutant: same file, mutator, original and replacement text (white space
 * aside). When several mutants share all four (the same expression twice in a file), entries and
 * mutants are paired in line order, so the line in an entry is only a hint and an edit elsewhere
 * in the file does not break the record.
 */
function match(survivors, entries) {
  const groups = new Map();
  const group = (key) => {
    if (!groups.has(key)) groups.set(key, { mutants: [], entries: [] });
    return groups.get(key);
  };
  for (const m of survivors) group(keyOf(m.fileName, m.mutatorName, m.original, m.replacement ?? '')).mutants.push(m);
  for (const e of entries) group(keyOf(e.file, e.mutator, e.original, e.replacement)).entries.push(e);
  const listed = [];
  const unlisted = [];
  const stale = [];
  for (const { mutants, entries: es } of groups.values()) {
    mutants.sort((a, b) => a.location.start.line - b.location.start.line || a.location.start.column - b.location.start.column);
    es.sort((a, b) => a.line - b.line);
    const paired = Math.min(mutants.length, es.length);
    for (let i = 0; i < paired; i++) listed.push({ mutant: mutants[i], entry: es[i] });
    unlisted.push(...mutants.slice(paired));
    stale.push(...es.slice(paired));
  }
  return { listed, unlisted, stale };
}

// ---- output -----------------------------------------------------------------------------------

const DETECTED = new Set(['Killed', 'Timeout']);
const UNDETECTED = new Set(['Survived', 'NoCoverage']);
const pct = (part, whole) => (whole === 0 ? 'n/a' : `${((100 * part) / whole).toFixed(1)}%`);
const short = (text) => {
  const t = normalize(text);
  return t.length > 70 ? `${t.slice(0, 67)}...` : t;
};
const where = (m) => `${m.fileName}:${m.location.start.line}:${m.location.start.column}`;

function table(mutants, reviewed) {
  const rows = new Map();
  const row = (name) => {
    if (!rows.has(name)) rows.set(name, { killed: 0, timeout: 0, survived: 0, noCoverage: 0, reviewed: 0, errors: 0 });
    return rows.get(name);
  };
  const total = row('all');
  for (const m of mutants) {
    for (const r of [row(exerciseOf(m.fileName)), total]) {
      if (m.status === 'Killed') r.killed++;
      else if (m.status === 'Timeout') r.timeout++;
      else if (m.status === 'Survived') r.survived++;
      else if (m.status === 'NoCoverage') r.noCoverage++;
      else r.errors++;
      if (reviewed.has(m)) r.reviewed++;
    }
  }
  const names = [...rows.keys()].filter((n) => n !== 'all').sort();
  const head = ['exercise', 'score', 'killed', 'timeout', 'survived', 'no cov', 'equivalent', 'score, equivalent left out'];
  const lines = [head];
  for (const name of [...names, 'all']) {
    const r = rows.get(name);
    const detected = r.killed + r.timeout;
    const valid = detected + r.survived + r.noCoverage;
    lines.push([name === 'all' ? 'all exercises' : name, `${pct(detected, valid)} (${detected}/${valid})`, r.killed, r.timeout, r.survived, r.noCoverage, r.reviewed,
      pct(detected, valid - r.reviewed)].map(String));
  }
  const widths = head.map((_, i) => Math.max(...lines.map((l) => l[i].length)));
  for (const [n, l] of lines.entries()) {
    console.log(l.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]) : cell.padStart(widths[i]))).join('  '));
    if (n === 0 || n === lines.length - 2) console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  }
}

async function main() {
  const record = loadRecord();
  const mutants = from ? fromReport(JSON.parse(fs.readFileSync(path.resolve(from), 'utf8'))) : await run();
  for (const m of mutants) m.original = originalText(m);
  const survivors = mutants.filter((m) => UNDETECTED.has(m.status));
  const { listed, unlisted, stale } = match(survivors, record.mutants);
  console.log('');
  console.log('Mutation score of grader/suites over solutions/ (killed or timed out, of all mutants):');
  table(mutants, new Set(listed.map((l) => l.mutant)));
  console.log('');
  console.log(`${survivors.length} mutant(s) survived: ${listed.length} reviewed as equivalent in ${RECORD}, ${unlisted.length} not in it.`);
  const problems = [];
  for (const m of unlisted) {
    problems.push(`a mutant survived that ${RECORD} does not list: ${where(m)} ${m.mutatorName} (${m.status}): \`${short(m.original)}\` -> \`${short(m.replacement ?? '')}\``);
  }
  // An equivalent mutant that timed out this run (a loaded machine stretches every test) is noted,
  // not failed: only a mutant that was killed, or code that changed, makes an entry stale.
  const timedOut = new Set(mutants.filter((m) => m.status === 'Timeout').map((m) => keyOf(m.fileName, m.mutatorName, m.original, m.replacement ?? '')));
  for (const e of stale) {
    const text = `${e.file}:${e.line} ${e.mutator}: \`${short(e.original)}\` -> \`${short(e.replacement)}\``;
    if (timedOut.has(keyOf(e.file, e.mutator, e.original, e.replacement))) console.log(`  note: ${RECORD} lists a mutant that timed out this run instead of surviving (a loaded machine?): ${text}`);
    else problems.push(`${RECORD} lists a mutant that did not survive this run (killed now, or the code changed): ${text}`);
  }
  const comments = toolComments();
  for (const file of comments) problems.push(`${file} has a Stryker comment: keep tool comments out of the solutions (record the mutant in ${RECORD} instead)`);
  const errors = mutants.filter((m) => !DETECTED.has(m.status) && !UNDETECTED.has(m.status));
  for (const m of errors) problems.push(`a mutant could not be tested (${m.status}${m.statusReason ? `: ${m.statusReason.split('\n')[0]}` : ''}): ${where(m)} ${m.mutatorName}`);
  for (const p of problems) console.log(`  ${check ? 'FAIL' : 'note'}: ${p}`);
  if (unlisted.length > 0) {
    console.log(`Either a suite in grader/suites misses a behaviour of the contract (add a test), or the mutant changes nothing the contract cares about (add an entry to ${RECORD}: see its "review").`);
  }
  console.log(`HTML report: ${REPORT_DIR}/index.html`);
  if (check && problems.length > 0) process.exitCode = 1;
}

main().catch((error) => {
  console.error(error instanceof Error ? error.stack : error);
  process.exitCode = 1;
});
