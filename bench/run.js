#!/usr/bin/env node
'use strict';
/**
 * npm run bench: the figures of issue 7, each the median of RUNS runs, beside its baseline
 * measured in the same run (the way most projects grade today: `tsc --noEmit`, then plain jest
 * with @swc/jest over the same suites and files), as a ratio. Prints the machine and its load
 * first. Wall clock is what a learner waits; CPU time (of the whole process tree) is printed
 * beside it because a loaded machine stretches the wall clock far more than the CPU time.
 * Timings live here, never in tests.
 *
 *   npm run build && node bench/run.js [--runs 5] [--only one,all,watch,class,memory]
 *                                      [--students 200] [--class-runs RUNS]
 *
 * "Cold" means a new process and empty caches: the grader's (jest's transforms of the suites,
 * the compiler's code cache) and the baseline jest's are deleted before every run. The grader
 * keeps those caches between runs in real use; the "caches kept" line shows what that is worth.
 *
 * The sandbox's cost (issue 10, point 7: this engine beside the last one without it, built from
 * git) is bench/sandbox.js, `npm run bench:sandbox`.
 */
const fs = require('node:fs');
const path = require('node:path');
const { root, node, measure, median, fmt, repeat, machine, load, catalogue, clearGraderCache, baselineProject, jestBin, tscBin, graderBin, classifyGrader, proc } = require('./lib');
const { classFigure, printClass } = require('./batch');

const args = process.argv.slice(2);
const option = (name, fallback) => (args.includes(`--${name}`) ? args[args.indexOf(`--${name}`) + 1] : fallback);
const RUNS = Number(option('runs', '5'));
const only = option('only', 'one,all,watch,class,memory').split(',');
const STUDENTS = Number(option('students', '200'));
const CLASS_RUNS = Number(option('class-runs', String(RUNS)));

if (!fs.existsSync(path.join(root, 'dist', 'cli', 'grader', 'main.js'))) {
  console.error('bench/run.js: build first (npm run build)');
  process.exit(2);
}

const solutions = path.join(root, 'solutions');
const memory = [];

/** Our grading of `exercises` (all when empty), cold or with the caches of the previous run kept. */
function gradeRun(exercises, { cold }) {
  return async () => {
    if (cold) clearGraderCache();
    return measure(node, [graderBin, 'grade', solutions, '--format', 'json', ...exercises.flatMap((id) => ['--exercise', id])], { classify: classifyGrader });
  };
}

/** The baseline: tsc --noEmit (when `types`), then plain jest, over the same suites and files, cold. */
const temporary = [];
function baselineProjectFor(ids) {
  const p = baselineProject(ids, solutions);
  temporary.push(p.dir);
  return p;
}

function baselineRun(ids, { types }) {
  const project = baselineProjectFor(ids);
  return async () => {
    fs.rmSync(project.cache, { recursive: true, force: true });
    const parts = [];
    if (types) parts.push(await measure(node, [tscBin, '-p', project.tsconfig]));
    parts.push(await measure(node, [jestBin, '-c', project.jestConfig, '--silent']));
    const sum = (key) => (parts.some((p) => p[key] === undefined) ? undefined : parts.reduce((s, p) => s + p[key], 0));
    return { wall: sum('wall'), cpu: sum('cpu'), peakMb: Math.max(...parts.map((p) => p.peakMb ?? 0)) || undefined, tscPeakMb: types ? parts[0].peakMb : undefined, jestPeakMb: parts[parts.length - 1].peakMb };
  };
}

/** Alternates ours and theirs run by run, so that a change in the machine's load hits both alike. */
async function sideBySide(oursFn, theirsFn) {
  const a = [];
  const b = [];
  for (let i = 0; i < RUNS; i++) {
    a.push(await oursFn(i));
    b.push(await theirsFn(i));
  }
  const summary = (rs) => ({ wall: median(rs.map((r) => r.wall)), cpu: median(rs.map((r) => r.cpu)), peakMb: median(rs.map((r) => r.peakMb)), all: rs });
  return [summary(a), summary(b)];
}

function line(name, ours, theirs, theirsLabel, goal) {
  console.log(name);
  console.log(`   ours ${fmt.s(ours.wall)} (cpu ${fmt.s(ours.cpu)}), baseline ${fmt.s(theirs.wall)} (cpu ${fmt.s(theirs.cpu)}; ${theirsLabel}): ratio ${fmt.ratio(ours.wall, theirs.wall)} wall, ${fmt.ratio(ours.cpu, theirs.cpu)} cpu (goal ${goal})`);
}

const childPeak = (runs) => {
  const peaks = runs.flatMap((r) => r.peaksByKind?.['test child'] ?? []);
  return peaks.length ? Math.max(...peaks) : undefined;
};

async function main() {
  console.log(`machine: ${machine()}`);
  console.log(`load average at start: ${load()}; median of ${RUNS} runs, ours and the baseline alternating${proc ? '' : ' (no /proc: wall clock only)'}\n`);

  if (only.includes('one')) {
    const [ours, theirs] = await sideBySide(gradeRun(['01'], { cold: true }), baselineRun(['01-data-iterator'], { types: true }));
    line('1. one exercise (01-data-iterator), cold process and caches, with type diagnostics', ours, theirs, 'tsc --noEmit, then jest with @swc/jest', '≤ 0.35×');
    const kept = await repeat(RUNS, gradeRun(['01'], { cold: false }));
    console.log(`   ours with its caches kept from the run before (what a learner's second run costs): ${fmt.s(kept.wall)} (cpu ${fmt.s(kept.cpu)}), ratio ${fmt.ratio(kept.wall, theirs.wall)}`);
    memory.push({ what: 'one exercise', grader: ours.peakMb, child: childPeak(ours.all), tsc: median(theirs.all.map((r) => r.tscPeakMb)), jest: median(theirs.all.map((r) => r.jestPeakMb)) });
  }

  if (only.includes('all')) {
    const ids = catalogue().exercises.map((e) => e.id);
    const [ours, theirs] = await sideBySide(gradeRun([], { cold: true }), baselineRun(ids, { types: false }));
    line(`2. the whole workbook (${ids.length} exercises), cold, type diagnostics and the grader's isolation`, ours, theirs, 'plain jest with @swc/jest, no types, no isolation', '≤ 1.1×');
    memory.push({ what: 'whole workbook', grader: ours.peakMb, child: childPeak(ours.all), jest: median(theirs.all.map((r) => r.jestPeakMb)) });
  }

  if (only.includes('watch')) {
    const watch = await measure(node, [path.join(__dirname, 'watch.js'), '--runs', String(RUNS)]);
    const saveToVerdict = Number(/save → verdict:\s+median (\d+) ms/.exec(watch.stdout)?.[1]);
    const project = baselineProjectFor(['01-data-iterator']);
    await measure(node, [jestBin, '-c', project.jestConfig, '--silent']); // a warm jest cache, as a second run has
    const jest = await repeat(RUNS, () => measure(node, [jestBin, '-c', project.jestConfig, '--silent']));
    console.log('3. watch mode (workbook watch), saving 01-data-iterator until its verdict is on screen');
    console.log(`   ours ${fmt.ms(saveToVerdict)}, baseline ${fmt.ms(jest.wall * 1000)} (running jest with @swc/jest on that suite again, warm cache): ratio ${fmt.ratio(saveToVerdict, jest.wall * 1000)} (goal ≤ 300 ms)`);
  }

  if (only.includes('class')) {
    const result = await classFigure({ students: STUDENTS, runs: CLASS_RUNS, jobs: 2, log: console.log });
    printClass(result);
    memory.push({ what: `a class of ${STUDENTS}, 2 jobs`, grader: result.ours.graderPeakMb, child: result.ours.childPeakMb, jest: result.baseline.peakMb });
  }

  if (only.includes('memory') && memory.length) {
    console.log('5. peak memory (resident, MiB; the grader\'s includes its type-checking thread)');
    for (const m of memory) {
      const base = [m.tsc !== undefined ? `tsc ${fmt.mb(m.tsc)}` : '', `jest ${fmt.mb(m.jest)}`].filter(Boolean).join(', ');
      console.log(`   ${m.what}: grader ${fmt.mb(m.grader)}, each test child ≤ ${fmt.mb(m.child)}; baseline ${base}`);
    }
  }

  console.log(`\nload average at end: ${load()}`);
}

main()
  .catch((error) => {
    console.error(`bench/run.js: ${error.message}`);
    process.exitCode = 1;
  })
  .finally(() => {
    for (const dir of temporary) fs.rmSync(dir, { recursive: true, force: true });
  });
