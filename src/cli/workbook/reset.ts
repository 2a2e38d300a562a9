/**
 * `workbook reset ID`: puts the stub back. The pristine stub comes from git: the newest commit
 * in which the file's content hashes (stubHash) to the catalogue's stubSha256. The learner's
 * version is kept first, in .workbook/backups/<id>/<timestamp>-<file>, and that path is said.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as readline from 'node:readline';
import { stubHash, type Exercise } from '../../core/catalogue';
import { UsageError } from '../../core/errors';
import { projectRoot } from '../../core/paths';
import { exercise as findExercise, getContext, learnerFile, shown, type Context } from './context';

function git(cwd: string, args: string[]): string | undefined {
  const run = spawnSync('git', args, { cwd, encoding: 'utf8', maxBuffer: 16 * 1024 * 1024, stdio: ['ignore', 'pipe', 'ignore'] });
  return run.status === 0 ? run.stdout : undefined;
}

export interface Pristine {
  text: string;
  commit: string;
}

/**
 * Looks in the learner's folder's repository, then in the project's (they are the same one
 * unless WORKBOOK_ROOT says otherwise), for the newest commit holding the untouched stub.
 */
export function findPristineStub(ctx: Context, e: Exercise): Pristine | undefined {
  const places = [
    { dir: ctx.root, file: learnerFile(ctx, e) },
    { dir: projectRoot, file: path.join(projectRoot, 'exercises', e.id, e.file) },
  ];
  const tried = new Set<string>();
  for (const place of places) {
    if (!fs.existsSync(place.dir)) continue;
    const top = git(place.dir, ['rev-parse', '--show-toplevel'])?.trim();
    if (!top) continue;
    const relative = path.relative(fs.realpathSync(top), path.join(fs.realpathSync(place.dir), path.relative(place.dir, place.file))).split(path.sep).join('/');
    if (relative.startsWith('..') || tried.has(`${top}\0${relative}`)) continue;
    tried.add(`${top}\0${relative}`);
    const commits = git(top, ['log', '--format=%H', '--', relative])?.split('\n').filter(Boolean) ?? [];
    for (const commit of commits) {
      const text = git(top, ['show', `${commit}:${relative}`]);
      if (text !== undefined && stubHash(text) === e.stubSha256) return { text, commit };
    }
  }
  return undefined;
}

function timestamp(): string {
  return new Date().toISOString().replace(/[:.]/g, '-');
}

/** Copies the learner's file to .workbook/backups/<id>/<timestamp>-<file>; returns that path. */
export function keepCopy(ctx: Context, e: Exercise, text: Buffer): string {
  const dir = path.join(ctx.root, '.workbook', 'backups', e.id);
  fs.mkdirSync(dir, { recursive: true });
  let target = path.join(dir, `${timestamp()}-${e.file}`);
  for (let n = 2; fs.existsSync(target); n++) target = path.join(dir, `${timestamp()}-${n}-${e.file}`);
  fs.writeFileSync(target, text, { flag: 'wx' });
  return target;
}

function confirm(question: string): Promise<boolean> {
  const rl = readline.createInterface({ input: process.stdin, output: process.stdout });
  return new Promise((resolve) => {
    rl.question(question, (answer) => {
      rl.close();
      resolve(/^y(es)?$/i.test(answer.trim()));
    });
    rl.on('SIGINT', () => {
      rl.close();
      resolve(false);
    });
  });
}

export async function resetCommand(id: string, flags: { yes?: boolean }): Promise<void> {
  const ctx = getContext();
  const e = findExercise(ctx, id);
  const file = learnerFile(ctx, e);
  const name = shown(file);
  let current: Buffer | undefined;
  try {
    current = fs.readFileSync(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw new UsageError(`cannot read ${name} (${(error as NodeJS.ErrnoException).code})`);
  }
  if (current && stubHash(current.toString('utf8')) === e.stubSha256) {
    ctx.out(`${name} is already the untouched stub: nothing to reset.`);
    return;
  }
  const pristine = findPristineStub(ctx, e);
  if (!pristine) {
    throw new UsageError(`cannot find the original stub of ${name}: no commit in git history holds a version matching the catalogue's stubSha256; nothing was changed`);
  }
  if (!flags.yes) {
    if (!process.stdin.isTTY || !process.stdout.isTTY) {
      throw new UsageError(`reset replaces ${name} with the stub: confirm on a terminal, or add --yes`);
    }
    const what = current ? `Replace ${name} with the stub? Your version will be kept in .workbook/backups/${e.id}/. [y/N] ` : `Put the stub back at ${name}? [y/N] `;
    if (!(await confirm(what))) {
      ctx.out('Nothing was changed.');
      return;
    }
  }
  if (current) {
    const kept = keepCopy(ctx, e, current);
    ctx.out(`Your version is kept in ${shown(kept)}`);
  }
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, pristine.text);
  ctx.out(`${name} is the stub again (from commit ${pristine.commit.slice(0, 7)}).`);
}
