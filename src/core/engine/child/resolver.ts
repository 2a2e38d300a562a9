/**
 * jest's module resolver for the grading child: `@submission/<id>/<file>` is the learner's file
 * in the workspace of the grading under way; everything else resolves as jest always does.
 *
 * Why not jest's moduleNameMapper: the mapping would put the workspace's path into jest's config,
 * and a config that changes with every grading defeats every cache jest keys on its config (the
 * in-memory transforms of the suites and the harness, their transform cache on disk). With the
 * workspace out of the config, one config serves a child's whole life. jest resolves through a
 * fresh Resolver for every request (child/jest.ts), so no answer outlives the grading it was for.
 */
import * as path from 'node:path';

interface ResolverOptions {
  basedir: string;
  defaultResolver(request: string, options: ResolverOptions): string;
  [key: string]: unknown;
}

const PREFIX = '@submission/';

let workspace: string | undefined;

/** The workspace whose files `@submission/…` names until the next call (set by the child before each request). */
export function useWorkspace(dir: string | undefined): void {
  workspace = dir;
}

/** jest calls this (a resolver module exporting `sync`) for every module it resolves. */
export function sync(request: string, options: ResolverOptions): string {
  if (request.startsWith(PREFIX)) {
    if (!workspace) throw Object.assign(new Error(`Cannot find module '${request}': no submission is being graded`), { code: 'MODULE_NOT_FOUND' });
    const target = path.resolve(workspace, request.slice(PREFIX.length));
    // Never out of the workspace, whatever the suite asks for.
    if (!target.startsWith(`${workspace}${path.sep}`)) throw Object.assign(new Error(`Cannot find module '${request}'`), { code: 'MODULE_NOT_FOUND' });
    return options.defaultResolver(target, options);
  }
  return options.defaultResolver(request, options);
}
