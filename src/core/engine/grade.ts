/**
 * The grading engine every front end shares: a submission folder in, a result document out.
 * Intake (copy into a workspace) → tests in a child process, type diagnostics in a worker, in
 * parallel → verdicts and scores → a document checked against schemas/result.schema.json.
 */
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { loadCatalogue, findExercise, stubHash, suiteFiles, type Exercise } from '../catalogue';
import { UsageError } from '../errors';
import { paths, projectRoot } from '../paths';
import type { ExerciseResult, ResultDocument, TestResult } from '../result';
import { assertSchema } from '../schemas';
import { runSuites, type SuiteOutcome } from './runner';
import { createSessionRoot, TestChild } from './test-child';
import { TypecheckWorker, type TypecheckResult } from './typecheck';
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
/** A warm child is replaced when it holds more than this share of its memory ceiling after a grading (and at least RECYCLE_MIN_MB). */
const RECYCLE_SHARE = 0.5;
const RECYCLE_MIN_MB = 256;

/**
 * What stays warm between gradings: a test child with jest loaded and a type checker that keeps
 * its last program. A batch job, or `workbook watch`, grades many submissions in one session;
 * `grade()` without one opens a session for that grading alone. Students never share a
 * workspace, a module registry or a realm: each suite file gets a fresh one in the child.
 */
export class GradingSession {
  readonly root = createSessionRoot();
  private current: TestChild | undefined;
  private standby: TestChild | undefined;
  private readonly checker: TypecheckWorker;
  readonly cacheDir = path.join(projectRoot, 'node_modules', '.cache', 'iteration-grader');

  /**
   * `checker`: a type checker shared with other sessions (a batch's jobs share one: a checker
   * never runs learner code, and each thread of its own would pay TypeScript's warm-up, about
   * 10 s of CPU over the first students, again). The session then leaves it open on close.
   */
  constructor(readonly options: { suitesDir?: string; memoryMb?: number; checker?: TypecheckWorker } = {}) {
    fs.mkdirSync(this.cacheDir, { recursive: true });
    this.checker = options.checker ?? new TypecheckWorker();
  }

  get suitesDir(): string {
    return path.resolve(this.options.suitesDir ?? paths.suites);
  }

  /**
   * A live child: the warm one, or, when the last was killed or died, the standby. A session
   * keeps a standby (a child started and warmed up in advance) once it has needed a second
   * child: a loop that hangs one test usually hangs others, and each cut-off then costs only the
   * switch, not jest's start-up.
   */
  child(): TestChild {
    if (this.current?.alive) return this.current;
    const replacing = this.current !== undefined;
    this.current = this.standby?.alive ? this.standby : this.spawn();
    this.standby = replacing ? this.spawn() : undefined;
    this.standby?.warmUp({
      token: crypto.randomBytes(24).toString('hex'),
      projectRoot,
      workspace: this.root,
      suitesDir: this.suitesDir,
      suiteFiles: [],
      testTimeoutMs: 0,
      cacheDir: this.cacheDir,
      outputCapBytes: DEFAULTS.outputCapBytes,
      forbiddenReads: this.forbiddenReads,
    });
    return this.current;
  }

  /**
   * A child that holds much more memory after a grading than a warm child needs (V8 never frees
   * some of what learner code can fill: the Symbol.for registry, say) is replaced before the
   * next student, so that one submission's memory is not the next one's ceiling.
   */
  recycleIfBloated(): void {
    const rss = this.current?.alive ? this.current.residentMb() : undefined;
    const ceiling = Math.max(RECYCLE_MIN_MB, (this.options.memoryMb ?? DEFAULTS.memoryMb) * RECYCLE_SHARE);
    if (rss !== undefined && rss > ceiling) {
      this.current!.close();
    }
  }

  /** Folders learner code may not read (the permission model lets jest read the whole project). */
  get forbiddenReads(): string[] {
    return [paths.solutions, path.join(projectRoot, '.git')].filter((p) => fs.existsSync(p));
  }

  private spawn(): TestChild {
    return new TestChild(this.root, {
      nodeFlags: [`--max-old-space-size=${this.options.memoryMb ?? DEFAULTS.memoryMb}`],
      // node_modules may be a link (pnpm, a shared install): the child reads through to its target.
      reads: [projectRoot, this.suitesDir, fs.realpathSync(paths.nodeModules)],
      writes: [this.cacheDir],
      cacheDir: this.cacheDir,
    });
  }

  typecheck(files: string[]): Promise<TypecheckResult> {
    return this.checker.check({ files, ambient: AMBIENT });
  }

  close(): void {
    this.current?.close();
    this.standby?.close();
    if (!this.options.checker) this.checker.close();
    fs.rmSync(this.root, { recursive: true, force: true, maxRetries: 3 });
  }
}

const AMBIENT = path.join(projectRoot, 'grader', 'types', 'ambient.d.ts');

export async function grade(options: GradeOptions, session?: GradingSession): Promise<ResultDocument> {
  if (session && path.resolve(options.suitesDir ?? paths.suites) !== session.suitesDir) throw new Error('a session grades with the suites it was opened with');
  const own = session ?? new GradingSession({ suitesDir: options.suitesDir, memoryMb: options.memoryMb });
  try {
    return await gradeIn(options, own);
  } finally {
    if (!session) own.close();
  }
}

async function gradeIn(options: GradeOptions, session: GradingSession): Promise<ResultDocument> {
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
    if (suiteFiles(exercise, suitesDir).length === 0) throw new UsageError(`no test suite for ${exercise.id} in ${suitesDir}`);
  }

  const workspace = createWorkspace(session.root);
  try {
    const intakes = exercises.map((exercise) => takeIn(submissionDir, exercise, workspace));
    const graded = intakes.filter((i): i is Extract<Intake, { kind: 'ok' }> => i.kind === 'ok');
    const typesPromise: Promise<TypecheckResult> = options.typecheck === false || graded.length === 0
      ? Promise.resolve({})
      : session.typecheck(graded.map((i) => i.copy));
    const outcomesPromise = graded.length === 0 ? Promise.resolve([]) : runSuites({
      projectRoot,
      workspace,
      suitesDir,
      suites: graded.flatMap((i) => suiteFiles(i.exercise, suitesDir).map((file) => ({ file, testMs: i.exercise.timeLimits.testMs, budgetMs: i.exercise.timeLimits.exerciseMs }))),
      budgetMs: graded.reduce((sum, i) => sum + i.exercise.timeLimits.exerciseMs, 0),
      cacheDir: session.cacheDir,
      outputCapBytes: options.outputCapBytes ?? DEFAULTS.outputCapBytes,
      forbiddenReads: session.forbiddenReads,
      memoryMb: session.options.memoryMb ?? DEFAULTS.memoryMb,
      child: () => session.child(),
    });
    const [types, outcomes] = await Promise.all([typesPromise, outcomesPromise]);
    session.recycleIfBloated();
    const byFile = new Map(outcomes.map((o) => [o.file, o]));
    const results = intakes.map((intake) => {
      if (intake.kind !== 'ok') return ungraded(intake);
      const parts = suiteFiles(intake.exercise, suitesDir).map((file) => byFile.get(file)!);
      const outcome: SuiteOutcome = {
        file: parts.map((p) => p.file).join(' + '),
        error: parts.find((p) => p.error)?.error,
        tests: parts.flatMap((p) => p.tests),
        strayOutput: parts.map((p) => p.strayOutput).join(''),
      };
      return scoreExercise(intake, outcome, types[intake.copy] ?? []);
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
