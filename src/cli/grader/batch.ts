import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { SingleBar } from 'cli-progress';
import { gradeClass, writeAtomically } from '../../core/batch/grade-class';
import { mergedFiles, mergeShards } from '../../core/batch/merge';
import { readShardFolder } from '../../core/batch/folders';
import { parseShard } from '../../core/batch/shard';
import { UsageError } from '../../core/errors';
import { points } from '../../core/style';

export interface BatchFlags {
  out: string;
  jobs?: number;
  resume?: boolean;
  shard?: string;
  exercise?: string[];
  suites?: string;
  typecheck: boolean;
  memory: number;
  isolate?: boolean;
}

export async function batchCommand(root: string, flags: BatchFlags): Promise<void> {
  if (!fs.existsSync(root) || !fs.statSync(root).isDirectory()) throw new UsageError(`class folder not found: ${root}`);
  const out = path.resolve(flags.out);
  try {
    fs.mkdirSync(out, { recursive: true });
  } catch (error) {
    throw new UsageError(`cannot create --out ${flags.out}: ${(error as NodeJS.ErrnoException).code}`);
  }
  const jobs = flags.jobs ?? os.availableParallelism();
  // A progress bar on a terminal; plain lines (one per student) in CI logs.
  const terminal = Boolean(process.stderr.isTTY);
  const bar = terminal ? new SingleBar({ format: 'grading {bar} {value}/{total} students | {rate}/min | {eta_formatted} left | {student}', stream: process.stderr, hideCursor: true }) : undefined;
  const started = Date.now();
  let stopping = false;
  const onSignal = () => {
    if (stopping) process.exit(130);
    stopping = true;
    process.stderr.write('\nstopping: the students being graded finish, no new one starts; run again with --resume to go on\n');
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  let barStarted = false;
  const entries = await gradeClass({
    root,
    out,
    jobs,
    resume: flags.resume,
    shard: flags.shard ? parseShard(flags.shard) : undefined,
    exercises: flags.exercise,
    suitesDir: flags.suites,
    typecheck: flags.typecheck,
    memoryMb: flags.memory,
    isolate: flags.isolate,
    stopped: () => stopping,
    onStudent(done, total, entry, reused) {
      const rate = (done / Math.max((Date.now() - started) / 60_000, 1e-9)).toFixed(0);
      if (bar) {
        if (!barStarted) {
          bar.start(total, 0, { rate, student: '' });
          barStarted = true;
        }
        bar.update(done, { rate, student: entry.student });
      } else {
        process.stderr.write(`[${done}/${total}] ${entry.student}: ${points(entry.doc.score)}/${points(entry.doc.maxScore)}${reused ? ' (unchanged, kept)' : ''}\n`);
      }
    },
  });
  bar?.stop();
  process.off('SIGINT', onSignal);
  process.off('SIGTERM', onSignal);
  if (stopping) {
    process.stderr.write(`stopped after ${entries.length} students; their results are in ${flags.out}\n`);
    process.exitCode = 130;
    return;
  }
  const seconds = (Date.now() - started) / 1000;
  process.stderr.write(`graded ${entries.length} students in ${seconds.toFixed(1)} s (${(entries.length / Math.max(seconds / 60, 1e-9)).toFixed(0)}/min) → ${path.join(flags.out, 'gradebook.csv')}\n`);
}

export function mergeCommand(dirs: string[], flags: { out: string }): void {
  const result = mergeShards(dirs.map((d) => readShardFolder(d)));
  fs.mkdirSync(flags.out, { recursive: true });
  for (const file of mergedFiles(result)) writeAtomically(path.join(flags.out, file.path), file.content);
  for (const warning of result.warnings) process.stderr.write(`warning: ${warning}\n`);
  process.stderr.write(`merged ${dirs.length} folders: ${result.entries.length} students → ${path.join(flags.out, 'gradebook.csv')}\n`);
}
