/**
 * CSV as RFC 4180 writes it (fields with a comma, quote or line break are quoted, quotes
 * doubled), with \n line ends, and a reader for what we write (and for what a spreadsheet saves:
 * \r\n line ends, a byte order mark).
 */
import { UsageError } from '../errors';

export function csvField(value: string | number): string {
  const s = typeof value === 'number' ? String(value) : value;
  return /[",\r\n]/.test(s) || s !== s.trim() ? `"${s.replace(/"/g, '""')}"` : s;
}

/** Text a spreadsheet would run as a formula (= + - @, tab, CR first) is kept as text with a leading '. */
export function inertText(s: string): string {
  return /^[=+\-@\t\r]/.test(s) ? `'${s}` : s;
}

export function csvLine(values: (string | number)[]): string {
  return values.map(csvField).join(',');
}

export function csv(rows: (string | number)[][]): string {
  return rows.map((row) => `${csvLine(row)}\n`).join('');
}

/** Rows of fields; `what` names the file in the one-line error a malformed quote gets. */
export function parseCsv(text: string, what = 'the CSV file'): string[][] {
  const s = text.startsWith('\ufeff') ? text.slice(1) : text;
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  let line = 1;
  let i = 0;
  let fieldStarted = false;
  while (i < s.length) {
    const c = s[i]!;
    if (quoted) {
      if (c === '"') {
        if (s[i + 1] === '"') {
          field += '"';
          i += 2;
          continue;
        }
        quoted = false;
        i++;
        if (i < s.length && s[i] !== ',' && s[i] !== '\n' && s[i] !== '\r') throw new UsageError(`${what}: line ${line}: text after a closing quote`);
        continue;
      }
      if (c === '\n') line++;
      field += c;
      i++;
      continue;
    }
    if (c === '"' && !fieldStarted) {
      quoted = true;
      fieldStarted = true;
      i++;
      continue;
    }
    if (c === ',') {
      row.push(field);
      field = '';
      fieldStarted = false;
      i++;
      continue;
    }
    if (c === '\r' || c === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      fieldStarted = false;
      i += c === '\r' && s[i + 1] === '\n' ? 2 : 1;
      line++;
      continue;
    }
    field += c;
    fieldStarted = true;
    i++;
  }
  if (quoted) throw new UsageError(`${what}: a quoted field is not closed`);
  if (fieldStarted || row.length) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}
