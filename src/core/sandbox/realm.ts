/**
 * A hardened realm for Node: a fresh vm context in which SES's lockdown() has run, with the
 * sandbox kit (kit.ts) evaluated in it. lockdown() freezes that realm's intrinsics and tames its
 * evaluators; the grader's own realm (this one) is left as it is. Made once per test child
 * (about 25 ms, most of it compiling SES, which V8's code cache shortens): the hidden suites run
 * in this realm, and each learner module in a Compartment of it.
 *
 * In a browser worker the same kit runs after lockdown() in the worker's own global: that is
 * the only part of the sandbox that differs by runtime.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vm from 'node:vm';
import { realmGuard, type RealmGuard } from './guard';
import { sandboxKit, type SandboxKit } from './kit';

/**
 * lockdown()'s options, and why:
 * - errorTaming 'unsafe': errors keep V8's stack string, which the grader maps back to the
 *   learner's lines. V8's call-site objects are still never handed to code in the realm (only
 *   'unsafe-debug' would), so Error.prepareStackTrace leads nowhere.
 * - consoleTaming 'unsafe', errorTrapping and unhandledRejectionTrapping 'none', reporting
 *   'none': the realm has no process or console of the grader's when lockdown runs, and the
 *   grader reports errors itself.
 * - overrideTaming 'min': `this.name = …` in an Error subclass and `obj.toString = …` keep working
 *   although the prototypes they shadow are frozen. ('moderate' enables more such assignments by
 *   turning `constructor` and other properties of the prototypes into accessors, and then Node's
 *   util.inspect no longer recognises errors, promises or functions: console output of graded
 *   code would stop reading as Node prints it.)
 * - stackFiltering 'verbose': the grader filters stacks itself.
 */
export const LOCKDOWN_OPTIONS = {
  errorTaming: 'unsafe',
  consoleTaming: 'unsafe',
  errorTrapping: 'none',
  unhandledRejectionTrapping: 'none',
  reporting: 'none',
  overrideTaming: 'min',
  stackFiltering: 'verbose',
  domainTaming: 'safe',
} as const;

export interface HardenedRealm {
  context: vm.Context;
  /** The realm's global object (the start compartment's): the suites run here; learner code never sees it. */
  global: Record<string | symbol, unknown>;
  kit: SandboxKit;
  /** Proxies of the hardened realm for functions and objects of the grader's (guard.ts). */
  guard: RealmGuard;
}

const SES_BUNDLE = require.resolve('ses');

/**
 * SES compiled from V8's code cache in `cacheDir` when there is one. The cache is written after
 * lockdown() has run, so that it holds the functions lockdown compiled too, not only the top level.
 */
function sesScript(cacheDir: string | undefined): { script: vm.Script; save(): void } {
  const source = fs.readFileSync(SES_BUNDLE, 'utf8');
  const cacheFile = cacheDir && path.join(cacheDir, `ses-${process.versions.v8}-${source.length}.code-cache`);
  let cachedData: Buffer | undefined;
  try {
    if (cacheFile) cachedData = fs.readFileSync(cacheFile);
  } catch {
    /* first run */
  }
  const script = new vm.Script(source, { filename: SES_BUNDLE, cachedData });
  const save = () => {
    if (!cacheFile || (cachedData && !script.cachedDataRejected)) return;
    try {
      fs.mkdirSync(path.dirname(cacheFile), { recursive: true });
      fs.writeFileSync(`${cacheFile}.${process.pid}`, script.createCachedData());
      fs.renameSync(`${cacheFile}.${process.pid}`, cacheFile);
    } catch {
      /* a cache that cannot be written costs only time */
    }
  };
  return { script, save };
}

export function createHardenedRealm(options: { cacheDir?: string } = {}): HardenedRealm {
  const context = vm.createContext();
  const ses = sesScript(options.cacheDir);
  ses.script.runInContext(context);
  vm.runInContext(`lockdown(${JSON.stringify(LOCKDOWN_OPTIONS)})`, context);
  ses.save();
  const kit = vm.runInContext(`(${sandboxKit.toString()})()`, context, { filename: 'sandbox-kit.js' }) as SandboxKit;
  const guard = vm.runInContext(`(${realmGuard.toString()})()`, context, { filename: 'sandbox-guard.js' }) as RealmGuard;
  const global = vm.runInContext('globalThis', context) as Record<string | symbol, unknown>;
  return { context, global, kit, guard };
}
