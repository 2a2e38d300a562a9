/** `grader release` and `grader pack gradescope`: what a course hands out and what it grades with. */
import * as path from 'node:path';
import { parseVisibility } from '../../core/formats';
import { packGradescope } from '../../core/release/gradescope-pack';
import { writeRelease } from '../../core/release/release';

export async function releaseCommand(flags: { out: string }): Promise<void> {
  const summary = writeRelease(flags.out);
  const tests = summary.exercises.reduce((sum, e) => sum + e.publicTests.length, 0);
  const shown = path.relative(process.cwd(), path.resolve(summary.out)) || '.';
  process.stdout.write(`Wrote the learners' repository to ${shown}: ${summary.files} files, ${tests} public tests for ${summary.exercises.length} exercises; no solutions, no hidden suites.\n`);
  process.stdout.write(`Next: commit it as the course's template repository. Learners run npm install && npm start.\n`);
}

export async function packGradescopeCommand(flags: { out: string; visibility: string }): Promise<void> {
  const visibility = parseVisibility(flags.visibility);
  const summary = await packGradescope(flags.out, visibility);
  const shown = path.relative(process.cwd(), path.resolve(summary.out)) || summary.out;
  process.stdout.write(`Wrote the Gradescope autograder ${shown}: ${summary.files} files, ${Math.ceil(summary.bytes / 1024)} KiB; hidden tests ${visibility}.\n`);
  process.stdout.write(`Upload it as the assignment's autograder (Ubuntu base image); setup.sh installs Node 20.\n`);
}
