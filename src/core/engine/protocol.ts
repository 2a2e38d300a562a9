/**
 * The side channel between the grading child and the grader: one JSON object a line, on file
 * descriptor 3, each carrying the run's secret token. Lines without it (anything learner code
 * might write there) are ignored. Written synchronously, because a learner's `while (true) {}`
 * blocks the child's event loop: whatever was written before the loop has already arrived.
 */

export type ChildEvent =
  /** The tests a suite file holds, in order, before any runs. `id` is jest's test id (names joined by spaces). */
  | { e: 'tests'; file: string; tests: { id: string; name: string }[] }
  | { e: 'start'; file: string; id: string }
  | {
      e: 'done';
      file: string;
      id: string;
      /** jest-circus's verdict: did the test function throw or time out? */
      errors: string[];
      timedOut: boolean;
      /** Checks made by the suite's harness (grader/harness/check.ts), and the failures among them. */
      checks: number;
      failures: string[];
      output: string;
      ms: number;
    }
  /** A suite file that could not run at all (not the learner's fault: a broken hidden suite). */
  | { e: 'file-error'; file: string; message: string }
  /** The request is graded; the child waits for the next one. */
  | { e: 'finished' };

/** What the grader sends the child on its standard input. */
export interface ChildRequest {
  token: string;
  projectRoot: string;
  workspace: string;
  suitesDir: string;
  suiteFiles: string[];
  /** When set, run only these jest test ids (a restart after a test was cut off). */
  onlyTests?: string[];
  testTimeoutMs: number;
  cacheDir: string;
  outputCapBytes: number;
  /** Folders learner code may not read although the permission model lets jest read them (solutions/). */
  forbiddenReads: string[];
  /** Only set jest up for these suites and grade nothing (a standby child getting ready). */
  warmUp?: boolean;
}

export const CHANNEL_FD = 3;
