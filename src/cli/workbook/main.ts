/**
 * `workbook`: the learner's front (../shared/design/workbook.md). `npm start` runs it with no
 * verb, which shows the progress board. Every verb takes an exercise as its full id
 * (01-data-iterator), its number (1, 01) or its name (data-iterator).
 */
import { Command } from 'commander';
import { distance, findExercise, loadCatalogue } from '../../core/catalogue';
import { fatal } from '../run';

// Each verb's module is loaded when the verb runs: `workbook hint` need not load chokidar,
// markdown-it or the site builder.
/* eslint-disable @typescript-eslint/no-require-imports */
const verbs = () => require('./verbs') as typeof import('./verbs');
const boardCommand = () => verbs().boardCommand();
const runCommand = (id: string) => verbs().runCommand(id);
const hintCommand = (id: string, flags: { all?: boolean }) => verbs().hintCommand(id, flags);
const solutionCommand = (id: string, flags: { force?: boolean }) => verbs().solutionCommand(id, flags);
const siteCommand = (flags: { out?: string }) => verbs().siteCommand(flags);
const lessonCommand = (id: string) => (require('./lesson') as typeof import('./lesson')).lessonCommand(id);
const resetCommand = (id: string, flags: { yes?: boolean }) => (require('./reset') as typeof import('./reset')).resetCommand(id, flags);
const watchCommand = () => (require('./watch') as typeof import('./watch')).watchCommand();
/* eslint-enable @typescript-eslint/no-require-imports */

/** Commander's errors as one line: "workbook: unknown option '--frce'; did you mean --force?". */
function oneLine(text: string): string {
  const joined = text.trimEnd().replace(/\n\(Did you mean (.+)\?\)$/, '; did you mean $1?').replace(/\n+/g, ' ');
  return `${joined.replace(/^error: /, 'workbook: ')}\n`;
}

function program(): Command {
  const program = new Command('workbook')
    .description('The iteration workbook: your progress, the lessons, and a grader that checks your exercises.')
    .usage('[command] [ID]')
    .exitOverride()
    .configureOutput({ writeErr: (text) => process.stderr.write(text.startsWith('error:') ? oneLine(text) : text) })
    .showSuggestionAfterError(true)
    .action(boardCommand);
  program.command('watch').description('re-grade on every save of an exercise file (keys: n next, h hint, l list, q quit)').action(watchCommand);
  program.command('run').description('grade one exercise and show every failing test').argument('<ID>', 'the exercise: 01, 1, data-iterator or 01-data-iterator').action(runCommand);
  program.command('hint').description('the next hint of an exercise (one more each time)').argument('<ID>', 'the exercise').option('--all', 'show again every hint seen so far').action(hintCommand);
  program.command('lesson').description('the lesson of an exercise, in the terminal').argument('<ID>', 'the exercise (or a lesson without one, like 00)').action(lessonCommand);
  program.command('reset').description('put the stub back; your version is kept in .workbook/backups/').argument('<ID>', 'the exercise').option('-y, --yes', 'do not ask for confirmation (for scripts)').action(resetCommand);
  program.command('solution').description('the reference solution, once your exercise passes').argument('<ID>', 'the exercise').option('--force', 'show it even though the exercise does not pass yet').action(solutionCommand);
  program.command('site').description('the lessons and your progress as a static web site').option('--out <dir>', 'where to write it (default: site/)').action(siteCommand);
  return program;
}

/** A word that is no verb: one line naming the nearest verb, or `run` when it is an exercise. */
function unknownVerb(word: string, verbs: string[]): string {
  try {
    findExercise(loadCatalogue(), word);
    return `workbook: unknown command "${word}"; did you mean workbook run ${word}?`;
  } catch {
    /* not an exercise either */
  }
  const nearest = verbs.map((verb) => ({ verb, d: distance(word.toLowerCase(), verb) })).sort((a, b) => a.d - b.d)[0]!;
  return `workbook: unknown command "${word}"; did you mean ${nearest.verb}? (${verbs.join(', ')})`;
}

export function main(argv: string[]): void {
  // `npx workbook | head`: a reader that went away is not an error.
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw error;
  });
  const cli = program();
  const verbs = cli.commands.map((c) => c.name());
  const word = argv[2];
  if (word !== undefined && !word.startsWith('-') && !verbs.includes(word) && word !== 'help') {
    process.stderr.write(`${unknownVerb(word, verbs)}\n`);
    process.exit(2);
  }
  cli.parseAsync(argv).catch((error: unknown) => fatal('workbook', error));
}
