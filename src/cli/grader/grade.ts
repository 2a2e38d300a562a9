import * as fs from 'node:fs';
import { grade } from '../../core/engine/grade';
import { renderText } from '../../core/formats/text';
import { useColour } from '../../core/style';
import { UsageError } from '../../core/errors';
import type { ResultDocument } from '../../core/result';

export interface GradeFlags {
  exercise?: string[];
  format?: string;
  out?: string;
  minScore?: number;
  suites?: string;
  typecheck: boolean;
  visibility: string;
}

export async function gradeCommand(submission: string, flags: GradeFlags): Promise<void> {
  const format = flags.format ?? (process.stdout.isTTY && !flags.out ? 'text' : 'json');
  const doc = await grade({ submission, exercises: flags.exercise, suitesDir: flags.suites, typecheck: flags.typecheck });
  await emit(doc, format, flags);
  if (flags.minScore !== undefined && percent(doc) < flags.minScore) process.exitCode = 1;
}

function percent(doc: ResultDocument): number {
  return doc.maxScore > 0 ? (doc.score / doc.maxScore) * 100 : 100;
}

async function emit(doc: ResultDocument, format: string, flags: GradeFlags): Promise<void> {
  let text: string;
  if (format === 'text') text = renderText(doc, !flags.out && useColour());
  else if (format === 'json') text = `${JSON.stringify(doc, null, 2)}\n`;
  else throw new UsageError(`--format ${format} is not available yet`);
  if (flags.out) {
    try {
      fs.writeFileSync(flags.out, text);
    } catch (error) {
      throw new UsageError(`cannot write --out ${flags.out}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
    }
  } else {
    process.stdout.write(text);
  }
}
