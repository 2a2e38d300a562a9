/**
 * The output formats of `grader grade --format …`: a registry from format name to formatter.
 *
 * A formatter is pure: it turns a ResultDocument (src/core/result.ts) into what should be
 * printed and which files should be written or appended to. The CLI does the I/O: it writes
 * `stdout` to `--out` when given (else to standard output) and writes each of `files`
 * (appending when `append` is set: $GITHUB_STEP_SUMMARY, $GITHUB_OUTPUT).
 *
 *   const format = getFormatter('junit');
 *   const { stdout, files } = format(doc, { env: process.env, submissionDir: 'exercises' });
 */
import { UsageError } from '../errors';
import type { ResultDocument } from '../result';
import { classroom } from './classroom';
import { github } from './github';
import { gradescope } from './gradescope';
import { junit } from './junit';

/** When Gradescope shows a test to the student (its documented `visibility` values). */
export type GradescopeVisibility = 'hidden' | 'after_due_date' | 'after_published' | 'visible';
export const GRADESCOPE_VISIBILITIES: readonly GradescopeVisibility[] = ['hidden', 'after_due_date', 'after_published', 'visible'];

export interface FormatContext {
  /** The environment (process.env): GITHUB_STEP_SUMMARY, GITHUB_OUTPUT, GITHUB_WORKSPACE are read. */
  env: Record<string, string | undefined>;
  /**
   * The submission folder as the learner's repository names it (`exercises`, or `.`), so that
   * `<submissionDir>/<exercise file>` is the learner's file relative to the repository root.
   */
  submissionDir: string;
  /** Gradescope: when the hidden suites' tests are shown to students (default after_published). */
  hiddenVisibility?: GradescopeVisibility;
}

export interface FormatFile {
  path: string;
  content: string;
  /** Append to the file instead of replacing it. */
  append?: boolean;
}

export interface FormatOutput {
  /** For --out when given, else standard output. */
  stdout?: string;
  files?: FormatFile[];
}

export type Formatter = (doc: ResultDocument, context: FormatContext) => FormatOutput;

const registry = new Map<string, Formatter>([
  ['junit', junit],
  ['gradescope', gradescope],
  ['github', github],
  ['classroom', classroom],
]);

/** Adds (or replaces) a format; the CLI registers `text` and `json` itself. */
export function registerFormat(name: string, formatter: Formatter): void {
  registry.set(name, formatter);
}

export function formatNames(): string[] {
  return [...registry.keys()];
}

/** The formatter for `--format name`; a one-line UsageError naming the known ones otherwise. */
export function getFormatter(name: string): Formatter {
  const formatter = registry.get(name);
  if (!formatter) throw new UsageError(`unknown --format ${name}; known formats: ${formatNames().join(', ')}`);
  return formatter;
}

/** Checks a --visibility value (Gradescope's hidden tests). */
export function parseVisibility(value: string): GradescopeVisibility {
  const found = GRADESCOPE_VISIBILITIES.find((v) => v === value);
  if (!found) throw new UsageError(`--visibility ${value} is not one of ${GRADESCOPE_VISIBILITIES.join(', ')}`);
  return found;
}
