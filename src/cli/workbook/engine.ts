/**
 * The engine as `workbook watch` needs it: many gradings in one session, and a type check of
 * one file after each verdict. When the engine offers a warm session (GradingSession: one test
 * child with jest already loaded, a type checker that keeps its last program), every grading
 * goes through it and a save skips the child's cold start; otherwise each grading is one-shot.
 *
 * The engine's session API was being written while this was; the lookups below accept both
 * shapes so that either build compiles. Once GradingSession is in every build, the fallback
 * branch can go.
 */
import * as path from 'node:path';
import * as gradeModule from '../../core/engine/grade';
import * as typecheckModule from '../../core/engine/typecheck';
import { projectRoot } from '../../core/paths';
import type { Diagnostic, ResultDocument } from '../../core/result';

type GradeOptions = gradeModule.GradeOptions;
type Types = Record<string, Diagnostic[]>;

interface Session {
  typecheck(files: string[]): Promise<Types>;
  /** Starts the test child now if none is alive (so the first save does not wait for it). */
  child?(): unknown;
  close(): void;
}

export interface Grader {
  /** Whether gradings share a warm test child. */
  readonly warm: boolean;
  grade(options: GradeOptions): Promise<ResultDocument>;
  /** Type diagnostics of one learner file (absolute path), checked where it is. */
  typecheck(file: string): Promise<Diagnostic[]>;
  /** Gets the test child started before the first save needs it. */
  warmUp(): void;
  close(): void;
}

const AMBIENT = path.join(projectRoot, 'grader', 'types', 'ambient.d.ts');

export function openGrader(): Grader {
  const grade = gradeModule.grade as (options: GradeOptions, session?: Session) => Promise<ResultDocument>;
  const Session = (gradeModule as unknown as { GradingSession?: new () => Session }).GradingSession;
  if (Session) {
    const session = new Session();
    return {
      warm: true,
      grade: (options) => grade(options, session),
      typecheck: async (file) => (await session.typecheck([file]))[file] ?? [],
      warmUp: () => {
        try {
          session.child?.();
        } catch {
          /* the first grading will start it */
        }
      },
      close: () => session.close(),
    };
  }
  const oneShot = (typecheckModule as unknown as { typecheckInWorker?: (request: { files: string[]; ambient: string }) => Promise<Types> }).typecheckInWorker;
  return {
    warm: false,
    grade: (options) => grade(options),
    typecheck: async (file) => (oneShot ? (await oneShot({ files: [file], ambient: AMBIENT }))[file] ?? [] : []),
    warmUp: () => {},
    close: () => {},
  };
}
