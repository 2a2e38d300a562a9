#!/usr/bin/env node
'use strict';
/**
 * A class at once: `grader batch --jobs 2` (type diagnostics included) against the usual way,
 * one plain jest process per student (@swc/jest, no type checking) run two at a time, on the same
 * class. The class: STUDENTS folders, each exercise a reference solution or one of the wrong
 * (or differently right) versions under test/variants, chosen by the student's number, and every
 * file ends with a comment naming its student, so no two students hand in the same file and no
 * cache keyed by content can answer for anyone. Each side starts with its caches empty.
 *
 *   node bench/batch.js [--students 200] [--runs 5] [--jobs 2]
 * (also run by `npm run bench`, which prints it with the other figures)
 */
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { root, node, measure, median, fmt, machine, load, catalogue, clearGraderCache, baselineProject, jestBin, graderBinOf, classifyGrader, classifyJest, proc } = require('./lib');

/** Writes the class; returns its folder. */
function makeClass(students, dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-class-'))) {
  const cat = catalogue();
  for (let k = 0; k < students; k++) {
    const student = `student-${String(k + 1).padStart(3, '0')}`;
    for (const [j, e] of cat.exercises.entries()) {
      const variants = path.join(root, 'test', 'variants', e.id);
      const names = fs.existsSync(variants) ? fs.readdirSync(variants).filter((v) => fs.existsSync(path.join(variants, v, e.file))).sort() : [];
      const choices = ['', '', ...names]; // a reference solution is twice as likely as any one variant
      const pick = choices[(k * 7 + j * 3) % choices.length];
      const from = pick ? path.join(variants, pick, e.file) : path.join(root, 'solutions', e.id, e.file);
      const to = path.join(dir, student, e.id, e.file);
      fs.mkdirSync(path.dirname(to), { recursive: true });
      fs.writeFileSync(to, `${fs.readFileSync(from, 'utf8')}\n// handed in by ${student}\n`);
    }
  }
  return dir;
}

/**
 * Our side: one `grader batch` run over the class, its caches emptied first; `engineRoot` is the
 * grader that runs (this project's, or bench/sandbox.js's build of an earlier commit).
 */
async function graderBatch(classDir, jobs, { engineRoot = root, extra = [] } = {}) {
  const out = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-class-out-'));
  clearGraderCache(engineRoot);
  try {
    const run = await measure(node, [graderBinOf(engineRoot), 'batch', classDir, '--out', out, '--jobs', String(jobs), ...extra], { cwd: engineRoot, classify: classifyGrader });
    const reports = fs.readdirSync(out).filter((f) => f.endsWith('.json') && f !== 'batch-state.json');
    const scores = {};
    for (const f of reports) {
      try {
        scores[f] = JSON.parse(fs.readFileSync(path.join(out, f), 'utf8')).score;
      } catch {
        scores[f] = undefined;
      }
    }
    return { ...run, graded: reports.length, scores };
  } finally {
    fs.rmSync(out, { recursive: true, force: true });
  }
}

/** The baseline: for each student a plain jest process over the ten suites, `jobs` at a time. */
async function baseline(classDir, jobs) {
  const students = fs.readdirSync(classDir).sort();
  const ids = catalogue().exercises.map((e) => e.id);
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-class-jest-'));
  const cache = path.join(work, 'cache');
  const configs = students.map((s) => {
    const project = baselineProject(ids, path.join(classDir, s), fs.mkdtempSync(path.join(work, 'p-')));
    // One cache for the class, as one project's jest would have.
    const text = fs.readFileSync(project.jestConfig, 'utf8').replace(JSON.stringify(project.cache), JSON.stringify(cache));
    fs.writeFileSync(project.jestConfig, text);
    return project.jestConfig;
  });
  const before = proc ? Number(fs.readFileSync('/proc/self/stat', 'utf8').split(') ')[1].split(' ').slice(13, 15).reduce((a, b) => a + Number(b), 0)) : 0;
  const started = process.hrtime.bigint();
  const peaks = [];
  let next = 0;
  const lane = async () => {
    while (next < configs.length) {
      const config = configs[next++];
      const run = await measure(node, [jestBin, '-c', config, '--silent'], { classify: classifyJest });
      peaks.push(run.peakMb);
    }
  };
  await Promise.all(Array.from({ length: jobs }, lane));
  const wall = Number(process.hrtime.bigint() - started) / 1e9;
  const after = proc ? Number(fs.readFileSync('/proc/self/stat', 'utf8').split(') ')[1].split(' ').slice(13, 15).reduce((a, b) => a + Number(b), 0)) : 0;
  fs.rmSync(work, { recursive: true, force: true });
  return { wall, cpu: proc ? ((after - before) * 10) / 1000 : undefined, peakMb: Math.max(...peaks.filter((x) => x !== undefined)), graded: students.length };
}

/** Both sides, `runs` times each (alternating), on one class of `students`. */
async function classFigure({ students = 200, runs = 5, jobs = 2, log = console.log } = {}) {
  const classDir = makeClass(students);
  try {
    const mine = [];
    const theirs = [];
    for (let i = 0; i < runs; i++) {
      const a = await graderBatch(classDir, jobs);
      if (a.graded !== students) throw new Error(`grader batch wrote ${a.graded} of ${students} students`);
      mine.push(a);
      const b = await baseline(classDir, jobs);
      theirs.push(b);
      log(`   run ${i + 1}: grader batch ${fmt.s(a.wall)} (cpu ${fmt.s(a.cpu)}), jest per student ${fmt.s(b.wall)} (cpu ${fmt.s(b.cpu)}); load ${load()}`);
    }
    const perMin = (r) => (students / r.wall) * 60;
    const cpuPerStudent = (r) => (r.cpu === undefined ? undefined : (r.cpu / students) * 1000);
    const childPeaks = mine.flatMap((r) => r.peaksByKind['test child'] ?? []);
    return {
      students,
      jobs,
      ours: { perMin: median(mine.map(perMin)), wall: median(mine.map((r) => r.wall)), cpuMsPerStudent: median(mine.map(cpuPerStudent)), graderPeakMb: median(mine.map((r) => r.peakMb)), childPeakMb: childPeaks.length ? Math.max(...childPeaks) : undefined, childPeakMedianMb: median(childPeaks) },
      baseline: { perMin: median(theirs.map(perMin)), wall: median(theirs.map((r) => r.wall)), cpuMsPerStudent: median(theirs.map(cpuPerStudent)), peakMb: median(theirs.map((r) => r.peakMb)) },
    };
  } finally {
    fs.rmSync(classDir, { recursive: true, force: true });
  }
}

function printClass(result, log = console.log) {
  const { ours: o, baseline: b } = result;
  log(`4. a class of ${result.students} students, grader batch --jobs ${result.jobs} (type diagnostics included)`);
  log(`   ours ${o.perMin.toFixed(0)} students/min (${fmt.s(o.wall)}), baseline ${b.perMin.toFixed(0)}/min (${fmt.s(b.wall)}; one jest + @swc/jest process per student, ${result.jobs} at a time, no types): ratio ${(o.perMin / b.perMin).toFixed(2)}× (goals: ≥ 200/min and ≥ 3×)`);
  log(`   CPU per student: ours ${fmt.ms(o.cpuMsPerStudent)}, baseline ${fmt.ms(b.cpuMsPerStudent)} (${fmt.ratio(b.cpuMsPerStudent, o.cpuMsPerStudent)} less), which a loaded machine does not distort as much`);
}

if (require.main === module) {
  const args = process.argv.slice(2);
  const option = (name, fallback) => (args.includes(`--${name}`) ? Number(args[args.indexOf(`--${name}`) + 1]) : fallback);
  console.log(`machine: ${machine()}`);
  console.log(`load average at start: ${load()}`);
  classFigure({ students: option('students', 200), runs: option('runs', 5), jobs: option('jobs', 2) })
    .then((result) => {
      printClass(result);
      console.log(`   peak memory: grader ${fmt.mb(result.ours.graderPeakMb)} (main thread and type checker), each test child ≤ ${fmt.mb(result.ours.childPeakMb)} (median ${fmt.mb(result.ours.childPeakMedianMb)}); a baseline jest ${fmt.mb(result.baseline.peakMb)}`);
      console.log(`load average at end: ${load()}`);
    })
    .catch((error) => {
      console.error(`bench/batch.js: ${error.message}`);
      process.exit(1);
    });
}

module.exports = { makeClass, graderBatch, classFigure, printClass };
