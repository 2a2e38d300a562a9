/** Reading a batch output folder from disk (the merge itself, in merge.ts, is pure). */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { UsageError } from '../errors';
import { FILES, type ShardInput } from './merge';

function readIfThere(file: string): string | undefined {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new UsageError(`cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
}

/** gradebook.csv, batch-state.json and every other *.json of `dir` (one student each). */
export function readShardFolder(dir: string): ShardInput {
  let names: string[];
  try {
    names = fs.readdirSync(dir);
  } catch (error) {
    throw new UsageError(`cannot read the batch output folder ${dir}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
  const results = names
    .filter((n) => n.endsWith('.json') && n !== FILES.state)
    .sort()
    .map((n) => ({ student: n.slice(0, -'.json'.length), text: fs.readFileSync(path.join(dir, n), 'utf8') }));
  const input: ShardInput = { name: dir, results };
  const gradebook = readIfThere(path.join(dir, FILES.gradebook));
  const state = readIfThere(path.join(dir, FILES.state));
  if (gradebook !== undefined) input.gradebook = gradebook;
  if (state !== undefined) input.state = state;
  return input;
}
