/**
 * The one markdown-it configuration lessons are read with, by the checker and by the site alike:
 * front matter (markdown-it-front-matter), the `::: pitfall` and `::: python` admonitions
 * (markdown-it-container), and what a fenced block's info string means (CONTRIBUTING.md, "Lessons").
 */
import MarkdownIt from 'markdown-it';
import container from 'markdown-it-container';
import frontMatter from 'markdown-it-front-matter';
import type Token from 'markdown-it/lib/token.mjs';

export type { Token };

/** The admonitions a lesson may use, with the label a reader sees. */
export const ADMONITIONS: Readonly<Record<string, string>> = { pitfall: 'Pitfall', python: 'In Python' };

export function createMarkdown(options: MarkdownIt.Options = {}): MarkdownIt {
  const md = new MarkdownIt({ html: true, linkify: false, typographer: false, ...options });
  md.use(frontMatter, () => {});
  for (const name of Object.keys(ADMONITIONS)) md.use(container, name);
  return md;
}

const parser = createMarkdown();

/** The block tokens of a lesson; every block token's `map` holds 0-based source lines. */
export function parseMarkdown(source: string): Token[] {
  return parser.parse(source, {});
}

export type BlockLanguage = 'ts' | 'python' | 'output' | 'other';

/** What a fenced block's info string says: ```ts throws → language ts, words ['throws']. */
export interface BlockInfo {
  language: BlockLanguage;
  /** The first word as written (ts, typescript, python, py, output, bash, …). */
  written: string;
  /** The words after the language. */
  words: string[];
}

export const TS_WORDS = ['compile-error', 'throws', 'fragment'] as const;
export const PYTHON_WORDS = ['raises', 'fragment'] as const;

export function blockInfo(info: string): BlockInfo {
  const [first = '', ...words] = info.trim().split(/\s+/).filter(Boolean);
  const written = first.toLowerCase();
  const language: BlockLanguage =
    written === 'ts' || written === 'typescript' ? 'ts'
      : written === 'python' || written === 'py' || written === 'python3' ? 'python'
        : written === 'output' ? 'output'
          : 'other';
  return { language, written: first, words };
}

/** The plain text of an inline token (what a heading reads as). */
export function inlineText(token: Token): string {
  if (!token.children) return token.content;
  return token.children
    .map((child) => (child.type === 'text' || child.type === 'code_inline' ? child.content : child.type === 'softbreak' ? ' ' : child.type === 'image' ? inlineText(child) : ''))
    .join('');
}

/** GitHub-style heading anchors: lower case, punctuation dropped, spaces to dashes. */
export function slugify(text: string): string {
  const slug = text
    .trim()
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^\p{L}\p{N}\s_-]/gu, '')
    .replace(/\s/g, '-');
  return slug || 'section';
}

export interface Heading {
  level: number;
  text: string;
  /** The anchor, unique in its lesson (a repeat gets -1, -2, … as on GitHub). */
  slug: string;
  /** 1-based line in the lesson file. */
  line: number;
  /** Index of its heading_open token. */
  index: number;
}

export function headings(tokens: Token[]): Heading[] {
  const seen = new Map<string, number>();
  const found: Heading[] = [];
  tokens.forEach((token, index) => {
    if (token.type !== 'heading_open') return;
    const text = inlineText(tokens[index + 1]!);
    const base = slugify(text);
    const count = seen.get(base) ?? 0;
    seen.set(base, count + 1);
    found.push({ level: Number(token.tag.slice(1)), text, slug: count === 0 ? base : `${base}-${count}`, line: (token.map?.[0] ?? 0) + 1, index });
  });
  return found;
}
