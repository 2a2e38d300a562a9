/**
 * The grading child: runs the hidden suites in band with jest's programmatic API. Started by
 * the grader (../runner.ts) with its request on stdin and the side channel on fd 3; it runs in
 * its own process group so the grader can end it, and everything it started, at once.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { ChildRequest } from '../protocol';
import { openChannel } from './channel';

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

async function main(): Promise<void> {
  const request = JSON.parse(fs.readFileSync(0, 'utf8')) as ChildRequest;
  openChannel(request.token);
  process.env.GRADER_WORKSPACE = request.workspace;
  process.env.GRADER_OUTPUT_CAP = String(request.outputCapBytes);
  const { runCLI } = await import('@jest/core');
  const config = {
    rootDir: request.workspace,
    roots: [request.suitesDir],
    testMatch: ['**/*.test.ts'],
    testEnvironment: path.join(__dirname, 'environment.js'),
    reporters: [path.join(__dirname, 'reporter.js')],
    transform: {
      '^.+\\.ts$': [require.resolve('@swc/jest'), {
        jsc: { parser: { syntax: 'typescript' }, target: 'es2022' },
        module: { type: 'commonjs' },
        sourceMaps: 'inline',
      }],
    },
    moduleNameMapper: { '^@submission/(.*)$': `${request.workspace}/$1` },
    moduleDirectories: ['node_modules', path.join(request.projectRoot, 'node_modules')],
    cacheDirectory: request.cacheDir,
    testTimeout: request.testTimeoutMs,
    watchman: false,
    haste: { enableSymlinks: false },
    injectGlobals: true,
  };
  await runCLI(
    {
      _: request.suiteFiles,
      $0: 'grader',
      runTestsByPath: true,
      runInBand: true,
      config: JSON.stringify(config),
      testNamePattern: request.onlyTests ? `^(${request.onlyTests.map(escapeRegExp).join('|')})$` : undefined,
      silent: true,
      ci: true,
      watchman: false,
      passWithNoTests: true,
    } as unknown as Parameters<typeof runCLI>[0],
    [request.workspace],
  );
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(`grading child failed: ${(error as Error)?.stack ?? error}\n`);
    process.exit(70);
  },
);
