/**
 * The half of the sandbox that lives inside the hardened realm. `sandboxKit` is not called here:
 * its source text (Function.prototype.toString) is evaluated in a realm where SES's lockdown()
 * has run (realm.ts does it in a Node vm context; a browser worker would do it in its own
 * global), so every object it makes is made of that realm's frozen intrinsics. It must therefore
 * be self-contained: no imports, no helpers, nothing from the module around it.
 *
 * `load` evaluates one learner module in a fresh Compartment whose only powers are the ones
 * written here: console, timers, Date, Math.random and queueMicrotask, each a function of this
 * realm that forwards primitives to the host (the grader's side) and hands back only primitives
 * or objects made here. The host's own functions and objects stay in this closure: learner code
 * never holds one, so nothing it is given leads out of the realm.
 */

/** What the grader's side provides to one learner module. Every argument it gets is a primitive, or an array or function of the hardened realm; it returns primitives only, and never throws. */
export interface SandboxHost {
  /** A console method called with these values (the values are learner values: format them, never call them with objects of the host's realm). */
  print(method: string, values: readonly unknown[]): void;
  /** Schedules `callback` (a function of the hardened realm) on the suite's clock; returns a timer number, 0 once the host is closed. */
  setTimer(repeat: boolean, callback: () => void, ms: number): number;
  clearTimer(id: number): void;
  /** The suite's clock (fake while the suite fakes time). */
  now(): number;
  random(): number;
}

export interface SandboxKit {
  /** Evaluates `code` (a CommonJS module body) in a new Compartment and returns its module.exports. */
  load(host: SandboxHost, code: string, filename: string): unknown;
}

export function sandboxKit(): SandboxKit {
  'use strict';
  /* eslint-disable @typescript-eslint/no-explicit-any */
  const realmGlobal = globalThis as any;
  const harden: <T>(value: T) => T = realmGlobal.harden;
  const CompartmentCtor: new (options: Record<string, unknown>) => { globalThis: any; evaluate(code: string): any } = realmGlobal.Compartment;
  const { apply, construct } = Reflect;
  const { create, defineProperty, getOwnPropertyDescriptors } = Object;
  const ObjectProto = Object.prototype;
  const weakGet = WeakMap.prototype.get;
  const weakSet = WeakMap.prototype.set;
  const promiseThen = Promise.prototype.then;
  const resolved = Promise.resolve();
  const toPrimitive = Symbol.toPrimitive;
  const StringCtor = String;
  const NumberCtor = Number;
  const isFinite = Number.isFinite;
  // A Compartment's own Date and Math (SES's shared ones: no clock, no randomness) and Error.
  const shared = new CompartmentCtor({ __options__: true }).globalThis;
  const SharedDate: DateConstructor = shared.Date;
  const SharedMath: Math = shared.Math;
  const SharedError: ErrorConstructor = shared.Error;
  const SharedTypeError: TypeErrorConstructor = shared.TypeError;
  const SharedReferenceError: ReferenceErrorConstructor = shared.ReferenceError;
  const SharedRangeError: RangeErrorConstructor = shared.RangeError;
  // Node's globals that graded code does not get (see the grader's README).
  const missing: readonly string[] = ['process', 'Buffer', 'global', 'setImmediate', 'clearImmediate', 'structuredClone', 'URL', 'URLSearchParams', 'fetch', 'TextEncoder', 'TextDecoder', 'Intl', 'WeakRef', 'FinalizationRegistry', 'performance', 'AbortController', 'Blob', 'MessageChannel', 'SharedArrayBuffer'];
  const dateToString = SharedDate.prototype.toString;
  // The console methods learner code may call (Node's names); the host formats each as Node does.
  const methods: readonly string[] = ['log', 'info', 'debug', 'warn', 'error', 'trace', 'dir', 'table', 'assert', 'count', 'countReset', 'group', 'groupCollapsed', 'groupEnd', 'time', 'timeEnd', 'timeLog'];

  function load(host: SandboxHost, code: string, filename: string): unknown {
    // The host's functions, taken once and called with no `this`: learner code never sees them.
    const print = host.print;
    const setTimer = host.setTimer;
    const clearTimer = host.clearTimer;
    const now = host.now;
    const random = host.random;
    // The host catches its own errors, but near the end of the stack the call itself can fail,
    // and V8 makes that RangeError in the host's realm: what comes out is never handed on, only
    // a RangeError of this realm in its place.
    const callHost = (fn: (...args: any[]) => unknown, args: unknown[]): any => {
      try {
        return apply(fn, undefined, args);
      } catch {
        throw new SharedRangeError('Maximum call stack size exceeded');
      }
    };

    const console: Record<string, unknown> = create(ObjectProto);
    for (let i = 0; i < methods.length; i++) {
      const name = methods[i] as string;
      // A named function per method, as Node's console has (console.log.name === 'log').
      const method = { [name](...values: unknown[]) { callHost(print, [name, values]); } }[name];
      defineProperty(console, name, { value: method, writable: true, enumerable: true, configurable: true });
    }

    const handles = new WeakMap<object, number>();
    function handle(id: number): object {
      const timer: Record<PropertyKey, unknown> = create(ObjectProto);
      timer.ref = () => timer;
      timer.unref = () => timer;
      timer.hasRef = () => true;
      timer.refresh = () => timer;
      timer[toPrimitive] = () => id;
      apply(weakSet, handles, [timer, id]);
      return harden(timer);
    }
    function idOf(timer: unknown): number {
      if (typeof timer === 'number') return timer;
      if (timer !== null && typeof timer === 'object') return (apply(weakGet, handles, [timer]) as number | undefined) ?? 0;
      return 0;
    }
    function delay(ms: unknown): number {
      const n = NumberCtor(ms);
      return isFinite(n) && n > 0 ? n : 0;
    }
    function schedule(repeat: boolean, callback: unknown, ms: unknown, args: unknown[]): object {
      if (typeof callback !== 'function') throw new SharedTypeError(`The "callback" argument must be of type function. Received ${callback === null ? 'null' : typeof callback}`);
      const run = () => {
        apply(callback as (...a: unknown[]) => unknown, undefined, args);
      };
      return handle(callHost(setTimer, [repeat, run, delay(ms)]));
    }
    const timers = {
      setTimeout(callback: unknown, ms?: unknown, ...args: unknown[]) { return schedule(false, callback, ms, args); },
      setInterval(callback: unknown, ms?: unknown, ...args: unknown[]) { return schedule(true, callback, ms, args); },
      clearTimeout(timer: unknown) { callHost(clearTimer, [idOf(timer)]); },
      clearInterval(timer: unknown) { callHost(clearTimer, [idOf(timer)]); },
      queueMicrotask(callback: unknown) {
        if (typeof callback !== 'function') throw new SharedTypeError('The "callback" argument must be of type function.');
        apply(promiseThen, resolved, [() => apply(callback as () => unknown, undefined, [])]);
      },
    };

    // Date on the suite's clock: new Date() and Date.now() read it, everything else is SES's Date.
    const clock = (): number => callHost(now, []);
    const GradedDate = function Date(this: unknown, ...args: unknown[]) {
      if (new.target === undefined) return apply(dateToString, construct(SharedDate, [clock()]), []);
      return construct(SharedDate, args.length === 0 ? [clock()] : args, new.target);
    } as unknown as DateConstructor;
    defineProperty(GradedDate, 'prototype', { value: SharedDate.prototype, writable: false });
    defineProperty(GradedDate, 'now', { value: function now() { return clock(); }, writable: true, configurable: true });
    defineProperty(GradedDate, 'parse', { value: SharedDate.parse, writable: true, configurable: true });
    defineProperty(GradedDate, 'UTC', { value: SharedDate.UTC, writable: true, configurable: true });
    defineProperty(GradedDate, 'length', { value: 7 });

    // (random as a method, so that the function is named random without shadowing the host's here)
    const mathProperties = getOwnPropertyDescriptors(SharedMath) as PropertyDescriptorMap;
    mathProperties.random = { value: { random() { return NumberCtor(callHost(random, [])); } }.random, writable: true, configurable: true };
    const GradedMath = create(ObjectProto, mathProperties) as Math;

    const globals = harden({ console, ...timers, Date: GradedDate, Math: GradedMath });
    const compartment = new CompartmentCtor({ __options__: true, name: filename, globals });
    // A Compartment reads a name it does not have as undefined; Node's names that graded code
    // does not get say so instead, and why.
    for (let i = 0; i < missing.length; i++) {
      const name = missing[i] as string;
      if (name in compartment.globalThis) continue;
      defineProperty(compartment.globalThis, name, {
        get: { [name]() { throw new SharedReferenceError(`${name} is not defined in graded code, which runs in a sandbox with the standard built-ins, console and timers only (see lesson 00)`); } }[name],
        configurable: true,
      });
    }
    const wrapper = compartment.evaluate(`(function (exports, require, module) {\n${code}\n})\n//# sourceURL=${filename}`) as (...args: unknown[]) => unknown;
    const module: { exports: unknown } = { exports: create(ObjectProto) };
    const require = harden(function require(name: unknown) {
      throw new SharedError(`graded code may not import '${StringCtor(name)}': only the standard built-ins, console and timers are available while grading`);
    });
    apply(wrapper, module.exports, [module.exports, require, module]);
    return module.exports;
  }

  return harden({ load });
}
