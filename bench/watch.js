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
 */
const { spawn } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const root = path.resolve(__dirname, '..');
const args = process.argv.slice(2);
const option = (name, fallback) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 && args[i + 1] ? args[i + 1] : fallback;
};
const runs = Number(option('runs', '5'));
const catalogue = JSON.parse(fs.readFileSync(path.join(root, 'catalogue.json'), 'utf8'));
const wanted = option('exercise', catalogue.exercises[0].id);
const exercise = catalogue.exercises.find((e) => e.id === wanted || e.id.startsWith(`${wanted}-`));
if (!exercise) throw new Error(`no exercise ${wanted} in catalogue.json`);
const solution = path.join(root, 'solutions', exercise.id, exercise.file);
if (!fs.existsSync(path.join(root, 'dist', 'cli', 'workbook', 'main.js'))) {
  console.error('bench/watch.js: build first (npm run build)');
  process.exit(2);
}
if (!fs.existsSync(solution)) {
  console.error(`bench/watch.js: no reference solution ${path.relative(root, solution)} to save`);
  process.exit(2);
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

async function main() {
  const temp = fs.mkdtempSync(path.join(os.tmpdir(), 'workbook-bench-'));
  fs.cpSync(path.join(root, 'exercises'), path.join(temp, 'exercises'), { recursive: true });
  const target = path.join(temp, 'exercises', exercise.id, exercise.file);
  const loadBefore = os.loadavg();
  const child = spawn(process.execPath, [path.join(root, 'bin', 'workbook.js'), 'watch'], {
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
  const waitFor = (test, ms, what) => new Promise((resolve, reject) => {
    const check = () => {
      const found = test();
      if (found) {
        clearTimeout(timer);
        waiters.splice(waiters.indexOf(check), 1);
        resolve(found);
      }
    };
    const timer = setTimeout(() => {
      waiters.splice(waiters.indexOf(check), 1);
      reject(new Error(`timed out after ${ms} ms waiting for ${what}; the watcher printed:\n${output.slice(-2000)}`));
    }, ms);
    waiters.push(check);
    check();
  });

  const results = [];
  try {
    const startedAt = Date.now();
    await waitFor(() => /Watching for saves\./.test(output), 120_000, 'the first grading of every exercise');
    const startupMs = Date.now() - startedAt;
    const text = fs.readFileSync(solution, 'utf8');
    const verdict = new RegExp(`^✔ ${exercise.id}\\b.*\\bpassed$`, 'm');
    const graded = new RegExp(`Graded ${exercise.id} in ([0-9.]+) s`);
    for (let i = 1; i <= runs; i++) {
      const from = output.length;
      const savedAt = process.hrtime.bigint();
      fs.writeFileSync(target, `${text}\n// bench run ${i} at ${Date.now()}\n`);
      const frame = await waitFor(() => {
        const after = output.slice(from);
        const g = graded.exec(after);
        return g && verdict.test(after) ? g : undefined;
      }, 60_000, `the verdict of run ${i}`);
      const ms = Number(process.hrtime.bigint() - savedAt) / 1e6;
      results.push({ ms, gradeMs: Number(frame[1]) * 1000 });
      console.log(`run ${i}: save → verdict ${ms.toFixed(0)} ms (grading itself ${(Number(frame[1]) * 1000).toFixed(0)} ms)`);
      const typesFrom = output.indexOf(frame[0], from);
      await waitFor(() => output.slice(typesFrom).includes('type checked'), 30_000, 'the type check after the verdict').catch(() => {});
    }
    console.log('');
    console.log(`exercise:          ${exercise.id} (${path.relative(root, solution)} saved ${runs} times)`);
    console.log(`start-up:          ${startupMs} ms (first grading of every exercise, no cache)`);
    console.log(`save → verdict:    median ${median(results.map((r) => r.ms)).toFixed(0)} ms of ${runs} (min ${Math.min(...results.map((r) => r.ms)).toFixed(0)}, max ${Math.max(...results.map((r) => r.ms)).toFixed(0)})`);
    console.log(`grading (engine):  median ${median(results.map((r) => r.gradeMs)).toFixed(0)} ms`);
  } finally {
    child.stdin.end('q');
    await new Promise((resolve) => {
      const timer = setTimeout(() => {
        child.kill('SIGKILL');
        resolve();
      }, 15_000);
      child.on('exit', () => {
        clearTimeout(timer);
        resolve();
      });
    });
    fs.rmSync(temp, { recursive: true, force: true });
  }
  const cpus = os.cpus();
  console.log(`machine:           ${cpus[0] ? cpus[0].model.trim() : 'unknown CPU'} × ${cpus.length}, ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB, ${os.type()} ${os.release()}, Node ${process.versions.node}`);
  console.log(`load average:      ${loadBefore.map((n) => n.toFixed(2)).join(' ')} at the start, ${os.loadavg().map((n) => n.toFixed(2)).join(' ')} at the end (over ${cpus.length} would slow every figure)`);
}

main().catch((error) => {
  console.error(`bench/watch.js: ${error.message}`);
  process.exit(1);
});
