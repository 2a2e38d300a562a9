'use strict';
/**
 * What the bench scripts share: running a command while measuring it (wall clock, CPU time of
 * the whole process tree, peak memory of each process in it), medians, the baselines' jest and
 * tsc projects, and the machine. Linux gives CPU and memory (from /proc); elsewhere only the wall
 * clock is measured and the other columns print "n/a".
 */
const { spawn } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const root = path.resolve(__dirname, '..');
const node = process.execPath;
const proc = fs.existsSync('/proc/self/stat');
const TICK_MS = 10; // USER_HZ is 100 on every Linux this runs on

/** utime, stime, cutime, cstime of a process, in ms (Linux). */
function cpuOf(pid) {
  const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return { self: (Number(fields[11]) + Number(fields[12])) * TICK_MS, children: (Number(fields[13]) + Number(fields[14])) * TICK_MS };
}

/** Peak resident memory (VmHWM) of a process, in MiB, or undefined once it is gone. */
function peakMb(pid) {
  try {
    const kib = /^VmHWM:\s+(\d+) kB/m.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
    return kib ? Number(kib) / 1024 : undefined;
  } catch {
    return undefined;
  }
}

/** The processes below pid (children, grandchildren…), by scanning /proc once. */
function descendants(pid) {
  const parents = new Map();
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8');
      const after = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      parents.set(Number(entry), { ppid: Number(after[1]), name: stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')')) });
    } catch {
      /* gone meanwhile */
    }
  }
  const found = [];
  const walk = (p) => {
    for (const [child, info] of parents) if (info.ppid === p) { found.push(child); walk(child); }
  };
  walk(pid);
  return found;
}

function commandLine(pid) {
  try {
    return fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').filter(Boolean).join(' ');
  } catch {
    return '';
  }
}

/**
 * Runs a command to its end. Returns the wall clock (s), the CPU time (s) of it and everything it
 * started and waited for (our children's CPU, read before and after), and the peak memory (MiB)
 * of the top process and of each process below it (polled every 25 ms; VmHWM is the kernel's own
 * high-water mark, so a poll shortly before a process ends sees its peak).
 * `classify(commandLine)` names each process below (e.g. 'test child'); unnamed ones are left out.
 */
function measure(cmd, args, { cwd = root, env, classify, input, okCodes = [0, 1] } = {}) {
  return new Promise((resolve, reject) => {
    const before = proc ? cpuOf(process.pid).children : 0;
    const started = process.hrtime.bigint();
    const child = spawn(cmd, args, { cwd, env: env ?? process.env, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => { stdout += d; });
    child.stderr.on('data', (d) => { stderr += d; });
    child.stdin.end(input ?? '');
    const peaks = new Map(); // pid -> { kind, mb }
    let top = 0;
    const poll = () => {
      if (!proc) return;
      const mb = peakMb(child.pid);
      if (mb !== undefined) top = Math.max(top, mb);
      if (!classify) return;
      for (const pid of descendants(child.pid)) {
        let entry = peaks.get(pid);
        if (!entry) {
          const kind = classify(commandLine(pid));
          if (!kind) continue;
          entry = { kind, mb: 0 };
          peaks.set(pid, entry);
        }
        const m = peakMb(pid);
        if (m !== undefined) entry.mb = Math.max(entry.mb, m);
      }
    };
    const timer = setInterval(poll, 25);
    child.on('error', (error) => { clearInterval(timer); reject(error); });
    child.on('exit', (code) => {
      clearInterval(timer);
      const wall = Number(process.hrtime.bigint() - started) / 1e9;
      const cpu = proc ? (cpuOf(process.pid).children - before) / 1000 : undefined;
      if (!okCodes.includes(code)) {
        reject(new Error(`${path.basename(cmd)} ${args.join(' ')} exited ${code}:\n${stderr.slice(-2000)}`));
        return;
      }
      const byKind = {};
      for (const { kind, mb } of peaks.values()) (byKind[kind] ??= []).push(mb);
      resolve({ wall, cpu, peakMb: proc ? top : undefined, peaksByKind: byKind, stdout, stderr });
    });
  });
}

function median(xs) {
  const s = xs.filter((x) => x !== undefined && !Number.isNaN(x)).sort((a, b) => a - b);
  if (s.length === 0) return undefined;
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}

const fmt = {
  s: (x) => (x === undefined ? 'n/a' : `${x.toFixed(2)} s`),
  ms: (x) => (x === undefined ? 'n/a' : `${Math.round(x)} ms`),
  mb: (x) => (x === undefined ? 'n/a' : `${Math.round(x)} MiB`),
  ratio: (a, b) => (a === undefined || b === undefined ? 'n/a' : `${(a / b).toFixed(2)}×`),
};

/** Runs `fn` RUNS times one after the other; the median of each measured field. */
async function repeat(runs, fn) {
  const all = [];
  for (let i = 0; i < runs; i++) all.push(await fn(i));
  const pick = (key) => median(all.map((r) => r[key]));
  return { runs: all, wall: pick('wall'), cpu: pick('cpu'), peakMb: pick('peakMb'), all };
}

function machine() {
  const cpus = os.cpus();
  return `${cpus.length} × ${cpus[0] ? cpus[0].model.trim() : 'unknown CPU'}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, ${os.type()} ${os.release()}, Node ${process.versions.node}`;
}

function load() {
  return os.loadavg().map((l) => l.toFixed(2)).join(' ');
}

const catalogue = () => JSON.parse(fs.readFileSync(path.join(root, 'catalogue.json'), 'utf8'));

/**
 * The grader's own caches (jest's transforms of the suites, the compiler's code cache), of this
 * project or of another build of the grader at `engineRoot` (bench/sandbox.js's baseline engine).
 */
const graderCacheOf = (engineRoot = root) => path.join(engineRoot, 'node_modules', '.cache', 'iteration-grader');
const graderCache = graderCacheOf(root);
function clearGraderCache(engineRoot = root) {
  try {
    fs.rmSync(graderCacheOf(engineRoot), { recursive: true, force: true, maxRetries: 5 });
  } catch {
    /* another grading is writing there: the run is then only partly cold */
  }
}

/**
 * A plain jest project (jest + @swc/jest, default environment, nothing of the grader) over the
 * hidden suites of `ids`, with `@submission/` mapped to `submissionDir`; and a tsconfig that
 * type-checks the same suites and learner files, as a project would with `tsc --noEmit`.
 */
function baselineProject(ids, submissionDir, dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-baseline-'))) {
  const cat = catalogue();
  fs.writeFileSync(path.join(dir, 'jest.config.js'), `module.exports = ${JSON.stringify({
    rootDir: root,
    roots: ['<rootDir>/grader/suites'],
    testMatch: ids.map((id) => `**/grader/suites/${id}.test.ts`),
    testEnvironment: 'node',
    transform: { '^.+\\.ts$': [require.resolve('@swc/jest', { paths: [root] }), {}] },
    moduleNameMapper: { '^@submission/(.*)$': `${submissionDir}/$1` },
    cacheDirectory: path.join(dir, 'cache'),
    testTimeout: 2000,
  }, null, 2)};\n`);
  const files = ids.flatMap((id) => {
    const e = cat.exercises.find((x) => x.id === id);
    return [path.join(root, 'grader/suites', `${id}.test.ts`), path.join(submissionDir, id, e.file)];
  });
  fs.writeFileSync(path.join(dir, 'tsconfig.json'), JSON.stringify({
    compilerOptions: {
      strict: true, noEmit: true, target: 'ES2022', module: 'commonjs', moduleResolution: 'node',
      types: ['node', 'jest'], typeRoots: [path.join(root, 'node_modules/@types')], skipLibCheck: true, esModuleInterop: true,
      baseUrl: root, paths: { '@submission/*': [`${path.relative(root, submissionDir)}/*`] },
    },
    files,
  }, null, 2));
  return { dir, jestConfig: path.join(dir, 'jest.config.js'), tsconfig: path.join(dir, 'tsconfig.json'), cache: path.join(dir, 'cache') };
}

const jestBin = path.join(root, 'node_modules', 'jest', 'bin', 'jest.js');
const tscBin = path.join(root, 'node_modules', 'typescript', 'bin', 'tsc');
const graderBinOf = (engineRoot = root) => path.join(engineRoot, 'bin', 'grader.js');
const workbookBinOf = (engineRoot = root) => path.join(engineRoot, 'bin', 'workbook.js');
const graderBin = graderBinOf(root);

/** Names the processes a grading starts, for the memory figures. */
function classifyGrader(cmd) {
  if (cmd.includes(`${path.sep}engine${path.sep}child${path.sep}main.js`)) return 'test child';
  return undefined;
}
function classifyJest(cmd) {
  if (cmd.includes('jest-worker') || cmd.includes('processChild.js')) return 'jest worker';
  return undefined;
}

module.exports = {
  root, node, measure, median, fmt, repeat, machine, load, catalogue, clearGraderCache, graderCache, graderCacheOf,
  baselineProject, jestBin, tscBin, graderBin, graderBinOf, workbookBinOf, classifyGrader, classifyJest, proc, peakMb, descendants,
};
