#!/usr/bin/env node
'use strict';
/**
 * Watch latency: how long from saving an exercise file to its verdict on screen.
 *
 * Starts `workbook watch` on a temporary copy of the project's exercises (WORKBOOK_ROOT), waits
 * until it has graded everything once, then RUNS times: writes the reference solution of
 * EXERCISE (each time with a different comment, so it is really graded, never answered from the
 * cache) and times until the frame with its verdict (✔ … passed) arrives on the watcher's stdout.
 * Between runs it waits for the type check that follows a verdict, as a learner's pause would.
 * Prints every run, the median, what the watcher itself measured for the grading, and the machine.
 *
 *   npm run build && node bench/watch.js [--runs 5] [--exercise 01-data-iterator]
 *
 * `startWatcher()` is also used by bench/sandbox.js, with another build of the workbook
 * (`engineRoot`) watching the same exercises and saving the same solution.
 */
const { spawn } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { peakMb, descendants, proc } = require('./lib');

const root = path.resolve(__dirname, '..');

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

/** The exercise of catalogue.json (of this project) named by `wanted` (01, 01-data-iterator). */
function findExercise(wanted) {
  const catalogue = JSON.parse(fs.readFileSync(path.join(root, 'catalogue.json'), 'utf8'));
  const id = wanted ?? catalogue.exercises[0].id;
  const exercise = catalogue.exercises.find((e) => e.id === id || e.id.startsWith(`${id}-`));
  if (!exercise) throw new Error(`no exercise ${id} in catalogue.json`);
  return exercise;
}

/**
 * Starts `workbook watch` of `engineRoot` (default: this project) on a temporary copy of this
 * project's exercises and waits for its first grading of everything. Returns { startupMs,
 * save(i), peaks(), close() }: save(i) writes this project's reference solution of `exercise`
 * (with comment i) and resolves with { ms, gradeMs } once its verdict is on screen and the type
 * check after it is done; peaks() is the peak resident memory (MiB) of the watcher and of the
 * largest process below it, polled while it ran.
 */
async function startWatcher({ engineRoot = root, exercise = findExercise(), label = '' } = {}) {
  const solution = path.join(root, 'solutions', exercise.id, exercise.file);
  if (!fs.existsSync(path.join(engineRoot, 'dist', 'cli', 'workbook', 'main.js'))) throw new Error(`build first (npm run build) in ${engineRoot}`);
  if (!fs.existsSync(solution)) throw new Error(`no reference solution ${path.relative(root, solution)} to save`);
  const temp = fs.mkdtempSync(path.join(os.tmpdir(), 'workbook-bench-'));
  fs.cpSync(path.join(root, 'exercises'), path.join(temp, 'exercises'), { recursive: true });
  const target = path.join(temp, 'exercises', exercise.id, exercise.file);
  const child = spawn(process.execPath, [path.join(engineRoot, 'bin', 'workbook.js'), 'watch'], {
    cwd: temp,
    env: { ...process.env, WORKBOOK_ROOT: temp, NO_COLOR: '1' },
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  let output = '';
  const waiters = [];
  child.stdout.setEncoding('utf8');
  child.stdout.on('data', (chunk) => {
    output += chunk;
    for (const w of [...waiters]) w();
  });
  let exited = false;
  child.on('exit', () => {
    exited = true;
    for (const w of [...waiters]) w();
  });
  const waitFor = (test, ms, what) => new Promise((resolve, reject) => {
    const check = () => {
      const found = test();
      if (found || exited) {
        clearTimeout(timer);
        waiters.splice(waiters.indexOf(check), 1);
        if (found) resolve(found);
        else reject(new Error(`${label || 'the watcher'} exited while waiting for ${what}; it printed:\n${output.slice(-2000)}`));
      }
    };
    const timer = setTimeout(() => {
      waiters.splice(waiters.indexOf(check), 1);
      reject(new Error(`timed out after ${ms} ms waiting for ${what}${label ? ` (${label})` : ''}; the watcher printed:\n${output.slice(-2000)}`));
    }, ms);
    waiters.push(check);
    check();
  });
  let top = 0;
  let below = 0;
  const poll = () => {
    if (!proc || exited) return;
    top = Math.max(top, peakMb(child.pid) ?? 0);
    for (const pid of descendants(child.pid)) below = Math.max(below, peakMb(pid) ?? 0);
  };
  const timer = setInterval(poll, 100);

  const close = async () => {
    clearInterval(timer);
    if (!exited) {
      child.stdin.end('q');
      await new Promise((resolve) => {
        const kill = setTimeout(() => {
          child.kill('SIGKILL');
          resolve();
        }, 15_000);
        child.on('exit', () => {
          clearTimeout(kill);
          resolve();
        });
      });
    }
    fs.rmSync(temp, { recursive: true, force: true });
  };

  try {
    const startedAt = Date.now();
    await waitFor(() => /Watching for saves\./.test(output), 120_000, 'the first grading of every exercise');
    const startupMs = Date.now() - startedAt;
    const text = fs.readFileSync(solution, 'utf8');
    const verdict = new RegExp(`^✔ ${exercise.id}\\b.*\\bpassed$`, 'm');
    const graded = new RegExp(`Graded ${exercise.id} in ([0-9.]+) s`);
    const save = async (i) => {
      const from = output.length;
      const savedAt = process.hrtime.bigint();
      fs.writeFileSync(target, `${text}\n// bench run ${i} at ${Date.now()}\n`);
      const frame = await waitFor(() => {
        const after = output.slice(from);
        const g = graded.exec(after);
        return g && verdict.test(after) ? g : undefined;
      }, 60_000, `the verdict of run ${i}`);
      const ms = Number(process.hrtime.bigint() - savedAt) / 1e6;
      const typesFrom = output.indexOf(frame[0], from);
      await waitFor(() => output.slice(typesFrom).includes('type checked'), 30_000, 'the type check after the verdict').catch(() => {});
      return { ms, gradeMs: Number(frame[1]) * 1000 };
    };
    return { startupMs, save, close, peaks: () => ({ watcherMb: proc ? top : undefined, childMb: proc ? below : undefined }) };
  } catch (error) {
    await close();
    throw error;
  }
}

async function main() {
  const args = process.argv.slice(2);
  const option = (name, fallback) => {
    const i = args.indexOf(`--${name}`);
    return i >= 0 && args[i + 1] ? args[i + 1] : fallback;
  };
  const runs = Number(option('runs', '5'));
  const exercise = findExercise(option('exercise', undefined));
  if (!fs.existsSync(path.join(root, 'dist', 'cli', 'workbook', 'main.js'))) {
    console.error('bench/watch.js: build first (npm run build)');
    process.exit(2);
  }
  const loadBefore = os.loadavg();
  const watcher = await startWatcher({ exercise });
  const results = [];
  try {
    for (let i = 1; i <= runs; i++) {
      const r = await watcher.save(i);
      results.push(r);
      console.log(`run ${i}: save → verdict ${r.ms.toFixed(0)} ms (grading itself ${r.gradeMs.toFixed(0)} ms)`);
    }
    console.log('');
    console.log(`exercise:          ${exercise.id} (${path.relative(root, path.join(root, 'solutions', exercise.id, exercise.file))} saved ${runs} times)`);
    console.log(`start-up:          ${watcher.startupMs} ms (first grading of every exercise, no cache)`);
    console.log(`save → verdict:    median ${median(results.map((r) => r.ms)).toFixed(0)} ms of ${runs} (min ${Math.min(...results.map((r) => r.ms)).toFixed(0)}, max ${Math.max(...results.map((r) => r.ms)).toFixed(0)})`);
    console.log(`grading (engine):  median ${median(results.map((r) => r.gradeMs)).toFixed(0)} ms`);
  } finally {
    await watcher.close();
  }
  const cpus = os.cpus();
  console.log(`machine:           ${cpus[0] ? cpus[0].model.trim() : 'unknown CPU'} × ${cpus.length}, ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB, ${os.type()} ${os.release()}, Node ${process.versions.node}`);
  console.log(`load average:      ${loadBefore.map((n) => n.toFixed(2)).join(' ')} at the start, ${os.loadavg().map((n) => n.toFixed(2)).join(' ')} at the end (over ${cpus.length} would slow every figure)`);
}

if (require.main === module) {
  main().catch((error) => {
    console.error(`bench/watch.js: ${error.message}`);
    process.exit(1);
  });
}

module.exports = { startWatcher, findExercise, median };
