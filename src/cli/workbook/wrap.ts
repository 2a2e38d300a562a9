/** Measuring and wrapping text that may hold colour escape codes. */

export const ANSI = /\u001b\[[0-9;]*m/g;

/** Columns a text takes on screen: escape codes take none. */
export function visibleLength(text: string): number {
  return [...text.replace(ANSI, '')].length;
}

/**
 * Lines too long for the terminal, wrapped at spaces under their own indentation (a test's
 * message under its name), instead of the terminal breaking them at column 0.
 */
export function fitToWidth(lines: string[], width: number): string[] {
  const out: string[] = [];
  for (const line of lines) {
    if (visibleLength(line) <= width) {
      out.push(line);
      continue;
    }
    const indent = /^\s*/.exec(line.replace(ANSI, ''))![0];
    const words = line.trimStart().split(' ');
    let current = indent;
    let length = indent.length;
    for (const word of words) {
      const n = visibleLength(word);
      if (length > indent.length && length + 1 + n > width) {
        out.push(current);
        current = indent;
        length = indent.length;
      }
      current += (length > indent.length ? ' ' : '') + word;
      length += (length > indent.length ? 1 : 0) + n;
    }
    out.push(current);
  }
  return out;
}
