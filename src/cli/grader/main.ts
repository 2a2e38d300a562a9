/**
 * `grader`: the front for instructors and CI. Thin: it parses the command line and hands over
 * to the engine (src/core/engine) and the formats (src/core/formats).
 */
import { Command, Option } from 'commander';
import { fatal } from '../run';
import { batchCommand, mergeCommand } from './batch';
import { gradeCommand } from './grade';

export function main(argv: string[]): void {
  const program = new Command('grader')
    .description('Grades iteration exercises with hidden test suites.')
    .exitOverride()
    .configureOutput({ writeErr: (text) => process.stderr.write(text.startsWith('error:') ? `grader: ${text.slice(7)}` : text) })
    .showSuggestionAfterError(true);

  program
    .command('grade')
    .description('grade a submission folder laid out like exercises/ (default: the workbook\'s own exercises/)')
    .argument('[submission]', 'the submission folder', 'exercises')
    .option('--exercise <id...>', 'grade only these exercises (01, data-iterator, 01-data-iterator)')
    .addOption(new Option('--format <format>', 'output format (default: text on a terminal, json otherwise)').choices(['text', 'json', 'junit', 'gradescope', 'github', 'classroom']))
    .option('--out <file>', 'write the report to this file instead of stdout')
    .option('--min-score <percent>', 'exit 1 when the score is below this percentage', parsePercent)
    .option('--suites <dir>', 'hidden suites kept elsewhere (default: grader/suites)')
    .option('--no-typecheck', 'skip type diagnostics')
    .option('--memory <MiB>', 'memory ceiling of the test process', parseWhole, 512)
    .option('--output-cap <bytes>', 'what one test\'s printed output may keep', parseWhole, 4096)
    .option('--visibility <visibility>', 'gradescope: visibility of hidden tests', 'after_published')
    .action(gradeCommand);

  program
    .command('batch')
    .description('grade a class: every folder under ROOT is one student')
    .argument('<root>', 'the folder holding one folder per student')
    .requiredOption('--out <dir>', 'where gradebook.csv, <student>.json and the report go')
    .option('--jobs <n>', 'students graded at once (default: the number of cores)', parseWhole)
    .option('--resume', 'skip students already graded whose files have not changed')
    .option('--shard <i/n>', 'grade only the i-th of n stable shards of the class')
    .option('--exercise <id...>', 'grade only these exercises')
    .option('--suites <dir>', 'hidden suites kept elsewhere')
    .option('--no-typecheck', 'skip type diagnostics')
    .option('--memory <MiB>', 'memory ceiling of each test process', parseWhole, 512)
    .option('--isolate', 'a fresh test process for every student (slower; for a hostile class)')
    .action(batchCommand);

  program
    .command('merge')
    .description('combine the output folders of several batch shards into one gradebook')
    .argument('<dirs...>', 'the shards\' output folders')
    .requiredOption('--out <dir>', 'where the merged gradebook goes')
    .action(mergeCommand);

  program
    .command('release')
    .description('write the learners\' repository: lessons, stubs and public tests; no solutions, no hidden suites')
    .requiredOption('--out <dir>', 'a new or empty folder')
    // Loaded on use: releases need the TypeScript compiler, which grading should not pay to load.
    .action(async (...args: unknown[]) => (await import('./release')).releaseCommand(...(args as Parameters<typeof import('./release').releaseCommand>)));

  program
    .command('pack')
    .description('package the grader for a course platform')
    .command('gradescope')
    .description('a Gradescope autograder zip: setup.sh, run_autograder and the grader with the hidden suites')
    .requiredOption('--out <file>', 'the zip to write')
    .option('--visibility <visibility>', 'when learners see the hidden tests\' results', 'after_published')
    .action(async (...args: unknown[]) => (await import('./release')).packGradescopeCommand(...(args as Parameters<typeof import('./release').packGradescopeCommand>)));

  program.parseAsync(argv).catch((error: unknown) => fatal('grader', error));
}

function parseWhole(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n <= 0) {
    const { InvalidArgumentError } = require('commander') as typeof import('commander');
    throw new InvalidArgumentError('a whole number above 0');
  }
  return n;
}

function parsePercent(value: string): number {
  const n = Number(value);
  if (!Number.isFinite(n) || n < 0 || n > 100) {
    const { InvalidArgumentError } = require('commander') as typeof import('commander');
    throw new InvalidArgumentError('a percentage from 0 to 100');
  }
  return n;
}
