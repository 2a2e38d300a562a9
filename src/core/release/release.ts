/**
 * `grader release --out DIR`: the learners' repository. It holds what a learner runs (the CLI
 * and its core as sources, built by `npm install`'s prepare script), the lessons, the untouched
 * stubs, the harness and, as the only tests, each exercise's public tests cut from its hidden
 * suite (catalogue.json's publicTests). Never the solutions, the hidden suites, the project's own
 * tests, benchmarks or the instructors' CI examples.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { loadCatalogue } from '../catalogue';
import { projectRoot } from '../paths';
import { addProjectFile, addProjectFolder, checkEmptyFolder, addSources, addText, publicSuites, readPackageJson, stubOf, tsconfigWith, withScripts, writeTree, type Tree } from './files';

export interface ReleaseSummary {
  out: string;
  files: number;
  exercises: { id: string; publicTests: string[] }[];
}

/** The learners' README: the project README's introduction and "For learners" section, and the two commands. */
export function learnersReadme(projectReadme = fs.readFileSync(path.join(projectRoot, 'README.md'), 'utf8')): string {
  const text = projectReadme.replace(/\r\n?/g, '\n');
  const title = text.match(/^# .+$/m)?.[0];
  const intro = title ? text.slice(text.indexOf(title) + title.length, text.indexOf('```')).trim() : '';
  const start = text.search(/^## For learners\s*$/m);
  if (!title || !intro || start < 0) throw new Error('README.md has no title, introduction or "## For learners" section to make the learners\' README from');
  const rest = text.slice(start);
  const end = rest.slice(3).search(/^## /m);
  const learners = (end < 0 ? rest : rest.slice(0, end + 3))
    .split('\n')
    // A release has no solutions/ folder, so the verb that shows them has nothing to show.
    .filter((line) => !/workbook solution\b/.test(line))
    .join('\n')
    .trim();
  return `${title}

${intro}

\`\`\`sh
npm install      # once, with Node 20 or newer: installs the tools and builds them
npm start        # the progress board: grades exercises/ and shows where you are
\`\`\`

${learners}

## Checking your work

Two commands come with this repository: \`workbook\` (above) guides you through the exercises;
\`grader\` grades a folder and prints a report.

\`\`\`sh
npx grader grade                 # every exercise in exercises/, each failing test with its message
npx grader grade --exercise 1    # one exercise (ids as for workbook)
npx grader grade --format json   # the same report as a JSON document
\`\`\`

The tests here are the public ones: for each exercise, two or three of its most basic behaviours
(\`grader/suites/public/\`). Your course grades the same files with more tests, so passing them
all here is a good sign, not yet the final score. An exercise whose file is still the untouched
stub shows as not started.
`;
}

/** Everything the learners' repository holds, in memory. */
export function releaseTree(): { tree: Tree; exercises: ReleaseSummary['exercises'] } {
  const catalogue = loadCatalogue();
  const tree: Tree = new Map();
  addSources(tree);
  addText(tree, 'tsconfig.json', tsconfigWith(['src', 'grader', 'exercises'], ['node_modules', 'dist', 'grader/types']));
  addProjectFile(tree, '.gitignore');
  addText(tree, 'README.md', learnersReadme());
  const pkg = readPackageJson();
  const scripts = pkg.scripts ?? {};
  addText(tree, 'package.json', withScripts(pkg, {
    build: scripts.build ?? 'tsc -p tsconfig.build.json',
    prepare: 'npm run build && node scripts/link-bins.js',
    start: 'node bin/workbook.js',
    test: 'node bin/workbook.js',
    typecheck: 'tsc -p tsconfig.json --noEmit',
  }));
  addProjectFolder(tree, 'lessons');
  addProjectFolder(tree, 'grader/harness');
  addProjectFolder(tree, 'grader/types');
  for (const exercise of catalogue.exercises) addText(tree, `exercises/${exercise.id}/${exercise.file}`, stubOf(exercise));
  const exercises: ReleaseSummary['exercises'] = [];
  for (const { exercise, source, kept } of publicSuites(catalogue)) {
    addText(tree, `grader/suites/public/${exercise.id}.test.ts`, source);
    exercises.push({ id: exercise.id, publicTests: kept });
  }
  return { tree, exercises };
}

export function writeRelease(out: string): ReleaseSummary {
  checkEmptyFolder(out);
  const { tree, exercises } = releaseTree();
  writeTree(tree, out);
  return { out, files: tree.size, exercises };
}
