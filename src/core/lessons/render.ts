/**
 * A lesson as HTML: code highlighted at build time (highlight.js), admonitions as labelled
 * notes, headings with anchors in a proper order (the page's h1 is the lesson's title, body
 * headings start at h2 and never skip a level), links rewritten by the caller.
 */
import hljs from 'highlight.js';
import type MarkdownIt from 'markdown-it';
import { ADMONITIONS, blockInfo, createMarkdown, headings, type Token } from './markdown';
import type { Lesson } from './load';

export interface TocEntry {
  level: number;
  /** The heading's content as inline HTML (keeps `code`). */
  html: string;
  slug: string;
}

export interface RenderedLesson {
  title: string;
  /** The lesson's body: everything after the front matter, without its leading h1. */
  html: string;
  /** The h2 and h3 headings, in order. */
  toc: TocEntry[];
}

export interface RenderOptions {
  /** Rewrites a link or image target as written in the lesson; absolute URLs are left alone. */
  resolveLink?: (target: string) => string;
}

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/** The caption a code block gets, from its info string: what a reader should expect of it. */
export function codeLabel(info: string): { language: string | undefined; label: string; kind: string } {
  const { language, written, words } = blockInfo(info);
  if (language === 'output') return { language: undefined, label: 'Output', kind: 'output' };
  if (language === 'ts' || language === 'python') {
    const name = language === 'ts' ? 'TypeScript' : 'Python';
    const hl = language === 'ts' ? 'typescript' : 'python';
    if (words.includes('compile-error')) return { language: hl, label: `${name}: does not compile`, kind: 'compile-error' };
    if (words.includes('throws') || words.includes('raises')) return { language: hl, label: `${name}: ends with an uncaught error`, kind: 'throws' };
    if (words.includes('fragment')) return { language: hl, label: `${name} (excerpt)`, kind: 'fragment' };
    return { language: hl, label: name, kind: language };
  }
  const lower = written.toLowerCase();
  if (lower && hljs.getLanguage(lower)) return { language: lower, label: hljs.getLanguage(lower)!.name ?? lower, kind: 'other' };
  return { language: undefined, label: '', kind: 'other' };
}

function fence(tokens: Token[], index: number): string {
  const token = tokens[index]!;
  const { language, label, kind } = codeLabel(token.info);
  const body = language ? hljs.highlight(token.content, { language, ignoreIllegals: true }).value : escapeHtml(token.content);
  const caption = label ? `<figcaption>${escapeHtml(label)}</figcaption>` : '';
  // tabindex: a scrolling region must be reachable from the keyboard.
  return `<figure class="code code-${kind}">${caption}<pre tabindex="0"><code class="hljs${language ? ` language-${language}` : ''}">${body}</code></pre></figure>\n`;
}

let renderer: MarkdownIt | undefined;

function markdown(): MarkdownIt {
  if (renderer) return renderer;
  const md = createMarkdown();
  md.renderer.rules.fence = (tokens, index) => fence(tokens, index);
  for (const [name, title] of Object.entries(ADMONITIONS)) {
    md.renderer.rules[`container_${name}_open`] = (tokens, index) => {
      const extra = tokens[index]!.info.trim().slice(name.length).trim();
      const heading = extra ? `${title}: ${extra}` : title;
      return `<div class="admonition admonition-${name}" role="note" aria-label="${escapeHtml(heading)}">\n<p class="admonition-title">${md.renderInline(heading)}</p>\n`;
    };
    md.renderer.rules[`container_${name}_close`] = () => '</div>\n';
  }
  md.renderer.rules.table_open = () => '<div class="table-wrap" tabindex="0">\n<table>\n';
  md.renderer.rules.table_close = () => '</table>\n</div>\n';
  renderer = md;
  return md;
}

function isExternal(target: string): boolean {
  return /^[a-z][a-z0-9+.-]*:/i.test(target) || target.startsWith('//') || target.startsWith('#');
}

export function renderLesson(lesson: Lesson, options: RenderOptions = {}): RenderedLesson {
  const md = markdown();
  const tokens = md.parse(lesson.source, {});
  const found = headings(tokens);

  // The page's h1 is the front matter's title: a leading h1 in the body would repeat it.
  const firstContent = tokens.findIndex((t) => t.type !== 'front_matter' && !(t.type === 'html_block' && /^<!--[\s\S]*-->\s*$/.test(t.content)));
  const dropped = new Set<number>();
  if (firstContent >= 0 && tokens[firstContent]!.type === 'heading_open' && tokens[firstContent]!.tag === 'h1') {
    dropped.add(firstContent).add(firstContent + 1).add(firstContent + 2);
  }

  const toc: TocEntry[] = [];
  let previous = 1;
  for (const heading of found) {
    if (dropped.has(heading.index)) continue;
    const level = Math.min(Math.max(heading.level, 2), previous + 1);
    previous = level;
    const open = tokens[heading.index]!;
    open.tag = `h${level}`;
    open.attrSet('id', heading.slug);
    const close = tokens.slice(heading.index).find((t) => t.type === 'heading_close');
    if (close) close.tag = `h${level}`;
    if (level <= 3) toc.push({ level, html: md.renderer.renderInline(tokens[heading.index + 1]!.children ?? [], md.options, {}), slug: heading.slug });
  }

  if (options.resolveLink) {
    for (const token of tokens) {
      for (const child of token.children ?? []) {
        const attribute = child.type === 'link_open' ? 'href' : child.type === 'image' ? 'src' : undefined;
        if (!attribute) continue;
        const target = child.attrGet(attribute);
        if (target !== null && !isExternal(target)) child.attrSet(attribute, options.resolveLink(target));
      }
    }
  }

  const kept = tokens.filter((_, index) => !dropped.has(index));
  return { title: lesson.meta.title, html: md.renderer.render(kept, md.options, {}), toc };
}
