/**
 * `grader pack gradescope --out FILE`: a Gradescope autograder zip.
 *
 * Gradescope unpacks the zip into /autograder/source, runs its setup.sh once while it builds the
 * image, and copies its run_autograder to /autograder/run_autograder, which it runs for every
 * submission with the learner's files in /autograder/submission; the results go to
 * /autograder/results/results.json. So the zip's root is the grader itself (package.json, lock,
 * sources, catalogue, schemas, harness and the hidden suites) beside the two scripts. No
 * solutions, lessons or stubs: grading needs none of them.
 */
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as yazl from 'yazl';
import { loadCatalogue, suiteFile } from '../catalogue';
import { UsageError } from '../errors';
import type { GradescopeVisibility } from '../formats';
import { projectRoot } from '../paths';
import { addProjectFile, addProjectFolder, addSources, addText, readPackageJson, tsconfigWith, withScripts, type Tree } from './files';

/** Zip entries get this date, so that packing the same project twice gives the same bytes. */
const ENTRY_DATE = new Date(2000, 0, 1);

export const SETUP_SH = `#!/usr/bin/env bash
# Gradescope runs this once, as root, while it builds the autograder's image (Ubuntu); the zip it
# came in is unpacked into /autograder/source (AUTOGRADER_ROOT replaces /autograder, for tests).
#
# The grader needs Node 20 or newer. Ubuntu's own nodejs package is older (12 on 22.04, 18 on
# 24.04), so Node 20 comes from NodeSource's apt repository; an image that already has Node 20
# or newer keeps it.
set -euo pipefail
ROOT="\${AUTOGRADER_ROOT:-/autograder}"
export DEBIAN_FRONTEND=noninteractive

node_major() { node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0; }

if [ "$(node_major)" -lt 20 ]; then
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends ca-certificates curl gnupg
  curl -fsSL https://deb.nodesource.com/setup_20.x | bash -
  apt-get install -y -qq --no-install-recommends nodejs
fi
node --version

cd "$ROOT/source"
# Exactly package-lock.json's versions; the prepare script then builds dist/ with tsc.
npm ci --no-audit --no-fund
`;

export function runAutograder(visibility: GradescopeVisibility): string {
  return `#!/usr/bin/env bash
# Gradescope runs this for every submission, as /autograder/run_autograder (AUTOGRADER_ROOT
# replaces /autograder, for tests). It grades /autograder/submission with the hidden suites in
# /autograder/source and writes /autograder/results/results.json (grader grade --format gradescope).
#
# The submission is the learner's repository (exercises/ inside) or the exercise folders
# themselves; a repository uploaded as a zip often sits one folder further down, and is found.
# Hidden tests are shown to learners: ${visibility} (GRADER_VISIBILITY overrides it).
set -uo pipefail
ROOT="\${AUTOGRADER_ROOT:-/autograder}"
SUBMISSION="$ROOT/submission"
RESULTS="$ROOT/results"
VISIBILITY="\${GRADER_VISIBILITY:-${visibility}}"
mkdir -p "$RESULTS"

graded="$SUBMISSION"
if [ -d "$graded" ] && [ ! -d "$graded/exercises" ] && ! compgen -G "$graded/[0-9][0-9]-*" >/dev/null; then
  found="$(find "$graded" -mindepth 2 -maxdepth 3 -type d -name exercises -not -path '*/node_modules/*' 2>/dev/null | sort | head -n 1)"
  if [ -n "$found" ]; then graded="$(dirname "$found")"; fi
fi

cd "$ROOT/source" || exit 1
errors="$(mktemp)"
node bin/grader.js grade "$graded" --format gradescope --visibility "$VISIBILITY" --out "$RESULTS/results.json" 2>"$errors"
status=$?
cat "$errors" >&2

# Exit 2: the submission could not be read, or the grader failed. Learners get a results.json
# that says so (Gradescope shows nothing useful without one), scored 0 for staff to look at.
if [ "$status" -ne 0 ] && [ "$status" -ne 1 ]; then
  GRADER_ERROR="$(grep -v '^\\s*$' "$errors" | tail -n 1)" RESULTS_FILE="$RESULTS/results.json" node -e '
    const fs = require("fs");
    const reason = (process.env.GRADER_ERROR || "the grader stopped without saying why").replace(/^grader: /, "");
    const results = {
      score: 0,
      execution_time: 0,
      output: "The autograder could not grade this submission: " + reason + "\\nNothing was graded, so this 0 is not a grade; please tell your course staff.",
      output_format: "text",
      tests: [],
    };
    fs.writeFileSync(process.env.RESULTS_FILE, JSON.stringify(results, null, 2) + "\\n");
  '
fi
rm -f "$errors"
exit 0
`;
}

export const PACK_README = `# Gradescope autograder

Made by \`grader pack gradescope\`. Upload this zip as the autograder of a Gradescope programming
assignment ("Zip file upload"; base image Ubuntu). Gradescope unpacks it into /autograder/source:

- setup.sh           installs Node 20 (NodeSource's apt repository) and runs npm ci here, which
                     also builds dist/
- run_autograder     grades /autograder/submission (the learner's repository, or its exercise
                     folders) into /autograder/results/results.json
- the rest           the grader: its sources, catalogue.json, schemas/ and grader/ with the hidden
                     suites and their harness

Learners submit their repository (GitHub or a zip) or their exercise folders.
`;

export interface PackSummary {
  out: string;
  files: number;
  bytes: number;
}

/** Everything the zip holds, in memory. */
export function gradescopeTree(visibility: GradescopeVisibility): Tree {
  const catalogue = loadCatalogue();
  const tree: Tree = new Map();
  addSources(tree);
  addText(tree, 'tsconfig.json', tsconfigWith(['src', 'grader'], ['node_modules', 'dist', 'grader/types']));
  const pkg = readPackageJson();
  addText(tree, 'package.json', withScripts(pkg, { build: pkg.scripts?.build ?? 'tsc -p tsconfig.build.json', prepare: 'npm run build && node scripts/link-bins.js' }));
  addProjectFolder(tree, 'grader/harness');
  addProjectFolder(tree, 'grader/types');
  for (const exercise of catalogue.exercises) {
    const rel = path.relative(projectRoot, suiteFile(exercise)).split(path.sep).join('/');
    if (!fs.existsSync(suiteFile(exercise))) throw new UsageError(`${rel} is missing: the autograder needs every exercise's hidden suite`);
    // The hidden suite alone: a public suite beside it would count its tests twice.
    addProjectFile(tree, rel);
  }
  addText(tree, 'setup.sh', SETUP_SH, 0o755);
  addText(tree, 'run_autograder', runAutograder(visibility), 0o755);
  addText(tree, 'README-gradescope.md', PACK_README);
  return tree;
}

/** Writes the tree as a zip at `out` (replacing a file there, never a folder), atomically. */
export async function writeZip(tree: Tree, out: string): Promise<number> {
  const target = path.resolve(out);
  if (fs.existsSync(target) && fs.statSync(target).isDirectory()) throw new UsageError(`--out ${out}: that is a folder; give the zip file's name`);
  const zip = new yazl.ZipFile();
  for (const [name, file] of [...tree].sort(([a], [b]) => (a < b ? -1 : 1))) {
    zip.addBuffer(file.content, name, { mode: 0o100000 | file.mode, mtime: ENTRY_DATE });
  }
  zip.end();
  const chunks: Buffer[] = [];
  for await (const chunk of zip.outputStream as AsyncIterable<Buffer>) chunks.push(chunk);
  const bytes = Buffer.concat(chunks);
  const temporary = `${target}.${process.pid}.${crypto.randomBytes(4).toString('hex')}.tmp`;
  try {
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.writeFileSync(temporary, bytes);
    fs.renameSync(temporary, target);
  } catch (error) {
    fs.rmSync(temporary, { force: true });
    throw new UsageError(`--out ${out}: cannot write the zip (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
  }
  return bytes.length;
}

export async function packGradescope(out: string, visibility: GradescopeVisibility): Promise<PackSummary> {
  const tree = gradescopeTree(visibility);
  const bytes = await writeZip(tree, out);
  return { out, files: tree.size, bytes };
}
