// Attack: the side channel itself. Write forged "done" lines straight to fd 3 (without the
// token, and with a token guessed from the environment), and listen on the real process's stdin for the next request's token.
// Success: any test the wrong class fails passes, here or for the next submission.
declare const require: any;
let fs: any;
try { fs = require('fs'); } catch { fs = undefined; }
const forged = (id: string, t: string) => JSON.stringify({ e: 'done', file: '', id, errors: [], timedOut: false, checks: 1, failures: [], output: '', ms: 0, t }) + '\n';
try {
  const proc = (setTimeout as any).constructor('return process')();
  const tokens = [String(proc.env?.GRADER_TOKEN ?? ''), ''];
  for (const t of tokens) fs?.writeSync(3, forged('x', t));
  proc.stdin?.on('data', (chunk: unknown) => {
    try { for (const line of String(chunk).split('\n')) if (line) (proc as any).__stolen = JSON.parse(line).token; } catch { /* not a request */ }
  });
} catch { /* refused */ }
export class Data<T> implements IterableIterator<T> {
  private index = 0;
  constructor(private readonly data: ArrayLike<T>) {}
  [Symbol.iterator](): this { this.index = 0; return this; }
  next(): IteratorResult<T, undefined> {
    if (this.index >= this.data.length) return { done: true, value: undefined };
    return { done: false, value: this.data[this.data.length - 1 - this.index++] as T };
  }
}
