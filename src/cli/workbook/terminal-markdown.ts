/**
 * A lesson for a terminal: markdown-it's tokens turned into plain lines with simple styling.
 * Headings bold and underlined, paragraphs wrapped to the terminal, lists with bullets, code
 * blocks indented under a label (highlighted when colours are on), admonitions (`::: pitfall`,
 * `::: python`) as a barred box, links followed by where they lead. The front matter is dropped.
 * Without colours (piped, NO_COLOR) the text is the same, minus the escape codes.
 */
import type Token from 'markdown-it/lib/token.mjs';
import { ADMONITIONS as LABELS, createMarkdown } from '../../core/lessons/markdown';
import type { Paint } from '../../core/style';
import { ANSI, visibleLength } from './wrap';

export { fitToWidth, visibleLength } from './wrap';

/** How the admonitions lessons use (CONTRIBUTING.md) look in a terminal. */
const LOOKS: Record<string, { mark: string; colour: keyof Paint }> = {
  pitfall: { mark: '⚠', colour: 'yellow' },
  python: { mark: '»', colour: 'cyan' },
};

function admonition(name: string): { label: string; mark: string; colour: keyof Paint } | undefined {
  const label = LABELS[name];
  if (!label) return undefined;
  return { label, ...(LOOKS[name] ?? { mark: '▌', colour: 'bold' }) };
}

type Style = (s: string) => string;
const plain: Style = (s) => s;

interface Segment {
  text: string;
  style: Style;
  /** Keep in one piece when wrapping (inline code). */
  whole?: boolean;
}


export interface RenderOptions {
  p: Paint;
  colour: boolean;
  /** Columns to wrap paragraphs at. */
  width: number;
  /** What a link to another lesson (`02-range.md`) becomes; by default the command that shows it. */
  lessonLink?: (href: string) => string | undefined;
}

/** `02-range.md#anchor` → `npx workbook lesson 02`; other links are left alone. */
export function lessonCommandFor(href: string): string | undefined {
  if (/^[a-z]+:/i.test(href)) return undefined;
  const m = /(?:^|\/)(\d{2})-[a-z0-9-]+\.md(?:#.*)?$/.exec(href);
  return m ? `npx workbook lesson ${m[1]}` : undefined;
}

interface Frame {
  first: string;
  rest: string;
  used: boolean;
}

class Writer {
  readonly lines: string[] = [];
  private readonly frames: Frame[] = [];
  needBlank = false;

  push(first: string, rest = first): void {
    this.frames.push({ first, rest, used: false });
  }

  pop(): void {
    this.frames.pop();
  }

  /** Columns taken by the prefixes. */
  indent(): number {
    return this.frames.reduce((sum, f) => sum + visibleLength(f.used ? f.rest : f.first), 0);
  }

  emit(text: string): void {
    const prefix = this.frames.map((f) => {
      if (f.used) return f.rest;
      f.used = true;
      return f.first;
    }).join('');
    this.lines.push(prefix + text);
  }

  /** A blank line between blocks; it keeps the bars of boxes but uses up no bullet. */
  blank(): void {
    const prefix = this.frames.map((f) => f.rest).join('').replace(/\s+$/, '');
    const stripped = prefix.replace(ANSI, '');
    this.lines.push(stripped.trim() === '' ? '' : prefix.replace(/\s+(\u001b\[[0-9;]*m)*$/, '$1'));
  }

  beforeBlock(): void {
    if (this.needBlank && this.lines.length > 0) this.blank();
    this.needBlank = false;
  }
}

/** Breaks styled segments into lines of at most `width` visible columns. */
export function wrapSegments(segments: Segment[], width: number): string[] {
  const lines: string[] = [];
  let line = '';
  let length = 0;
  let space = false;
  const flush = () => {
    lines.push(line);
    line = '';
    length = 0;
    space = false;
  };
  const word = (text: string, style: Style) => {
    const n = [...text].length;
    if (length > 0 && length + (space ? 1 : 0) + n > width) flush();
    if (length > 0 && space) {
      line += ' ';
      length++;
    }
    line += style(text);
    length += n;
    space = false;
  };
  for (const segment of segments) {
    if (segment.whole) {
      if (/^\s/.test(segment.text)) space = true;
      word(segment.text, segment.style);
      continue;
    }
    const parts = segment.text.split(/(\n|[ \t]+)/);
    for (const part of parts) {
      if (part === '') continue;
      if (part === '\n') flush();
      else if (/^[ \t]+$/.test(part)) space = length > 0;
      else if (!space && length > 0) {
        // Glued to the previous segment (a word half bold): no space, no break between them.
        line += segment.style(part);
        length += [...part].length;
      } else word(part, segment.style);
    }
  }
  if (length > 0 || lines.length === 0) flush();
  return lines;
}

function inlineSegments(token: Token, options: RenderOptions): Segment[] {
  const { p } = options;
  const segments: Segment[] = [];
  const styles: Style[] = [];
  const links: { href: string; start: number }[] = [];
  const current = (): Style => (s) => styles.reduceRight((text, style) => style(text), s);
  const italic: Style = options.colour ? (s) => `\u001b[3m${s}\u001b[23m` : plain;
  const underline: Style = options.colour ? (s) => `\u001b[4m${s}\u001b[24m` : plain;
  for (const child of token.children ?? []) {
    switch (child.type) {
      case 'text':
        segments.push({ text: child.content, style: current() });
        break;
      case 'code_inline':
        segments.push({ text: options.colour ? child.content : `\`${child.content}\``, style: (s) => current()(p.cyan(s)), whole: child.content.length <= 30 });
        break;
      case 'strong_open':
        styles.push(p.bold);
        break;
      case 'em_open':
        styles.push(italic);
        break;
      case 'link_open':
        styles.push(underline);
        links.push({ href: child.attrGet('href') ?? '', start: segments.length });
        break;
      case 'strong_close':
      case 'em_close':
        styles.pop();
        break;
      case 'link_close': {
        styles.pop();
        const link = links.pop();
        if (!link) break;
        const text = segments.slice(link.start).map((s) => s.text).join('').trim();
        const where = (options.lessonLink ?? lessonCommandFor)(link.href) ?? link.href;
        if (where && where !== text && !where.startsWith('#')) segments.push({ text: ` (${where})`, style: p.dim });
        break;
      }
      case 'softbreak':
        segments.push({ text: ' ', style: plain });
        break;
      case 'hardbreak':
        segments.push({ text: '\n', style: plain });
        break;
      case 'image':
        segments.push({ text: `[image: ${child.content || child.attrGet('alt') || child.attrGet('src')}]`, style: p.dim });
        break;
      case 'html_inline':
        if (/^<br\s*\/?>$/i.test(child.content)) segments.push({ text: '\n', style: plain });
        break;
      default:
        if (child.content) segments.push({ text: child.content, style: current() });
    }
  }
  return segments;
}

function plainInline(token: Token, options: RenderOptions): string {
  return inlineSegments(token, options).map((s) => s.style(s.text)).join('');
}

const LANGUAGE_NAMES: Record<string, string> = { ts: 'TypeScript', typescript: 'TypeScript', python: 'Python', py: 'Python', python3: 'Python', output: 'Output', bash: 'Shell', sh: 'Shell', js: 'JavaScript', javascript: 'JavaScript', text: 'Text' };
const WORD_NAMES: Record<string, string> = { 'compile-error': 'does not compile', throws: 'throws', raises: 'raises', fragment: 'a fragment, not run' };

function blockLabel(info: string): string {
  const [language = '', ...words] = info.trim().split(/\s+/).filter(Boolean);
  const name = LANGUAGE_NAMES[language.toLowerCase()] ?? language;
  const said = words.map((w) => WORD_NAMES[w] ?? w);
  return [name, said.length ? `(${said.join(', ')})` : ''].filter(Boolean).join(' ');
}

const HLJS_LANGUAGES: Record<string, string> = { ts: 'typescript', typescript: 'typescript', python: 'python', py: 'python', python3: 'python', js: 'javascript', javascript: 'javascript' };

/** Highlighted code lines (highlight.js's HTML turned into escape codes), or the lines as they are. */
export function highlight(code: string, info: string, colour: boolean): string[] {
  const lines = code.replace(/\n$/, '').split('\n');
  const language = HLJS_LANGUAGES[info.trim().split(/\s+/)[0]?.toLowerCase() ?? ''];
  if (!colour || !language) return lines;
  let html: string;
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const hljs = require('highlight.js/lib/core') as typeof import('highlight.js').default;
    if (!hljs.getLanguage(language)) {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      hljs.registerLanguage(language, require(`highlight.js/lib/languages/${language}`));
    }
    html = hljs.highlight(code.replace(/\n$/, ''), { language, ignoreIllegals: true }).value;
  } catch {
    return lines;
  }
  const codes: Record<string, string> = {
    keyword: '35', built_in: '36', type: '36', title: '36', 'title.class_': '36', 'title.function_': '36',
    string: '32', number: '33', literal: '33', comment: '2', meta: '2', regexp: '31', params: '',
  };
  const stack: string[] = [];
  const out: string[] = [''];
  const open = () => stack.filter(Boolean).map((c) => `\u001b[${c}m`).join('');
  const entities: Record<string, string> = { '&lt;': '<', '&gt;': '>', '&amp;': '&', '&quot;': '"', '&#x27;': "'", '&#39;': "'" };
  for (const piece of html.split(/(<span class="[^"]*">|<\/span>)/)) {
    if (piece.startsWith('<span')) {
      const classes = /class="([^"]*)"/.exec(piece)![1]!.split(/\s+/).map((c) => c.replace(/^hljs-/, ''));
      stack.push(classes.map((c) => codes[c]).find((c) => c !== undefined) ?? '');
      continue;
    }
    if (piece === '</span>') {
      stack.pop();
      continue;
    }
    const text = piece.replace(/&(lt|gt|amp|quot|#x27|#39);/g, (m) => entities[m] ?? m);
    text.split('\n').forEach((part, i) => {
      if (i > 0) out.push('');
      if (part) out[out.length - 1] += stack.some(Boolean) ? `${open()}${part}\u001b[0m` : part;
    });
  }
  return out;
}

function renderTable(tokens: Token[], start: number, writer: Writer, options: RenderOptions): number {
  const rows: { cells: string[]; head: boolean }[] = [];
  let i = start + 1;
  let head = false;
  let row: string[] | undefined;
  for (; i < tokens.length && tokens[i]!.type !== 'table_close'; i++) {
    const t = tokens[i]!;
    if (t.type === 'thead_open') head = true;
    else if (t.type === 'thead_close') head = false;
    else if (t.type === 'tr_open') row = [];
    else if (t.type === 'tr_close' && row) rows.push({ cells: row, head });
    else if (t.type === 'inline' && row) row.push(plainInline(t, options));
  }
  const columns = Math.max(0, ...rows.map((r) => r.cells.length));
  const widths = Array.from({ length: columns }, (_, c) => Math.max(0, ...rows.map((r) => visibleLength(r.cells[c] ?? ''))));
  const bar = options.p.dim(' │ ');
  for (const r of rows) {
    writer.emit(widths.map((w, c) => {
      const cell = r.cells[c] ?? '';
      return (r.head ? options.p.bold(cell) : cell) + ' '.repeat(w - visibleLength(cell));
    }).join(bar).replace(/\s+$/, ''));
    if (r.head) writer.emit(options.p.dim(widths.map((w) => '─'.repeat(w)).join('─┼─')));
  }
  return i;
}

/** The lesson's markdown as terminal lines. */
export function renderMarkdown(source: string, options: RenderOptions): string[] {
  const { p } = options;
  const tokens = createMarkdown().parse(source, {});
  const writer = new Writer();
  const lists: { ordered: boolean; tight: boolean }[] = [];
  const paragraph = (inline: Token) => {
    const width = Math.max(20, options.width - writer.indent());
    for (const line of wrapSegments(inlineSegments(inline, options), width)) writer.emit(line);
  };
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]!;
    switch (token.type) {
      case 'front_matter':
        break;
      case 'heading_open': {
        writer.beforeBlock();
        const text = plainInline(tokens[i + 1]!, { ...options, colour: false, p: { ...p, bold: plain, cyan: plain, dim: plain } });
        const level = Number(token.tag.slice(1));
        writer.emit(p.bold(text));
        if (level <= 2) writer.emit(p.dim((level === 1 ? '═' : '─').repeat(Math.min(visibleLength(text), options.width))));
        i += 2;
        writer.needBlank = true;
        break;
      }
      case 'paragraph_open':
        if (!token.hidden) writer.beforeBlock();
        paragraph(tokens[i + 1]!);
        i += 2;
        if (!tokens[i]!.hidden) writer.needBlank = true;
        break;
      case 'bullet_list_open':
      case 'ordered_list_open': {
        writer.beforeBlock();
        let tight = true;
        for (let j = i + 1, depth = 0; j < tokens.length; j++) {
          const t = tokens[j]!;
          if (t.type === token.type.replace('_open', '_close') && depth === 0) break;
          if (t.type.endsWith('_list_open')) depth++;
          if (t.type.endsWith('_list_close')) depth--;
          if (depth === 0 && t.type === 'paragraph_open' && !t.hidden) tight = false;
        }
        lists.push({ ordered: token.type === 'ordered_list_open', tight });
        break;
      }
      case 'bullet_list_close':
      case 'ordered_list_close':
        lists.pop();
        writer.needBlank = true;
        break;
      case 'list_item_open': {
        const list = lists[lists.length - 1];
        if (list && !list.tight) writer.beforeBlock();
        writer.needBlank = false;
        const marker = list?.ordered ? `${token.info || '1'}. ` : '• ';
        writer.push(`  ${p.bold(marker)}`, ' '.repeat(2 + marker.length));
        break;
      }
      case 'list_item_close':
        writer.pop();
        break;
      case 'blockquote_open':
        writer.beforeBlock();
        writer.push(p.dim('│ '));
        break;
      case 'blockquote_close':
        writer.pop();
        writer.needBlank = true;
        break;
      case 'fence':
      case 'code_block': {
        writer.beforeBlock();
        const label = token.type === 'fence' ? blockLabel(token.info) : '';
        if (label) writer.emit(p.dim(`  ${label}:`));
        for (const line of highlight(token.content, token.info, options.colour)) writer.emit(line ? `    ${line}` : '');
        writer.needBlank = true;
        break;
      }
      case 'hr':
        writer.beforeBlock();
        writer.emit(p.dim('─'.repeat(Math.min(40, options.width))));
        writer.needBlank = true;
        break;
      case 'table_open':
        writer.beforeBlock();
        i = renderTable(tokens, i, writer, options);
        writer.needBlank = true;
        break;
      case 'html_block': {
        const text = token.content.replace(/<!--[\s\S]*?-->/g, '').replace(/<[^>]+>/g, '').trim();
        if (!text) break;
        writer.beforeBlock();
        for (const line of text.split('\n')) writer.emit(line);
        writer.needBlank = true;
        break;
      }
      default: {
        const container = /^container_(\w+)_(open|close)$/.exec(token.type);
        const look = container ? admonition(container[1]!) : undefined;
        if (container && look) {
          const admonition = container;
          const { label, mark, colour } = look;
          const paintIt = p[colour];
          if (admonition[2] === 'open') {
            writer.beforeBlock();
            const title = token.info.trim().slice(admonition[1]!.length).trim();
            writer.emit(paintIt(p.bold(`${mark} ${label}${title ? `: ${title}` : ''}`)));
            writer.push(paintIt('┃ '));
          } else {
            writer.pop();
            writer.needBlank = true;
          }
        }
      }
    }
  }
  while (writer.lines.length && writer.lines[writer.lines.length - 1] === '') writer.lines.pop();
  return writer.lines;
}

