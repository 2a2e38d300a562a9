/** Shared by the project's own tests: the built engine, temp folders, running the CLIs. */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

export const root = path.resolve(__dirname, '..');

// The engine runs from dist/ (npm test builds first): its child process entry is compiled JS.
export const engine = require(path.join(root, 'dist/core/engine/grade')) as typeof import('../src/core/engine/grade');
export const catalogue = (require(path.join(root, 'dist/core/catalogue')) as typeof import('../src/core/catalogue')).loadCatalogue();
export const schemas = require(path.join(root, 'dist/core/schemas')) as typeof import('../src/core/schemas');

export function tempDir(prefix = 'iteration-test-'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

/** Writes `{ "<id>/<file>": text }` as a submission folder. */
export function makeSubmission(files: Record<string, string>, dir = tempDir()): string {
  for (const [name, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), text);
  }
  return dir;
}

export function cli(bin: 'grader' | 'workbook', args: string[], options: { cwd?: string; env?: NodeJS.ProcessEnv; input?: string } = {}) {
  const run = spawnSync(process.execPath, [path.join(root, 'bin', `${bin}.js`), ...args], {
    cwd: options.cwd ?? root,
    env: { ...process.env, NO_COLOR: '1', ...options.env },
    input: options.input ?? '',
    encoding: 'utf8',
    timeout: 120_000,
  });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}

export interface Variant {
  exercise: string;
  name: string;
  dir: string;
  file: string;
  /** 'full' for a correct version written another way; else the test-name fragments it must lose. */
  expect: 'full' | string[];
}

/** test/variants/<id>/<name>/<file>, each with its `// expect:` header. */
export function variants(): Variant[] {
  const base = path.join(root, 'test', 'variants');
  if (!fs.existsSync(base)) return [];
  const found: Variant[] = [];
  for (const exercise of fs.readdirSync(base).sort()) {
    for (const name of fs.readdirSync(path.join(base, exercise)).sort()) {
      const dir = path.join(base, exercise, name);
      const file = fs.readdirSync(dir).find((f) => f.endsWith('.ts'));
      if (!file) continue;
      const header = fs.readFileSync(path.join(dir, file), 'utf8').split('\n').filter((l) => l.startsWith('// expect:'));
      const loses = header.flatMap((l) => [...l.matchAll(/loses "([^"]+)"/g)].map((m) => m[1]!));
      found.push({ exercise, name, dir, file, expect: header.some((l) => /expect:\s*full/.test(l)) ? 'full' : loses });
    }
  }
  return found;
}
