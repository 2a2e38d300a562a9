#!/usr/bin/env node
/**
 * npm run bench: grading speed, each figure the median of RUNS cold processes, beside the
 * baseline most projects use today measured in the same run (tsc --noEmit, then plain jest
 * with @swc/jest over the same suites and files). Prints the machine first. Timings live here,
 * never in tests.
 *   node bench/run.js [--runs 5] [--only one,all,class]
 */
'use strict';
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const root = path.resolve(__dirname, '..');
const args = process.argv.slice(2);
const RUNS = Number(args[args.indexOf('--runs') + 1]) || 5;
const only = args.includes('--only') ? args[args.indexOf('--only') + 1].split(',') : ['one', 'all', 'class'];
const node = process.execPath;
const grader = path.join(root, 'bin', 'grader.js');
const catalogue = JSON.parse(fs.readFileSync(path.join(root, 'catalogue.json'), 'utf8'));

function time(cmd, argv, options = {}) {
  const started = process.hrtime.bigint();
  const run = spawnSync(cmd, argv, { cwd: root, encoding: 'utf8', maxBuffer: 1 << 28, ...options });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  if (run.status !== 0 && run.status !== 1) throw new Error(`${cmd} ${argv.join(' ')} failed: ${run.stderr}`);
  return seconds;
}

function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

function measure(label, fn) {
  const xs = [];
  for (let i = 0; i < RUNS; i++) xs.push(fn());
  return { label, median: median(xs), runs: xs };
}

/** A folder of plain jest config + tsconfig for the baseline over the given exercises. */
function baselineProject(ids) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-baseline-'));
  fs.writeFileSync(path.join(dir, 'jest.config.js'), `module.exports = ${JSON.stringify({
    rootDir: root,
    roots: ['<rootDir>/grader/suites'],
    testMatch: ids.map((id) => `**/${id}.test.ts`),
    testEnvironment: 'node',
    transform: { '^.+\\.ts$': [require.resolve('@swc/jest', { paths: [root] }), {}] },
    moduleNameMapper: { '^@submission/(.*)$': `${root}/solutions/$1` },
    cacheDirectory: path.join(dir, 'cache'),
  })};\n`);
  const files = ids.flatMap((id) => {
    const e = catalogue.exercises.find((x) => x.id === id);
    return [path.join(root, 'grader/suites', `${id}.test.ts`), path.join(root, 'solutions', id, e.file)];
  });
  fs.writeFileSync(path.join(dir, 'tsconfig.json'), JSON.stringify({
    compilerOptions: { strict: true, noEmit: true, target: 'ES2022', module: 'commonjs', moduleResolution: 'node', types: ['node', 'jest'], typeRoots: [path.join(root, 'node_modules/@types')], skipLibCheck: true, esModuleInterop: true, baseUrl: root, paths: { '@submission/*': ['solutions/*'] } },
    files,
  }));
  return dir;
}

function baseline(ids, withTypes) {
  const dir = baselineProject(ids);
  return () => {
    fs.rmSync(path.join(dir, 'cache'), { recursive: true, force: true });
    let t = 0;
    if (withTypes) t += time(node, [path.join(root, 'node_modules/typescript/bin/tsc'), '-p', path.join(dir, 'tsconfig.json')]);
    t += time(node, [path.join(root, 'node_modules/jest/bin/jest.js'), '-c', path.join(dir, 'jest.config.js'), '--silent']);
    return t;
  };
}

const cold = () => {
  try {
    fs.rmSync(path.join(root, 'node_modules/.cache/iteration-grader'), { recursive: true, force: true, maxRetries: 5 });
  } catch {
    /* another grading is writing there right now: the run is then only partly cold */
  }
};
const gradeRun = (extra) => () => { cold(); return time(node, [grader, 'grade', 'solutions', '--format', 'json', ...extra]); };

console.log(`machine: ${os.cpus().length} × ${os.cpus()[0].model}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, ${os.platform()} ${os.release()}, node ${process.version}`);
console.log(`load average at start: ${os.loadavg().map((l) => l.toFixed(2)).join(' ')}; median of ${RUNS} cold runs (jest cache cleared each run)\n`);

const rows = [];
const compare = (name, ours, theirs, goal) => {
  const ratio = ours.median / theirs.median;
  rows.push(`${name}\n  ours ${ours.median.toFixed(2)} s, baseline ${theirs.median.toFixed(2)} s (${theirs.label}): ratio ${ratio.toFixed(2)}× (goal ${goal})`);
  console.log(rows[rows.length - 1]);
};

if (only.includes('one')) {
  compare('1. one exercise (01), with type diagnostics',
    measure('grader', gradeRun(['--exercise', '01'])),
    measure('tsc --noEmit then jest @swc/jest', baseline(['01-data-iterator'], true)),
    '≤ 0.35×');
  const both = measure('grader', gradeRun(['--exercise', '01', '06']));
  console.log(`   both 01 and 06 with type diagnostics: ${both.median.toFixed(2)} s`);
}
if (only.includes('all')) {
  const ids = catalogue.exercises.map((e) => e.id);
  compare('2. the whole workbook (10 exercises), type diagnostics and isolation',
    measure('grader', gradeRun([])),
    measure('plain jest @swc/jest, no types, no isolation', baseline(ids, false)),
    '≤ 1.1×');
}
if (only.includes('class')) {
  console.log('3. a class of students: see `grader batch` (bench/batch.js when present)');
}
