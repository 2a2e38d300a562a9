/**
 * The grading child's jest test runner (jest's `testRunner` option): jest-circus, as jest runs it
 * by default (its legacy-code-todo-rewrite/jestAdapter), with one difference: the code loaded into
 * each suite file's realm is circus-init.ts, which sets up jest-circus without `expect` and
 * snapshots. Those are most of what jest evaluates again in every realm, and hidden suites never
 * use them (grader/harness checks instead, and reports over the side channel). Everything else,
 * the test tree, hooks, timeouts, test name filters, fake timers and the result, is jest-circus's.
 */
import * as path from 'node:path';
import type { InitOptions, RunOutcome } from './circus-init';

/* eslint-disable @typescript-eslint/no-explicit-any, @typescript-eslint/no-require-imports */

const INIT = require.resolve('./circus-init');

/** jest-circus's build folder, found from jest-runner (whose default test runner it is). */
export const circusDir = path.dirname(require.resolve('jest-circus', { paths: [path.dirname(require.resolve('jest-runner'))] }));

function fromJest<T>(name: string): T {
  return require(require.resolve(name, { paths: [path.dirname(require.resolve('jest-runner'))] })) as T;
}

const { deepCyclicCopy } = fromJest<{ deepCyclicCopy<T>(value: T, options: { keepPrototype: boolean }): T }>('jest-util');
const { createEmptyTestResult } = fromJest<{ createEmptyTestResult(): Record<string, unknown> }>('@jest/test-result');

export default async function gradingCircus(
  globalConfig: any,
  config: any,
  environment: any,
  runtime: any,
  testPath: string,
): Promise<unknown> {
  const init = runtime.requireInternalModule(INIT) as typeof import('./circus-init');
  const options: InitOptions = {
    circusDir,
    config,
    globalConfig,
    environment,
    parentProcess: process,
    setGlobalsForRuntime: runtime.setGlobalsForRuntime.bind(runtime),
  };
  const { globals } = await init.initialize(options);
  if (config.fakeTimers?.enableGlobally) {
    if (config.fakeTimers.legacyFakeTimers) environment.fakeTimers.useFakeTimers();
    else environment.fakeTimersModern.useFakeTimers();
  }
  globals.beforeEach(() => {
    if (config.resetModules) runtime.resetModules();
    if (config.clearMocks) runtime.clearAllMocks();
    if (config.resetMocks) {
      runtime.resetAllMocks();
      if (config.fakeTimers?.enableGlobally && config.fakeTimers.legacyFakeTimers) environment.fakeTimers.useFakeTimers();
    }
    if (config.restoreMocks) runtime.restoreAllMocks();
  });
  for (const file of config.setupFilesAfterEnv as string[]) runtime.requireModule(file);
  runtime.requireModule(testPath);
  // Copied out of the realm, as jest-circus does, so that nothing of it outlives the file.
  const outcome = deepCyclicCopy<RunOutcome>(await init.run(circusDir), { keepPrototype: false });
  let failing = 0;
  let passing = 0;
  let pending = 0;
  let todo = 0;
  for (const t of outcome.testResults) {
    if (t.status === 'failed') failing++;
    else if (t.status === 'passed') passing++;
    else if (t.status === 'pending') pending++;
    else todo++;
  }
  return {
    ...createEmptyTestResult(),
    console: undefined,
    displayName: config.displayName,
    // Verdicts travel over the side channel (environment.ts); no report is printed from this.
    failureMessage: null,
    numFailingTests: failing,
    numPassingTests: passing,
    numPendingTests: pending,
    numTodoTests: todo,
    testExecError: outcome.unhandledErrors.length ? { message: outcome.unhandledErrors[0]!.split('\n')[0], stack: outcome.unhandledErrors.join('\n') } : undefined,
    testFilePath: testPath,
    testResults: outcome.testResults,
  };
}
