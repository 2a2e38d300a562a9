/**
 * jest, in band, for a child that grades request after request. What @jest/core's runCLI does on
 * every call and a warm child needs only once is done once: reading and normalizing the config
 * (jest-config), crawling the suites folder into a haste map (jest-haste-map), loading the
 * transformer. Each request then gets a fresh resolver (no resolution outlives its grading) and
 * runs its suite files through jest-runner's TestRunner, which gives each file a new test
 * environment (a new realm), a new jest-runtime module registry and jest-circus, as runCLI does.
 *
 * Left out of runCLI's work because grading does not use it: reporters and the summary (verdicts
 * travel over the side channel), the test sequencer's reordering and its timing cache (files run in
 * the order given), snapshot bookkeeping (hidden suites have no snapshots), watch plugins and
 * coverage. The config never depends on the workspace (resolver.ts maps `@submission/`), so the
 * transforms of the suites and the harness are computed once per child, and once per machine on
 * disk, instead of once per student.
 */
import * as crypto from 'node:crypto';
import * as path from 'node:path';
import { useWorkspace } from './resolver';

/* eslint-disable @typescript-eslint/no-explicit-any, @typescript-eslint/no-require-imports */

const jestRunnerDir = path.dirname(require.resolve('jest-runner'));
/** jest's own packages, as jest-runner (a dependency of @jest/core) finds them. */
function jestPackage<T = any>(name: string): T {
  return require(require.resolve(name, { paths: [jestRunnerDir] })) as T;
}

export interface Setup {
  projectRoot: string;
  suitesDir: string;
  cacheDir: string;
}

export interface Run {
  workspace: string;
  files: string[];
  testTimeoutMs: number;
  /** jest's testNamePattern (a restart runs only the tests not yet concluded). */
  testNamePattern?: string;
}

export interface FileEvents {
  /** A suite file that could not run at all, or ran no test. */
  fileError(file: string, message: string): void;
}

function hash(text: string): string {
  return crypto.createHash('sha1').update(text).digest('hex').slice(0, 12);
}

/** The jest config of the grading child: nothing in it depends on the workspace being graded. */
export function gradingConfig(setup: Setup): Record<string, unknown> {
  return {
    rootDir: setup.suitesDir,
    // jest's transform cache is keyed by this id and by paths relative to rootDir: both stay put.
    id: `iteration-grader-${hash(setup.suitesDir)}`,
    roots: [setup.suitesDir],
    testMatch: ['**/*.test.ts'],
    testEnvironment: path.join(__dirname, 'environment.js'),
    testRunner: path.join(__dirname, 'circus.js'),
    runtime: path.join(__dirname, 'runtime.js'),
    resolver: path.join(__dirname, 'resolver.js'),
    transform: {
      '^.+\\.ts$': [path.join(__dirname, 'transformer.js'), {
        swc: { jsc: { parser: { syntax: 'typescript' }, target: 'es2022' }, module: { type: 'commonjs' }, sourceMaps: true },
        withoutMaps: [...new Set([setup.suitesDir, path.join(path.dirname(setup.suitesDir), 'harness'), path.join(setup.projectRoot, 'grader', 'harness')])],
      }],
    },
    moduleDirectories: ['node_modules', path.join(setup.projectRoot, 'node_modules')],
    cacheDirectory: setup.cacheDir,
    haste: { enableSymlinks: false, forceNodeFilesystemAPI: true },
    injectGlobals: true,
  };
}

export class InBandJest {
  private constructor(
    private readonly globalConfig: any,
    private readonly projectConfig: any,
    private readonly hasteFS: unknown,
    private readonly moduleMap: unknown,
  ) {}

  static async start(setup: Setup): Promise<InBandJest> {
    const { readConfig } = jestPackage('jest-config');
    const argv = { _: [], $0: 'grader', config: JSON.stringify(gradingConfig(setup)), ci: true, silent: true, watchman: false, runInBand: true, passWithNoTests: true, cache: true };
    const read = await readConfig(argv, setup.suitesDir);
    const { globalConfig } = read;
    // jest records the process's folder (here the session's, new every time) in the config, and
    // the whole config is in every transform's cache key: nothing jest runs here reads it, so it
    // is pinned, and the suites' transforms on disk serve every session and every child.
    const projectConfig = { ...read.projectConfig, cwd: setup.suitesDir };
    const HasteMap = jestPackage('jest-haste-map').default;
    const hasteMap = await (await HasteMap.create({
      cacheDirectory: projectConfig.cacheDirectory,
      computeSha1: false,
      enableSymlinks: false,
      extensions: projectConfig.moduleFileExtensions,
      forceNodeFilesystemAPI: true,
      id: projectConfig.id,
      maxWorkers: 1,
      mocksPattern: `\\${path.sep}__mocks__\\${path.sep}`,
      platforms: [],
      retainAllFiles: false,
      rootDir: projectConfig.rootDir,
      roots: projectConfig.roots,
      throwOnModuleCollision: false,
      useWatchman: false,
    })).build();
    return new InBandJest(globalConfig, projectConfig, hasteMap.hasteFS, hasteMap.moduleMap);
  }

  /** Runs the files one after the other; each test reports itself through the environment (environment.ts). */
  async run(run: Run, events: FileEvents): Promise<void> {
    const Runtime = jestPackage('jest-runtime').default;
    const Resolver = jestPackage('jest-resolve').default;
    const TestRunner = jestPackage('jest-runner').default;
    const globalConfig = { ...this.globalConfig, testTimeout: run.testTimeoutMs, testNamePattern: run.testNamePattern };
    // What runJest does before each run: jest-resolve's file-system answers start afresh.
    Resolver.clearDefaultResolverCache();
    useWorkspace(run.workspace);
    try {
      const context = {
        config: this.projectConfig,
        hasteFS: this.hasteFS,
        moduleMap: this.moduleMap,
        resolver: Runtime.createResolver(this.projectConfig, this.moduleMap),
      };
      const runner = new TestRunner(globalConfig, { changedFiles: undefined, sourcesRelatedToTestsInChangedFiles: undefined });
      runner.on('test-file-success', ([test, result]: [{ path: string }, { testResults: unknown[]; testExecError?: { message?: string } }]) => {
        // As @jest/core's TestScheduler: a file that ran no test failed.
        if (result.testResults.length === 0 && !result.testExecError) events.fileError(test.path, 'Your test suite must contain at least one test.');
        else if (result.testExecError) events.fileError(test.path, firstLines(result.testExecError.message || 'the suite failed to run'));
      });
      runner.on('test-file-failure', ([test, error]: [{ path: string }, { message?: string }]) => {
        events.fileError(test.path, firstLines(String(error?.message ?? 'the suite failed to run')));
      });
      const watcher = { isInterrupted: () => false, isWatchMode: () => false, setState: async () => undefined };
      await runner.runTests(run.files.map((file) => ({ context, path: file, duration: undefined })), watcher, { serial: true });
    } finally {
      useWorkspace(undefined);
    }
  }
}

function firstLines(text: string): string {
  return text.split('\n').slice(0, 6).join(' ');
}
