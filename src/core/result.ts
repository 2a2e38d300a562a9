/** The result document of `grader grade --format json` (../shared/design/grader.md), schema in schemas/result.schema.json. */

export type TestStatus = 'passed' | 'failed' | 'timedout' | 'error';
export type ExerciseStatus = 'passed' | 'partial' | 'failed' | 'error' | 'missing' | 'not-started';

export interface TestResult {
  name: string;
  status: TestStatus;
  score: number;
  maxScore: number;
  durationMs: number;
  /** Why it failed, for the learner. */
  message?: string;
  /** What the learner's code printed during this test (capped). */
  output?: string;
}

export interface Diagnostic {
  /** The learner's file, relative to its exercise folder (data.ts). */
  file: string;
  line: number;
  column: number;
  message: string;
}

export interface ExerciseResult {
  id: string;
  title: string;
  status: ExerciseStatus;
  score: number;
  maxScore: number;
  /** One line for people, when status is error, missing or not-started. */
  message?: string;
  /** The learner's file as graded, relative to the submission (01-data-iterator/data.ts). */
  file?: string;
  diagnostics: Diagnostic[];
  tests: TestResult[];
}

export interface ResultDocument {
  schemaVersion: 1;
  submission: string;
  score: number;
  maxScore: number;
  durationMs: number;
  exercises: ExerciseResult[];
}
