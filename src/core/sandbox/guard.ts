/**
 * Guards for the functions of the grader's realm that code of the hardened realm calls (jest's
 * timers and Date, the `jest` object, the harness's channel). Like kit.ts, `realmGuard` is
 * evaluated as source text inside the hardened realm, so it must be self-contained.
 *
 * Why: learner code can call a function of the suite (a callback, a source) with the stack
 * nearly full. If that function calls into the grader's realm and the stack runs out there, V8
 * makes the RangeError in the grader's realm, and it propagates back to learner code, whose
 * constructor's constructor is the grader's Function. The same holds for any other error such a
 * function throws. A guard is a Proxy of this realm around the foreign function or object: every
 * call, construction and property read goes through this realm's code, and whatever foreign
 * value it throws is replaced by an error of this realm with the same name and message. Errors
 * of this realm (a learner's error passing through jest's timers, say) pass unchanged.
 */

export interface RealmGuard {
  /** `value` itself when it is a primitive or of this realm, else its guard (the same one each time). */
  guard<T>(value: T): T;
  /** The foreign value a guard stands for (or `value` itself). */
  unwrap<T>(value: T): T;
  /** What a guard throws in place of `thrown`: an error of this realm for a foreign one, else `thrown` itself. */
  tame(thrown: unknown): unknown;
}

export function realmGuard(): RealmGuard {
  'use strict';
  /* eslint-disable @typescript-eslint/no-explicit-any */
  const harden: <T>(value: T) => T = (globalThis as any).harden;
  const { apply, construct, get, set, getPrototypeOf, has, defineProperty, deleteProperty } = Reflect;
  const root = Object.prototype;
  const ProxyCtor = Proxy;
  const StringCtor = String;
  const guards = new WeakMap<object, object>();
  const targets = new WeakMap<object, object>();
  const weakGet = WeakMap.prototype.get;
  const weakSet = WeakMap.prototype.set;
  const kinds: Record<string, ErrorConstructor> = {
    Error, RangeError, TypeError, ReferenceError, SyntaxError, EvalError, URIError,
  } as unknown as Record<string, ErrorConstructor>;

  /** Whether `value`'s prototype chain ends at this realm's Object.prototype. */
  function ours(value: object): boolean {
    let current: object | null = value;
    for (let i = 0; i < 10_000 && current !== null; i++) {
      const next: object | null = getPrototypeOf(current);
      if (next === null) return current === root;
      current = next;
    }
    return false;
  }

  function isObject(value: unknown): value is object {
    return (typeof value === 'object' && value !== null) || typeof value === 'function';
  }

  /** What a guard throws in place of a foreign value. */
  function tame(thrown: unknown): unknown {
    if (!isObject(thrown) || apply(weakGet, targets, [thrown]) !== undefined || ours(thrown)) return thrown;
    let name = 'Error';
    let message = 'an error in the grader';
    let stack: unknown;
    try {
      const n = (thrown as { name?: unknown }).name;
      const m = (thrown as { message?: unknown }).message;
      if (typeof n === 'string' && kinds[n]) name = n;
      if (typeof m === 'string') message = m;
      stack = (thrown as { stack?: unknown }).stack;
    } catch {
      /* a name, message or stack that cannot be read */
    }
    const Kind = kinds[name] as ErrorConstructor;
    const error = new Kind(message);
    if (typeof stack === 'string') defineProperty(error, 'stack', { value: StringCtor(stack), writable: true, configurable: true });
    return error;
  }

  function unwrap<T>(value: T): T {
    if (!isObject(value)) return value;
    const target = apply(weakGet, targets, [value]) as T | undefined;
    return target === undefined ? value : target;
  }

  /** The foreign value behind each guard's target (the traps below are shared by every guard). */
  const foreignOf = new WeakMap<object, object>();
  const foreignBehind = (target: object): object => apply(weakGet, foreignOf, [target]) as object;
  const attempt = <R>(run: () => R): R => {
    try {
      return run();
    } catch (error) {
      throw tame(error);
    }
  };

  /**
   * A guard is a Proxy whose target is made here (a function for a function, an object for an
   * object) and whose traps read and write the foreign value: V8 runs a Proxy's call in the
   * realm of its target, so the target must be of this realm for the stack's last frames, too,
   * to be this realm's. Property reads hand out guards of what they find. One handler serves
   * every guard (a handler cannot be reached from its Proxy), so that a guard costs two objects.
   */
  const handler: ProxyHandler<any> = harden({
    get: (t: object, key: PropertyKey) => guard(attempt(() => get(foreignBehind(t), key))),
    set: (t: object, key: PropertyKey, value: unknown) => attempt(() => set(foreignBehind(t), key, unwrap(value))),
    has: (t: object, key: PropertyKey) => attempt(() => has(foreignBehind(t), key)),
    deleteProperty: (t: object, key: PropertyKey) => attempt(() => deleteProperty(foreignBehind(t), key)),
    defineProperty: (t: object, key: PropertyKey, descriptor: PropertyDescriptor) => attempt(() => defineProperty(foreignBehind(t), key, descriptor)),
  });

  function plainArgs(args: readonly unknown[]): unknown[] {
    const plain: unknown[] = [];
    for (let i = 0; i < args.length; i++) plain[i] = unwrap(args[i]);
    return plain;
  }

  function guard<T>(value: T): T {
    if (!isObject(value)) return value;
    const known = apply(weakGet, guards, [value]) as T | undefined;
    if (known !== undefined) return known;
    if (apply(weakGet, targets, [value]) !== undefined || ours(value)) return value;
    const foreign = value as unknown as (...args: unknown[]) => unknown;
    let proxy: unknown;
    let target: object;
    if (typeof value === 'function') {
      target = function guarded(this: unknown, ...args: unknown[]) {
        let result: unknown;
        try {
          result = new.target === undefined
            ? apply(foreign, unwrap(this), plainArgs(args))
            : construct(foreign, plainArgs(args), new.target === proxy ? foreign : unwrap(new.target));
        } catch (error) {
          throw tame(error);
        }
        return guard(result);
      };
    } else {
      target = {};
    }
    apply(weakSet, foreignOf, [target, value]);
    proxy = new ProxyCtor(target, handler);
    apply(weakSet, guards, [value, proxy]);
    apply(weakSet, targets, [proxy, value]);
    return proxy as T;
  }

  return harden({ guard, unwrap, tame });
}
