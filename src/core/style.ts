/** Colours for terminals only: plain text when piped, in CI logs, or with NO_COLOR set. */
export function useColour(stream: NodeJS.WriteStream = process.stdout): boolean {
  return Boolean(stream.isTTY) && !process.env.NO_COLOR && process.env.TERM !== 'dumb';
}

export interface Paint {
  green(s: string): string;
  red(s: string): string;
  yellow(s: string): string;
  dim(s: string): string;
  bold(s: string): string;
  cyan(s: string): string;
}

const wrap = (open: number, close: number) => (s: string) => `\u001b[${open}m${s}\u001b[${close}m`;

export function paint(colour: boolean): Paint {
  if (!colour) {
    const same = (s: string) => s;
    return { green: same, red: same, yellow: same, dim: same, bold: same, cyan: same };
  }
  return { green: wrap(32, 39), red: wrap(31, 39), yellow: wrap(33, 39), dim: wrap(2, 22), bold: wrap(1, 22), cyan: wrap(36, 39) };
}

/** A score for people: 7.5, not 7.499999. */
export function points(n: number): string {
  return String(Math.round(n * 100) / 100);
}
