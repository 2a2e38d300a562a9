/**
 * The engine as `workbook watch` needs it: many gradings in one GradingSession (one test child
 * with jest already loaded, a type checker that keeps its last program), so a save skips the
 * child's cold start, and a type check of one file after each verdict.
 */
import { grade, GradingSession, type GradeOptions } from '../../core/engine/grade';
import type { Diagnostic, ResultDocument } from '../../core/result';

export interface Grader {
  grade(options: GradeOptions): Promise<ResultDocument>;
  /** Type diagnostics of one learner file (absolute path), checked where it is. */
  typecheck(file: string): Promise<Diagnostic[]>;
  /** Gets the test child started before the first save needs it. */
  warmUp(): void;
  close(): void;
}

export function openGrader(): Grader {
  const session = new GradingSession();
  return {
    grade: (options) => grade(options, session),
    typecheck: async (file) => (await session.typecheck([file]))[file] ?? [],
    warmUp: () => {
      try {
        session.child();
      } catch {
        /* the first grading starts it */
      }
    },
    close: () => session.close(),
  };
}
