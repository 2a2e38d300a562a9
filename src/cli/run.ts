/**
 * What every front end does at its edge: a UsageError (a wrong path, flag or file) is one line
 * and exit 2; anything else is the grader's own failure, also one line and exit 2.
 */
import { CommanderError } from 'commander';
import { UsageError } from '../core/errors';

export function fatal(prefix: string, error: unknown): never {
  if (error instanceof CommanderError) {
    process.exit(error.exitCode === 0 ? 0 : 2);
  }
  const message = error instanceof UsageError ? error.message : `internal error: ${(error as Error)?.message ?? error}`;
  process.stderr.write(`${prefix}: ${message.split('\n')[0]}\n`);
  if (!(error instanceof UsageError) && process.env.GRADER_DEBUG) process.stderr.write(`${(error as Error)?.stack}\n`);
  process.exit(2);
}
