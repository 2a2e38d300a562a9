/**
 * The grading engine every front end shares: a submission folder in, a result document out.
 * Intake (copy into a workspace) → tests in a child process, type diagnostics in a worker, in
 * parallel → verdicts and scores → a document checked against schemas/result.schema.json.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { loadCatalogue, findExercise, stubHash, suiteFile, type Exercise } from '../catalogue';
import { UsageError } from '../errors';
import { paths, projectRoot } from '../paths';
import type { ExerciseResult, ResultDocument, TestResult } from '../result';
import { assertSchema } from '../schemas';
import { runSuites, type SuiteOutcome } from './runner';
import { typecheckInWorker, type TypecheckResult } from './typecheck';
import { createWorkspace, removeWorkspace, resolveSubmission, takeIn, type Intake } from './workspace';

export interface GradeOptions {
  /** The submission folder, as given (shown in the document). */
  submission: string;
  /** Exercise ids (any form findExercise accepts); all when empty. */
  exercises?: string[];
  /** Hidden suites elsewhere (a course's private copy); grader/suites by default. */
  suitesDir?: string;
  /** Type diagnostics (default on). */
  typecheck?: boolean;
  /** Memory ceiling of the test child, in MiB. */
  memoryMb?: number;
  /** What a test's output may keep, in bytes. */
  outputCapBytes?: number;
}

export const DEFAULTS = { memoryMb: 512, outputCapBytes: 4096 };

const AMBIENT = path.join(projectRoot, 'grader', 'types', 'ambient.d.ts');

export async function grade(options: GradeOptions): Promise<ResultDocument> {
  const started = Date.now();
  const submissionDir = resolveSubmission(options.submission);
  if (!submissionDir) throw new UsageError(`submission folder not found: ${options.submission}`);
  const suitesDir = path.resolve(options.suitesDir ?? paths.suites);
  if (!fs.existsSync(suitesDir) || !fs.statSync(suitesDir).isDirectory()) throw new UsageError(`suites folder not found: ${options.suitesDir}`);
  const catalogue = loadCatalogue();
  const exercises = options.exercises?.length
    ? [...new Set(options.exercises.map((id) => findExercise(catalogue, id)))].sort((a, b) => catalogue.exercises.indexOf(a) - catalogue.exercises.indexOf(b))
    : catalogue.exercises;
  for (const exercise of exercises) {
    if (!fs.existsSync(suiteFile(exercise, suitesDir))) throw new UsageError(`no hidden suite for ${exercise.id} in ${suitesDir}`);
  }

  const workspace = createWorkspace();
  const cacheDir = path.join(projectRoot, 'node_modules', '.cache', 'iteration-grader');
  fs.mkdirSync(cacheDir, { recursive: true });
  try {
    const intakes = exercises.map((exercise) => takeIn(submissionDir, exercise, workspace));
    const graded = intakes.filter((i): i is Extract<Intake, { kind: 'ok' }> => i.kind === 'ok');
    const typesPromise: Promise<TypecheckResult> = options.typecheck === false || graded.length === 0
      ? Promise.resolve({})
      : typecheckInWorker({ files: graded.map((i) => i.copy), ambient: AMBIENT });
    const outcomesPromise = graded.length === 0 ? Promise.resolve([]) : runSuites({
      projectRoot,
      workspace,
      suitesDir,
      suites: graded.map((i) => ({ file: suiteFile(i.exercise, suitesDir), testMs: i.exercise.timeLimits.testMs })),
      budgetMs: graded.reduce((sum, i) => sum + i.exercise.timeLimits.exerciseMs, 0),
      cacheDir,
      outputCapBytes: options.outputCapBytes ?? DEFAULTS.outputCapBytes,
      forbiddenReads: [paths.solutions, path.join(projectRoot, '.git')].filter((p) => fs.existsSync(p)),
      nodeFlags: [`--max-old-space-size=${options.memoryMb ?? DEFAULTS.memoryMb}`, ...permissionFlags(workspace, suitesDir, cacheDir)],
      env: childEnvironment(workspace),
    });
    const [types, outcomes] = await Promise.all([typesPromise, outcomesPromise]);
    const byFile = new Map(outcomes.map((o) => [o.file, o]));
    const results = intakes.map((intake) => {
      if (intake.kind !== 'ok') return ungraded(intake);
      return scoreExercise(intake, byFile.get(suiteFile(intake.exercise, suitesDir))!, types[intake.copy] ?? []);
    });
    const document: ResultDocument = {
      schemaVersion: 1,
      submission: options.submission,
      score: round(results.reduce((sum, r) => sum + r.score, 0)),
      maxScore: round(results.reduce((sum, r) => sum + r.maxScore, 0)),
      durationMs: Date.now() - started,
      exercises: results,
    };
    return assertSchema<ResultDocument>('result', document, 'internal error: the result document does not match its schema');
  } finally {
    removeWorkspace(workspace);
  }
}

/**
 * Node's permission model for the test child: it may write only the workspace and jest's cache,
 * start no process or worker thread, and read only the workspace, the suites and the project
 * (jest resolves modules by walking up from them and fails when a parent folder is denied, so
 * the project root has to be readable; reading solutions/ is kept from learner code by the child,
 * see child/main.ts). Native addons stay allowed: @swc/core is one.
 */
export function permissionFlags(workspace: string, suitesDir: string, cacheDir: string): string[] {
  const modern = Number(process.versions.node.split('.')[0]) >= 22;
  // Node 20 mishandles an allowed path inside another allowed path: list only the outermost.
  const reads = [workspace, projectRoot, suitesDir].filter((p, i, all) => !all.some((q, j) => j !== i && (p === q ? j < i : p.startsWith(`${q}${path.sep}`))));
  const writes = [workspace, cacheDir];
  return [
    modern ? '--permission' : '--experimental-permission',
    ...reads.map((r) => `--allow-fs-read=${r}`),
    ...writes.map((w) => `--allow-fs-write=${w}`),
    '--allow-addons',
    '--no-warnings',
  ];
}

/** Nothing of the grader's environment (tokens, secrets) reaches learner code. */
function childEnvironment(workspace: string): NodeJS.ProcessEnv {
  return {
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    HOME: workspace,
    TMPDIR: path.join(workspace, '.tmp'),
    LANG: 'C.UTF-8',
    NODE_ENV: 'test',
    FORCE_COLOR: '0',
  };
}

function round(n: number): number {
  return Math.round(n * 100) / 100;
}

function ungraded(intake: Extract<Intake, { kind: 'missing' | 'error' }>): ExerciseResult {
  return {
    id: intake.exercise.id,
    title: intake.exercise.title,
    status: intake.kind,
    score: 0,
    maxScore: intake.exercise.points,
    message: intake.message,
    file: `${intake.exercise.id}/${intake.exercise.file}`,
    diagnostics: [],
    tests: [],
  };
}

const LOAD_FAILURE = /^Your .+ could not be loaded/;

export function scoreExercise(intake: Extract<Intake, { kind: 'ok' }>, outcome: SuiteOutcome, diagnostics: ExerciseResult['diagnostics']): ExerciseResult {
  const { exercise } = intake;
  const share = outcome.tests.length ? exercise.points / outcome.tests.length : 0;
  const tests: TestResult[] = outcome.tests.map((t) => {
    const output = [t.output].filter(Boolean).join('\n');
    return {
      name: t.name,
      status: t.status,
      score: t.status === 'passed' ? share : 0,
      maxScore: share,
      durationMs: t.ms,
      ...(t.message ? { message: t.message } : {}),
      ...(output ? { output } : {}),
    };
  });
  const passed = tests.filter((t) => t.status === 'passed').length;
  const base = {
    id: exercise.id,
    title: exercise.title,
    score: round(passed * share),
    maxScore: exercise.points,
    file: `${exercise.id}/${exercise.file}`,
    diagnostics,
    tests,
  };
  if (outcome.error) return { ...base, score: 0, status: 'error', message: `The hidden tests could not run: ${outcome.error}` };
  if (stubHash(intake.text) === exercise.stubSha256) {
    return { ...base, score: 0, tests: tests.map((t) => ({ ...t, score: 0 })), status: 'not-started', message: `Not started yet: ${exercise.id}/${exercise.file} is still the stub. Open it and read the lesson (npx workbook lesson ${exercise.id.slice(0, 2)}).` };
  }
  if (tests.length > 0 && tests.every((t) => t.message && LOAD_FAILURE.test(t.message))) {
    return { ...base, status: 'error', message: tests[0]!.message!.replace(', so this test could not run', '') };
  }
  if (tests.length > 0 && tests.every((t) => t.status === 'error' || t.status === 'timedout')) {
    return { ...base, status: 'error', message: tests[0]!.message ?? 'No test could run.' };
  }
  const status = passed === tests.length && tests.length > 0 ? 'passed' : passed > 0 ? 'partial' : 'failed';
  return { ...base, status };
}

export type { Exercise };
