/**
 * Runs inside the realm of each hidden suite file, loaded there by jest's runtime as an internal
 * module (as jest-circus loads its own jestAdapterInit, which this replaces; see circus.ts): the
 * jest-circus globals (describe, test, the hooks), its state and its run loop, from jest-circus
 * itself. What it leaves out is `expect` and snapshots, which jestAdapterInit loads into every
 * realm (expect, its matchers, jest-snapshot, the diff and format libraries: most of the cost of
 * each suite file) and which hidden suites never use: they check with grader/harness instead.
 *
 * Plain CommonJS with no imports of its own: everything it uses is handed to it or required by
 * absolute path inside the realm, so it is jest-circus's in-realm copy that runs.
 */

/* eslint-disable @typescript-eslint/no-explicit-any, @typescript-eslint/no-require-imports */

export interface InitOptions {
  /** jest-circus's build folder (absolute). */
  circusDir: string;
  config: { injectGlobals: boolean; testLocationInResults: boolean };
  globalConfig: { testTimeout?: number; maxConcurrency: number; randomize?: boolean; seed: number; testNamePattern?: string };
  environment: { global: Record<string, unknown>; handleTestEvent?: (...args: any[]) => unknown };
  parentProcess: NodeJS.Process;
  setGlobalsForRuntime(globals: Record<string, unknown>): void;
}

/** What a suite file's run comes to, in jest's own assertion-result shape (copied out of the realm by circus.ts). */
export interface RunOutcome {
  testResults: {
    ancestorTitles: string[];
    duration: number | null | undefined;
    failureDetails: unknown[];
    failureMessages: string[];
    fullName: string;
    invocations: number;
    location: unknown;
    numPassingAsserts: number;
    retryReasons: string[];
    status: 'passed' | 'failed' | 'pending' | 'todo';
    title: string;
  }[];
  unhandledErrors: string[];
}

const EXPECT_MISSING =
  "Hidden suites check with grader/harness (equal, same, ok, …), not jest's expect, which the grader does not load.";

function circus(dir: string, file: string): any {
  return require(`${dir}/${file}`);
}

export async function initialize(options: InitOptions): Promise<{ globals: Record<string, any> }> {
  const { circusDir, config, globalConfig, environment } = options;
  const api = circus(circusDir, 'index.js').default;
  const state = circus(circusDir, 'state.js');
  if (globalConfig.testTimeout) state.getState().testTimeout = globalConfig.testTimeout;
  state.getState().maxConcurrency = globalConfig.maxConcurrency;
  state.getState().randomize = globalConfig.randomize;
  state.getState().seed = globalConfig.seed;
  const globals: Record<string, any> = {
    ...api,
    fdescribe: api.describe.only,
    fit: api.it.only,
    xdescribe: api.describe.skip,
    xit: api.it.skip,
    xtest: api.it.skip,
  };
  if (environment.handleTestEvent) state.addEventHandler(environment.handleTestEvent.bind(environment));
  const runtimeGlobals = {
    ...globals,
    expect: () => {
      throw new Error(EXPECT_MISSING);
    },
  };
  options.setGlobalsForRuntime(runtimeGlobals);
  if (config.injectGlobals) Object.assign(environment.global, runtimeGlobals);
  await state.dispatch({ name: 'setup', parentProcess: options.parentProcess, runtimeGlobals, testNamePattern: globalConfig.testNamePattern });
  if (config.testLocationInResults) await state.dispatch({ name: 'include_test_location_in_result' });
  return { globals };
}

export async function run(circusDir: string): Promise<RunOutcome> {
  const state = circus(circusDir, 'state.js');
  const runResult = await circus(circusDir, 'run.js').default();
  const testResults = runResult.testResults.map((testResult: any) => {
    const status = testResult.status === 'skip' ? 'pending' : testResult.status === 'todo' ? 'todo' : testResult.errors.length ? 'failed' : 'passed';
    const ancestorTitles = testResult.testPath.filter((name: string) => name !== state.ROOT_DESCRIBE_BLOCK_NAME);
    const title = ancestorTitles.pop();
    return {
      ancestorTitles,
      duration: testResult.duration,
      failureDetails: testResult.errorsDetailed,
      failureMessages: testResult.errors,
      fullName: title ? ancestorTitles.concat(title).join(' ') : ancestorTitles.join(' '),
      invocations: testResult.invocations,
      location: testResult.location,
      numPassingAsserts: testResult.numPassingAsserts,
      retryReasons: testResult.retryReasons,
      status,
      title: testResult.testPath[testResult.testPath.length - 1],
    };
  });
  await state.dispatch({ name: 'teardown' });
  return { testResults, unhandledErrors: runResult.unhandledErrors };
}
