#!/usr/bin/env node
'use strict';
/**
 * npm run bench:sandbox: issue 10's point 7, the sandbox's cost. The figures of point 7, each the
 * median of RUNS runs, ours (this checkout, learner modules in a SES Compartment) beside today's
 * engine (BASELINE, built from git into a temporary folder) measured in the same run, the two
 * alternating run by run (and which goes first, too), so that a change in the machine's load hits
 * both alike:
 *
 *   1. the whole workbook cold (grade solutions/, all exercises, type diagnostics included, the
 *      grader's caches emptied before every run): ratio ours/today, goal ≤ 1.2×;
 *   2. watch mode, save → verdict on screen (both watchers running, saves alternating): goal for
 *      ours ≤ 150 ms;
 *   3. a class via `grader batch --jobs 2`, type diagnostics included: goal for ours ≥ 250
 *      students/min.
 *
 * Prints the machine and its load first; CPU time (of the whole process tree) and peak memory
 * beside the wall clock, as bench/run.js does. Timings live here, never in tests.
 *
 *   npm run build && node bench/sandbox.js [--runs 5] [--only all,watch,class] [--students 200]
 *        [--class-runs RUNS] [--saves N] [--pause-ms 250] [--baseline <commit>]
 *        [--suites current|own] [--rebuild]
 *   quick: node bench/sandbox.js --runs 2 --students 40 --class-runs 1
 *
 * Today's engine: `git archive BASELINE` unpacked into os.tmpdir()/iteration-bench-today-<commit>
 * (no worktree is registered, so the repository is left as it was), node_modules a link to this
 * project's (the old engine's dependencies are a subset of ours, and it reads through a linked
 * node_modules), built with this project's tsc. The build is kept and reused by later runs at the
 * same commit (--rebuild builds it again). Because node_modules is that link, both engines' caches
 * are the same folder (node_modules/.cache/iteration-grader); each cold run empties it first.
 *
 * --suites current (the default) grades with this checkout's catalogue.json and grader/ (suites,
 * harness, ambient types) in both engines, copied over the baseline's before every run, so only
 * the engine differs; --suites own leaves the baseline its own commit's (fewer tests).
 */
const { execFileSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { root, node, measure, median, fmt, machine, load, catalogue, clearGraderCache, graderBinOf, classifyGrader, proc } = require('./lib');
const { makeClass, graderBatch } = require('./batch');
const { startWatcher, findExercise } = require('./watch');

/**
 * Today's engine: the last commit before the sandbox (issue 10), "README: speed figures from a
 * quiet machine…", whose engine ran learner modules in jest's own vm contexts, no Compartment,
 * no CPU watchdog, no standby child. Issue 10 point 7 measures the sandbox against it.
 */
const BASELINE = 'a436cf8';

const args = process.argv.slice(2);
const option = (name, fallback) => (args.includes(`--${name}`) ? args[args.indexOf(`--${name}`) + 1] : fallback);
const RUNS = Number(option('runs', '5'));
const only = option('only', 'all,watch,class').split(',');
const STUDENTS = Number(option('students', '200'));
const CLASS_RUNS = Number(option('class-runs', String(RUNS)));
const SAVES = Number(option('saves', String(Math.max(5, 2 * RUNS))));
const PAUSE_MS = Number(option('pause-ms', '250'));
const SUITES = option('suites', 'current');
const JOBS = 2;
const GOALS = { workbookRatio: 1.2, watchMs: 150, classPerMin: 250 };

if (!['current', 'own'].includes(SUITES)) {
  console.error('bench/sandbox.js: --suites is current or own');
  process.exit(2);
}
if (!fs.existsSync(path.join(root, 'dist', 'cli', 'grader', 'main.js'))) {
  console.error('bench/sandbox.js: build first (npm run build)');
  process.exit(2);
}

const git = (...a) => execFileSync('git', a, { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim();

/** `git archive commit [paths]` unpacked into dir. */
function unpack(commit, dir, paths = []) {
  fs.mkdirSync(dir, { recursive: true });
  execFileSync('sh', ['-c', 'git archive --format=tar "$0" "$@" | tar -x -C "$DIR"', commit, ...paths], { cwd: root, env: { ...process.env, DIR: dir }, stdio: ['ignore', 'ignore', 'pipe'] });
}

/**
 * Builds (or finds built) today's engine at `commit` under os.tmpdir(); returns its folder. Built
 * in a folder of its own first and renamed when done, so a run cut short leaves nothing that looks
 * built. The stamp file says which commit it is.
 */
function prepareBaseline(commit, { rebuild = false, log = console.log } = {}) {
  const sha = git('rev-parse', '--verify', `${commit}^{commit}`);
  const dir = path.join(os.tmpdir(), `iteration-bench-today-${sha.slice(0, 12)}`);
  const stamp = path.join(dir, '.bench-built');
  const built = () => fs.existsSync(stamp) && fs.readFileSync(stamp, 'utf8').trim() === sha && fs.existsSync(path.join(dir, 'dist', 'cli', 'grader', 'main.js'));
  if (built() && !rebuild) return { sha, dir, reused: true };
  const staging = `${dir}.building-${process.pid}`;
  fs.rmSync(staging, { recursive: true, force: true });
  try {
    unpack(sha, staging);
    fs.symlinkSync(path.join(root, 'node_modules'), path.join(staging, 'node_modules'), 'dir');
    const started = Date.now();
    log(`building today's engine (${sha.slice(0, 12)}) in ${dir} …`);
    try {
      execFileSync(node, [path.join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', 'tsconfig.build.json'], { cwd: staging, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    } catch (error) {
      throw new Error(`tsc -p tsconfig.build.json failed in the baseline (${sha.slice(0, 12)}):\n${`${error.stdout ?? ''}${error.stderr ?? ''}`.slice(-3000)}`);
    }
    for (const bin of ['grader.js', 'workbook.js']) {
      if (!fs.existsSync(path.join(staging, 'bin', bin))) throw new Error(`the baseline (${sha.slice(0, 12)}) has no bin/${bin}`);
    }
    fs.writeFileSync(path.join(staging, '.bench-built'), `${sha}\n`);
    fs.rmSync(dir, { recursive: true, force: true });
    fs.renameSync(staging, dir);
    log(`   built in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
  } finally {
    fs.rmSync(staging, { recursive: true, force: true });
  }
  return { sha, dir, reused: false };
}

/** The suites, harness and catalogue both engines grade with (see --suites). */
function placeContent(baseline) {
  for (const p of ['catalogue.json', 'grader']) fs.rmSync(path.join(baseline.dir, p), { recursive: true, force: true });
  if (SUITES === 'own') {
    unpack(baseline.sha, baseline.dir, ['catalogue.json', 'grader']);
  } else {
    fs.cpSync(path.join(root, 'catalogue.json'), path.join(baseline.dir, 'catalogue.json'));
    fs.cpSync(path.join(root, 'grader'), path.join(baseline.dir, 'grader'), { recursive: true });
  }
}

/** Runs ours and today's `runs` times, alternating, and which goes first too (ABBA…). */
async function alternate(runs, oursFn, todayFn, log) {
  const a = [];
  const b = [];
  for (let i = 0; i < runs; i++) {
    if (i % 2 === 0) {
      a.push(await oursFn(i));
      b.push(await todayFn(i));
    } else {
      b.push(await todayFn(i));
      a.push(await oursFn(i));
    }
    log?.(a[i], b[i], i);
  }
  return [a, b];
}

const verdict = (met) => (met === undefined ? 'n/a' : met ? 'met' : 'NOT met');
const maxOf = (xs) => {
  const v = xs.filter((x) => x !== undefined);
  return v.length ? Math.max(...v) : undefined;
};
const childPeak = (runs) => maxOf(runs.flatMap((r) => r.peaksByKind?.['test child'] ?? []));

/** A whole-workbook grading, cold, by the engine at engineRoot; checks it graded everything. */
function workbookRun(engineRoot, name) {
  const ids = catalogue().exercises.map((e) => e.id);
  return async () => {
    clearGraderCache(engineRoot);
    const run = await measure(node, [graderBinOf(engineRoot), 'grade', path.join(root, 'solutions'), '--format', 'json'], { cwd: engineRoot, classify: classifyGrader });
    let doc;
    try {
      doc = JSON.parse(run.stdout);
    } catch {
      throw new Error(`${name}: grade printed no JSON report:\n${run.stderr.slice(-2000)}`);
    }
    const exercises = doc.exercises ?? [];
    const graded = exercises.filter((e) => ids.includes(e.id)).length;
    if (graded !== ids.length) throw new Error(`${name}: graded ${graded} of ${ids.length} exercises`);
    const tests = exercises.reduce((n, e) => n + (e.tests?.length ?? 0), 0);
    return { ...run, score: doc.score, tests };
  };
}

function summary(rs) {
  return { wall: median(rs.map((r) => r.wall)), cpu: median(rs.map((r) => r.cpu)), peakMb: median(rs.map((r) => r.peakMb)), childMb: childPeak(rs) };
}

/** Files of src/ changed since dist/ was built from them (then "ours" is not quite this checkout). */
function staleBuild() {
  const stale = [];
  const walk = (dir) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const file = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(file);
      else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts')) {
        const out = path.join(root, 'dist', path.relative(path.join(root, 'src'), file)).replace(/\.ts$/, '.js');
        if (!fs.existsSync(out) || fs.statSync(out).mtimeMs < fs.statSync(file).mtimeMs) stale.push(path.relative(root, file));
      }
    }
  };
  walk(path.join(root, 'src'));
  return stale;
}

async function main() {
  console.log(`machine: ${machine()}`);
  console.log(`load average at start: ${load()}${proc ? '' : ' (no /proc: wall clock only)'}`);
  const baseline = prepareBaseline(option('baseline', BASELINE), { rebuild: args.includes('--rebuild') });
  placeContent(baseline);
  const head = git('rev-parse', '--short=12', 'HEAD');
  const dirty = git('status', '--porcelain', '--untracked-files=no', '--', 'src').length > 0;
  console.log(`ours: ${head}${dirty ? ' with uncommitted changes in src/' : ''} (dist/ as built); today's: ${baseline.sha.slice(0, 12)} (${git('log', '-1', '--format=%s', baseline.sha).slice(0, 70)}…), ${baseline.reused ? 'reused from' : 'built in'} ${baseline.dir}`);
  const stale = staleBuild();
  if (stale.length) console.log(`   note: dist/ is older than ${stale.length} file(s) of src/ (${stale.slice(0, 3).join(', ')}${stale.length > 3 ? ', …' : ''}): npm run build first to measure them`);
  console.log(`suites: ${SUITES === 'current' ? "this checkout's, in both engines" : "each engine's own commit's"}; median of ${RUNS} runs (class: ${CLASS_RUNS}, watch: ${SAVES} saves each), ours and today's alternating\n`);
  const lines = [];

  if (only.includes('all')) {
    const n = catalogue().exercises.length;
    console.log(`1. the whole workbook (${n} exercises, solutions/), cold process and caches, with type diagnostics`);
    const [a, b] = await alternate(RUNS, workbookRun(root, 'ours'), workbookRun(baseline.dir, "today's"), (x, y, i) => {
      console.log(`   run ${i + 1}: ours ${fmt.s(x.wall)} (cpu ${fmt.s(x.cpu)}), today's ${fmt.s(y.wall)} (cpu ${fmt.s(y.cpu)}); load ${load()}`);
    });
    const o = summary(a);
    const t = summary(b);
    const ratio = o.wall / t.wall;
    console.log(`   ours ${fmt.s(o.wall)} (cpu ${fmt.s(o.cpu)}), today's ${fmt.s(t.wall)} (cpu ${fmt.s(t.cpu)}): ratio ${fmt.ratio(o.wall, t.wall)} wall, ${fmt.ratio(o.cpu, t.cpu)} cpu; goal ≤ ${GOALS.workbookRatio}× — ${verdict(ratio <= GOALS.workbookRatio)}`);
    console.log(`   tests run: ours ${a[0].tests} (score ${a[0].score}), today's ${b[0].tests} (score ${b[0].score})`);
    console.log(`   peak memory: grader ${fmt.mb(o.peakMb)} vs ${fmt.mb(t.peakMb)}, each test child ≤ ${fmt.mb(o.childMb)} vs ${fmt.mb(t.childMb)}\n`);
    lines.push({ figure: `whole workbook, cold, types`, ours: fmt.s(o.wall), today: fmt.s(t.wall), ratio: fmt.ratio(o.wall, t.wall), goal: `≤ ${GOALS.workbookRatio}×`, met: ratio <= GOALS.workbookRatio, cpu: `${fmt.s(o.cpu)} / ${fmt.s(t.cpu)}`, mem: `${fmt.mb(o.peakMb)} + child ${fmt.mb(o.childMb)} / ${fmt.mb(t.peakMb)} + child ${fmt.mb(t.childMb)}` });
  }

  if (only.includes('watch')) {
    const exercise = findExercise();
    console.log(`2. watch mode (workbook watch), saving ${exercise.id} until its verdict is on screen`);
    const ours = await startWatcher({ engineRoot: root, exercise, label: 'our watcher' });
    let today;
    try {
      today = await startWatcher({ engineRoot: baseline.dir, exercise, label: "today's watcher" });
    } catch (error) {
      await ours.close();
      throw error;
    }
    let a;
    let b;
    try {
      console.log(`   start-up (first grading of every exercise): ours ${ours.startupMs} ms, today's ${today.startupMs} ms`);
      const pause = () => new Promise((resolve) => setTimeout(resolve, PAUSE_MS));
      [a, b] = await alternate(SAVES, async (i) => { const r = await ours.save(i + 1); await pause(); return r; }, async (i) => { const r = await today.save(i + 1); await pause(); return r; });
      console.log(`   saves: ours ${a.map((r) => Math.round(r.ms)).join(', ')} ms; today's ${b.map((r) => Math.round(r.ms)).join(', ')} ms`);
    } finally {
      await Promise.all([ours.close(), today.close()]);
    }
    const om = median(a.map((r) => r.ms));
    const tm = median(b.map((r) => r.ms));
    const og = median(a.map((r) => r.gradeMs));
    const tg = median(b.map((r) => r.gradeMs));
    const op = ours.peaks();
    const tp = today.peaks();
    console.log(`   save → verdict, median of ${SAVES}: ours ${fmt.ms(om)} (grading itself ${fmt.ms(og)}), today's ${fmt.ms(tm)} (grading itself ${fmt.ms(tg)}): ratio ${fmt.ratio(om, tm)}; goal ≤ ${GOALS.watchMs} ms — ${verdict(om <= GOALS.watchMs)}`);
    console.log(`   peak memory: watcher ${fmt.mb(op.watcherMb)} vs ${fmt.mb(tp.watcherMb)}, largest process below it ${fmt.mb(op.childMb)} vs ${fmt.mb(tp.childMb)}\n`);
    lines.push({ figure: 'watch, save → verdict', ours: fmt.ms(om), today: fmt.ms(tm), ratio: fmt.ratio(om, tm), goal: `≤ ${GOALS.watchMs} ms`, met: om <= GOALS.watchMs, cpu: 'n/a', mem: `${fmt.mb(op.watcherMb)} + ${fmt.mb(op.childMb)} / ${fmt.mb(tp.watcherMb)} + ${fmt.mb(tp.childMb)}` });
  }

  if (only.includes('class')) {
    console.log(`3. a class of ${STUDENTS} students, grader batch --jobs ${JOBS} (type diagnostics included), caches emptied before each run`);
    const classDir = makeClass(STUDENTS);
    let a;
    let b;
    try {
      const run = (engineRoot, name) => async () => {
        const r = await graderBatch(classDir, JOBS, { engineRoot });
        if (r.graded !== STUDENTS) throw new Error(`${name}: grader batch wrote ${r.graded} of ${STUDENTS} students:\n${r.stderr.slice(-2000)}`);
        return r;
      };
      [a, b] = await alternate(CLASS_RUNS, run(root, 'ours'), run(baseline.dir, "today's"), (x, y, i) => {
        console.log(`   run ${i + 1}: ours ${fmt.s(x.wall)} (cpu ${fmt.s(x.cpu)}), today's ${fmt.s(y.wall)} (cpu ${fmt.s(y.cpu)}); load ${load()}`);
      });
    } finally {
      fs.rmSync(classDir, { recursive: true, force: true });
    }
    const perMin = (r) => (STUDENTS / r.wall) * 60;
    const cpuPer = (r) => (r.cpu === undefined ? undefined : (r.cpu / STUDENTS) * 1000);
    const o = { perMin: median(a.map(perMin)), wall: median(a.map((r) => r.wall)), cpu: median(a.map(cpuPer)), peakMb: median(a.map((r) => r.peakMb)), childMb: childPeak(a) };
    const t = { perMin: median(b.map(perMin)), wall: median(b.map((r) => r.wall)), cpu: median(b.map(cpuPer)), peakMb: median(b.map((r) => r.peakMb)), childMb: childPeak(b) };
    console.log(`   ours ${o.perMin.toFixed(0)} students/min (${fmt.s(o.wall)}), today's ${t.perMin.toFixed(0)}/min (${fmt.s(t.wall)}): ratio ${(o.perMin / t.perMin).toFixed(2)}×; goal ≥ ${GOALS.classPerMin}/min — ${verdict(o.perMin >= GOALS.classPerMin)}`);
    const differ = Object.keys(a[0].scores).filter((f) => a[0].scores[f] !== b[0].scores[f]);
    console.log(`   scores: ${differ.length} of ${STUDENTS} students scored differently by the two engines${differ.length ? ` (e.g. ${differ.slice(0, 3).map((f) => `${f.replace(/\.json$/, '')} ${a[0].scores[f]} vs ${b[0].scores[f]}`).join(', ')})` : ''}`);
    console.log(`   CPU per student: ours ${fmt.ms(o.cpu)}, today's ${fmt.ms(t.cpu)} (${fmt.ratio(o.cpu, t.cpu)})`);
    console.log(`   peak memory: grader ${fmt.mb(o.peakMb)} vs ${fmt.mb(t.peakMb)}, each test child ≤ ${fmt.mb(o.childMb)} vs ${fmt.mb(t.childMb)}\n`);
    lines.push({ figure: `class of ${STUDENTS}, batch --jobs ${JOBS}, types`, ours: `${o.perMin.toFixed(0)}/min`, today: `${t.perMin.toFixed(0)}/min`, ratio: `${(o.perMin / t.perMin).toFixed(2)}×`, goal: `≥ ${GOALS.classPerMin}/min`, met: o.perMin >= GOALS.classPerMin, cpu: `${fmt.ms(o.cpu)} / ${fmt.ms(t.cpu)} per student`, mem: `${fmt.mb(o.peakMb)} + child ${fmt.mb(o.childMb)} / ${fmt.mb(t.peakMb)} + child ${fmt.mb(t.childMb)}` });
  }

  if (lines.length) {
    console.log("point 7, ours beside today's (cpu and peak memory: ours / today's)");
    const rows = [['figure', 'ours', "today's", 'ratio', 'goal', '', 'cpu', 'peak memory'], ...lines.map((l) => [l.figure, l.ours, l.today, l.ratio, l.goal, verdict(l.met), l.cpu, l.mem])];
    const widths = rows[0].map((_, c) => Math.max(...rows.map((r) => r[c].length)));
    for (const r of rows) console.log(`   ${r.map((cell, c) => cell.padEnd(widths[c])).join('  ').trimEnd()}`);
  }
  console.log(`\nload average at end: ${load()}`);
}

main().catch((error) => {
  console.error(`bench/sandbox.js: ${error.message}`);
  process.exitCode = 1;
});
