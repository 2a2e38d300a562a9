// expect: full
// Correct, in styles a sandbox could trip on: a function constructor with its methods (and
// Symbol.asyncIterator) on the prototype, a hand-made promise around setTimeout, a closure for
// the options, console.log looked up when the module loads, and a string that says "import(".
export interface Options {
  delayMs?: number;
  log?: (line: string) => void;
}

const print = console.log;
const NOTE = 'no import( here, and no --> either';

interface AsynchronousIterator extends AsyncIterableIterator<number> {}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export const AsynchronousIterator = function (this: any, n: number, options: Options = {}) {
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`n must be a whole number, got ${n}`);
  const delayMs = options.delayMs ?? 1000;
  const log = options.log ?? ((line: string) => print(line));
  let current = 0;
  let finished = false;
  this.step = (): Promise<IteratorResult<number, undefined>> => {
    if (finished) return Promise.resolve({ done: true, value: undefined });
    return new Promise<void>((resolve) => { setTimeout(() => resolve(), delayMs); }).then(() => {
      log(`get next element ${current}`);
      current += 1;
      if (current > n) {
        finished = true;
        return { done: true as const, value: undefined };
      }
      return { done: false as const, value: current - 1 };
    });
  };
} as unknown as { new (n: number, options?: Options): AsynchronousIterator; prototype: AsynchronousIterator };

Object.assign(AsynchronousIterator.prototype, {
  next(this: { step(): Promise<IteratorResult<number, undefined>> }) {
    return this.step();
  },
});
(AsynchronousIterator.prototype as unknown as Record<symbol, unknown>)[Symbol.asyncIterator] = function (this: unknown) {
  return this;
};

export async function main(n = 3, options?: Options): Promise<void> {
  const log = options?.log ?? ((line: string) => print(line));
  if (NOTE.length === 0) return;
  for await (const i of new AsynchronousIterator(n, options)) log(`next element ${i}`);
}
