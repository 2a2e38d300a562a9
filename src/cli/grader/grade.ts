import * as fs from 'node:fs';
import * as path from 'node:path';
import { resolveSubmission } from '../../core/engine/workspace';
import { grade } from '../../core/engine/grade';
import { renderText } from '../../core/formats/text';
import { useColour } from '../../core/style';
import { UsageError } from '../../core/errors';
import type { ResultDocument } from '../../core/result';
import { getFormatter, parseVisibility, type FormatOutput } from '../../core/formats';

export interface GradeFlags {
  exercise?: string[];
  format?: string;
  out?: string;
  minScore?: number;
  suites?: string;
  typecheck: boolean;
  visibility: string;
  memory: number;
  outputCap: number;
}

export async function gradeCommand(submission: string, flags: GradeFlags): Promise<void> {
  const format = flags.format ?? (process.stdout.isTTY && !flags.out ? 'text' : 'json');
  const doc = await grade({ submission, exercises: flags.exercise, suitesDir: flags.suites, typecheck: flags.typecheck, memoryMb: flags.memory, outputCapBytes: flags.outputCap });
  await emit(doc, format, flags, submission);
  if (flags.minScore !== undefined && percent(doc) < flags.minScore) process.exitCode = 1;
}

function percent(doc: ResultDocument): number {
  return doc.maxScore > 0 ? (doc.score / doc.maxScore) * 100 : 100;
}

async function emit(doc: ResultDocument, format: string, flags: GradeFlags, submission: string): Promise<void> {
  let output: FormatOutput;
  if (format === 'text') output = { stdout: renderText(doc, !flags.out && useColour()) };
  else if (format === 'json') output = { stdout: `${JSON.stringify(doc, null, 2)}\n` };
  else {
    // Annotations name the learner's file relative to the repository: the folder actually graded.
    const graded = resolveSubmission(submission) ?? submission;
    const submissionDir = path.relative(process.cwd(), graded) || '.';
    output = getFormatter(format)(doc, { env: process.env, submissionDir, hiddenVisibility: parseVisibility(flags.visibility) });
  }
  for (const file of output.files ?? []) write(file.path, file.content, file.append, 'the file');
  if (output.stdout !== undefined) {
    if (flags.out) write(flags.out, output.stdout, false, '--out');
    else process.stdout.write(output.stdout);
  }
}

function write(file: string, content: string, append: boolean | undefined, what: string): void {
  try {
    if (append) fs.appendFileSync(file, content);
    else fs.writeFileSync(file, content);
  } catch (error) {
    throw new UsageError(`cannot write ${what} ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
}
