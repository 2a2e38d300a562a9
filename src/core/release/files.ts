/**
 * What a release and a Gradescope pack are made of: a tree of files (path inside the output →
 * bytes and mode), gathered from the project in memory first, then written in one go (a folder
 * renamed into place, or a zip), so that a failure half-way leaves nothing behind.
 */
import { spawnSync } from 'node:child_process';
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import ts from 'typescript';
import { publicSuiteFile, stubHash, suiteFile, type Catalogue, type Exercise } from '../catalogue';
import { UsageError } from '../errors';
import { projectRoot } from '../paths';
import { publicSuite } from './public-suite';

export interface TreeFile {
  content: Buffer;
  /** Unix permission bits (0o644, 0o755). */
  mode: number;
}

/** Paths use forward slashes, relative to the output's root. */
export type Tree = Map<string, TreeFile>;

export function addText(tree: Tree, name: string, text: string, mode = 0o644): void {
  tree.set(name, { content: Buffer.from(text, 'utf8'), mode });
}

/** The project's file `rel` (forward slashes), as it is in the working tree. */
export function addProjectFile(tree: Tree, rel: string, as = rel): void {
  const file = path.join(projectRoot, rel);
  let stat: fs.Stats;
  try {
    stat = fs.statSync(file);
  } catch {
    throw new UsageError(`${rel} is missing from the project, and a release needs it`);
  }
  tree.set(as, { content: fs.readFileSync(file), mode: stat.mode & 0o111 ? 0o755 : 0o644 });
}

/**
 * Every regular file under the project's folder `rel`, except those `skip` names (paths relative
 * to the project, forward slashes). Links are not followed: a release holds plain files only.
 */
export function addProjectFolder(tree: Tree, rel: string, skip: (rel: string) => boolean = () => false): void {
  const walk = (dirRel: string) => {
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(path.join(projectRoot, dirRel), { withFileTypes: true });
    } catch {
      throw new UsageError(`${dirRel}/ is missing from the project, and a release needs it`);
    }
    for (const entry of entries.sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const childRel = `${dirRel}/${entry.name}`;
      if (skip(childRel)) continue;
      if (entry.isDirectory()) walk(childRel);
      else if (entry.isFile()) addProjectFile(tree, childRel);
    }
  };
  walk(rel);
}

/** The project's sources, without its own tools (the stub stamper is for authors). */
export function addSources(tree: Tree): void {
  addProjectFolder(tree, 'src', (rel) => rel === 'src/tools');
  addProjectFolder(tree, 'bin');
  addProjectFile(tree, 'scripts/link-bins.js');
  addProjectFolder(tree, 'schemas');
  addProjectFile(tree, 'catalogue.json');
  addProjectFile(tree, 'package-lock.json');
  addProjectFile(tree, 'tsconfig.build.json');
}

export interface PackageJson {
  scripts?: Record<string, string>;
  [key: string]: unknown;
}

export function readPackageJson(): PackageJson {
  return JSON.parse(fs.readFileSync(path.join(projectRoot, 'package.json'), 'utf8')) as PackageJson;
}

/**
 * package.json with other scripts and nothing else changed: the dependencies must stay exactly
 * as package-lock.json has them, or `npm ci` refuses to install.
 */
export function withScripts(pkg: PackageJson, scripts: Record<string, string>): string {
  const out: PackageJson = {};
  for (const [key, value] of Object.entries(pkg)) out[key] = key === 'scripts' ? scripts : value;
  if (!('scripts' in out)) out.scripts = scripts;
  return `${JSON.stringify(out, null, 2)}\n`;
}

/** tsconfig.json (a file with comments) with `include` and `exclude` replaced. */
export function tsconfigWith(include: string[], exclude: string[]): string {
  const file = path.join(projectRoot, 'tsconfig.json');
  const parsed = ts.parseConfigFileTextToJson(file, fs.readFileSync(file, 'utf8'));
  if (parsed.error || !parsed.config) throw new UsageError(`tsconfig.json cannot be read: ${ts.flattenDiagnosticMessageText(parsed.error?.messageText ?? 'empty', ' ')}`);
  return `${JSON.stringify({ ...parsed.config, include, exclude }, null, 2)}\n`;
}

function git(cwd: string, args: string[]): string | undefined {
  const run = spawnSync('git', args, { cwd, encoding: 'utf8', maxBuffer: 16 * 1024 * 1024, stdio: ['ignore', 'pipe', 'ignore'] });
  return run.status === 0 ? run.stdout : undefined;
}

/**
 * The untouched stub of an exercise: the working tree's file when it hashes to the catalogue's
 * stubSha256 (a stub being written and stamped), else the committed one when that does. Never a
 * version someone has edited: a release made in a workbook where exercises were solved must not
 * hand out those answers. `root`: the project (another one in tests).
 */
export function stubOf(exercise: Exercise, root = projectRoot): string {
  const rel = `exercises/${exercise.id}/${exercise.file}`;
  try {
    const text = fs.readFileSync(path.join(root, rel), 'utf8');
    if (stubHash(text) === exercise.stubSha256) return text;
  } catch {
    /* not in the working tree: try the commit */
  }
  const committed = git(root, ['show', `HEAD:${rel}`]);
  if (committed !== undefined && stubHash(committed) === exercise.stubSha256) return committed;
  throw new UsageError(`${rel} is not the stub catalogue.json records (stubSha256), in the working tree or in HEAD: put the stub back (npx workbook reset ${exercise.id}) or, after changing it, run npm run stamp`);
}

/** The public suite of every exercise, cut from its hidden suite by the catalogue's publicTests. */
export function publicSuites(catalogue: Catalogue): { exercise: Exercise; source: string; kept: string[] }[] {
  return catalogue.exercises.map((exercise) => {
    const hidden = suiteFile(exercise);
    if (!fs.existsSync(hidden)) throw new UsageError(`${path.relative(projectRoot, hidden)} is missing: a release needs every exercise's hidden suite to cut its public tests from`);
    if (!exercise.publicTests?.length) throw new UsageError(`catalogue.json: ${exercise.id} has no publicTests; a release needs 2 or 3 public tests per exercise`);
    const suite = publicSuite(hidden, exercise.publicTests, {
      publicDir: path.dirname(publicSuiteFile(exercise)),
      header: [
        `Public tests of ${exercise.id}: \`npx workbook run ${exercise.id.slice(0, 2)}\` runs them. The course grades with more.`,
        'Made by `grader release` from the course\'s test suite; do not edit (a new release replaces it).',
      ],
    });
    return { exercise, source: suite.source, kept: suite.kept };
  });
}

/** A folder that does not exist or is empty; anything else is a one-line UsageError. */
export function checkEmptyFolder(out: string, flag = '--out'): void {
  let entries: string[];
  try {
    const stat = fs.statSync(out);
    if (!stat.isDirectory()) throw new UsageError(`${flag} ${out}: a file is there already; give a new or empty folder`);
    entries = fs.readdirSync(out);
  } catch (error) {
    if (error instanceof UsageError) throw error;
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw new UsageError(`${flag} ${out}: cannot read it (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
  }
  if (entries.length > 0) throw new UsageError(`${flag} ${out}: the folder is not empty (${entries.length} entries); give a new or empty folder`);
}

/**
 * Writes the tree into `out` (which must not exist or be empty): into a hidden folder beside it
 * first, renamed into place when every file is written.
 */
export function writeTree(tree: Tree, out: string): void {
  const target = path.resolve(out);
  checkEmptyFolder(out);
  const parent = path.dirname(target);
  try {
    fs.mkdirSync(parent, { recursive: true });
  } catch (error) {
    throw new UsageError(`--out ${out}: cannot make its parent folder (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
  }
  const staging = path.join(parent, `.${path.basename(target)}.${process.pid}.${crypto.randomBytes(4).toString('hex')}.partial`);
  try {
    for (const [name, file] of [...tree].sort(([a], [b]) => (a < b ? -1 : 1))) {
      const full = path.join(staging, ...name.split('/'));
      fs.mkdirSync(path.dirname(full), { recursive: true });
      fs.writeFileSync(full, file.content, { mode: file.mode });
      fs.chmodSync(full, file.mode);
    }
    if (fs.existsSync(target)) fs.rmdirSync(target);
    fs.renameSync(staging, target);
  } catch (error) {
    fs.rmSync(staging, { recursive: true, force: true });
    if (error instanceof UsageError) throw error;
    throw new UsageError(`--out ${out}: cannot write the release (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
  }
}
