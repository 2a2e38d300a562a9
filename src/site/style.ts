/**
 * The site's one stylesheet (written as style.css). Colours are chosen for contrast: body text,
 * links, badges and every highlight.js token class reach at least 4.5:1 on their background
 * (test/site.test.ts measures them). Responsive down to phones, with a print stylesheet.
 */
export const STYLE = `/* Iteration workbook: lessons and progress. */
:root {
  --text: #1f2328;
  --muted: #4f5761;
  --bg: #ffffff;
  --soft: #f6f8fa;
  --border: #d0d7de;
  --link: #0550ae;
  --focus: #0969da;
  --pitfall-bg: #fff8c5;
  --pitfall-edge: #9a6700;
  --python-bg: #ddf4ff;
  --python-edge: #0969da;
  --passed: #116329;
  --passed-bg: #dafbe1;
  --partial: #6c4400;
  --partial-bg: #fff8c5;
  --failed: #a40e26;
  --failed-bg: #ffebe9;
  --neutral: #424a53;
  --neutral-bg: #eaeef2;
}

*, *::before, *::after { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; text-size-adjust: 100%; }
body {
  margin: 0;
  color: var(--text);
  background: var(--bg);
  font: 1.0625rem/1.6 system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "Helvetica Neue", Arial, sans-serif;
  overflow-wrap: break-word;
}
a { color: var(--link); text-underline-offset: .15em; }
a:hover { text-decoration-thickness: 2px; }
:focus-visible { outline: 3px solid var(--focus); outline-offset: 2px; }
img { max-width: 100%; height: auto; }

.skip { position: absolute; left: -10000px; top: .5rem; }
.skip:focus { left: .5rem; z-index: 1; padding: .5rem .75rem; background: var(--bg); }

.site-header { border-bottom: 1px solid var(--border); background: var(--soft); }
.site-header .inner, .site-footer .inner { max-width: 48rem; margin: 0 auto; padding: .6rem 1rem; }
.site-header a { color: var(--text); font-weight: 650; text-decoration: none; }
.site-header a:hover { text-decoration: underline; }
.site-footer { border-top: 1px solid var(--border); color: var(--muted); font-size: .875rem; margin-top: 3rem; }

main { max-width: 48rem; margin: 0 auto; padding: 1.25rem 1rem 2rem; }
h1, h2, h3, h4 { line-height: 1.25; margin: 2rem 0 .75rem; scroll-margin-top: 1rem; }
h1 { font-size: 2rem; margin-top: .5rem; }
h2 { font-size: 1.45rem; padding-bottom: .3rem; border-bottom: 1px solid var(--border); }
h3 { font-size: 1.2rem; }
h4 { font-size: 1.05rem; }
p, ul, ol { margin: 0 0 1rem; }
li + li { margin-top: .25rem; }
.lead { font-size: 1.15rem; color: var(--muted); }
.concepts { color: var(--muted); font-size: .95rem; }

code, pre, kbd { font-family: ui-monospace, SFMono-Regular, "SF Mono", Menlo, Consolas, "Liberation Mono", monospace; font-size: .875em; }
:not(pre) > code { background: var(--soft); border: 1px solid var(--border); border-radius: 4px; padding: .05em .3em; }
figure.code { margin: 1.25rem 0; }
figure.code figcaption { font-size: .8rem; font-weight: 650; color: var(--muted); margin-bottom: .2rem; }
figure.code-compile-error figcaption, figure.code-throws figcaption { color: var(--failed); }
pre {
  margin: 0; padding: .75rem 1rem; overflow-x: auto;
  background: var(--soft); border: 1px solid var(--border); border-radius: 6px;
  line-height: 1.5; tab-size: 2;
}
pre code { font-size: .875rem; }
figure.code-output pre { background: var(--bg); border-style: dashed; }
figure.code-compile-error pre, figure.code-throws pre { border-left: 4px solid var(--failed); }

.admonition { margin: 1.5rem 0; padding: .75rem 1rem; border-left: 5px solid; border-radius: 0 6px 6px 0; }
.admonition > :last-child { margin-bottom: 0; }
.admonition-title { font-weight: 700; margin-bottom: .35rem; }
.admonition-pitfall { background: var(--pitfall-bg); border-color: var(--pitfall-edge); }
.admonition-python { background: var(--python-bg); border-color: var(--python-edge); }
.admonition pre { background: var(--soft); }

.table-wrap { overflow-x: auto; margin: 0 0 1rem; }
table { border-collapse: collapse; min-width: 60%; }
th, td { border: 1px solid var(--border); padding: .35rem .65rem; text-align: left; vertical-align: top; }
th { background: var(--soft); }

/* The table of contents sits under the title, and beside the lesson on wide screens. */
.toc { border: 1px solid var(--border); border-radius: 6px; padding: .5rem 1rem .25rem; margin: 1rem 0 1.5rem; background: var(--soft); }
.toc h2 { font-size: 1rem; margin: .25rem 0 .5rem; border: 0; padding: 0; }
.toc ol { padding-left: 1.25rem; font-size: .95rem; }
.toc li.level-3 { margin-left: 1rem; list-style-type: circle; }
@media (min-width: 75rem) {
  main.lesson { max-width: 70rem; display: grid; grid-template-columns: minmax(0, 48rem) 17rem; column-gap: 3rem; justify-content: center; }
  main.lesson > * { grid-column: 1; }
  .page-lesson .site-header .inner, .page-lesson .site-footer .inner { max-width: 70rem; }
  main.lesson > .toc { grid-column: 2; grid-row: 1 / span 8; align-self: start; position: sticky; top: 1rem; max-height: calc(100vh - 2rem); overflow-y: auto; margin-top: .75rem; }
}

/* Progress */
.status { display: inline-block; padding: .05rem .55rem; border-radius: 999px; border: 1px solid currentColor; font-size: .85rem; font-weight: 650; white-space: nowrap; }
.status-passed { color: var(--passed); background: var(--passed-bg); }
.status-partial { color: var(--partial); background: var(--partial-bg); }
.status-failed, .status-error { color: var(--failed); background: var(--failed-bg); }
.status-missing, .status-not-started, .status-ungraded { color: var(--neutral); background: var(--neutral-bg); }
.score { font-variant-numeric: tabular-nums; font-weight: 650; white-space: nowrap; }
.bar { height: .8rem; margin: .5rem 0 1rem; background: var(--neutral-bg); border: 1px solid var(--border); border-radius: 999px; overflow: hidden; }
.bar > span { display: block; height: 100%; background: #1a7f37; }
.totals { font-size: 1.1rem; margin-bottom: .25rem; }

.curriculum { list-style: none; padding: 0; counter-reset: lesson; }
.curriculum > li { border: 1px solid var(--border); border-radius: 8px; padding: .75rem 1rem; margin: 0 0 .75rem; }
.curriculum .lesson-link { font-size: 1.1rem; font-weight: 650; }
.curriculum p { margin: .25rem 0 0; }
.exercise-line { display: flex; flex-wrap: wrap; gap: .35rem .6rem; align-items: baseline; }

.exercise { margin-top: 2.5rem; padding: 1rem 1.25rem; border: 2px solid var(--border); border-radius: 8px; }
.exercise h2 { margin-top: 0; border: 0; }
.exercise .message { color: var(--muted); }
details { margin: .5rem 0; border: 1px solid var(--border); border-radius: 6px; padding: .4rem .75rem; }
details > summary { cursor: pointer; font-weight: 650; }
details[open] > summary { margin-bottom: .4rem; }
details > :last-child { margin-bottom: .25rem; }
.tests { padding-left: 1.25rem; }
.tests .status { margin-right: .4rem; }
.tests .test-message { display: block; color: var(--muted); font-size: .9rem; white-space: pre-wrap; }

.pager { display: flex; flex-wrap: wrap; justify-content: space-between; gap: .75rem; margin-top: 2.5rem; padding-top: 1rem; border-top: 1px solid var(--border); }
.pager a { display: inline-block; padding: .4rem .2rem; }
.pager .next { margin-left: auto; text-align: right; }

/* highlight.js tokens, high contrast on the code background */
.hljs { color: var(--text); }
.hljs-comment, .hljs-quote, .hljs-code, .hljs-formula { color: #4f5761; font-style: italic; }
.hljs-keyword, .hljs-doctag, .hljs-template-tag, .hljs-template-variable, .hljs-variable.language_, .hljs-meta .hljs-keyword { color: #b31d28; }
.hljs-title, .hljs-title.class_, .hljs-title.class_.inherited__, .hljs-title.function_ { color: #6639ba; }
.hljs-attr, .hljs-attribute, .hljs-literal, .hljs-meta, .hljs-number, .hljs-operator, .hljs-variable, .hljs-selector-attr, .hljs-selector-class, .hljs-selector-id, .hljs-property { color: #0550ae; }
.hljs-string, .hljs-regexp, .hljs-meta .hljs-string { color: #0a3069; }
.hljs-built_in, .hljs-symbol, .hljs-bullet, .hljs-type { color: #8a3500; }
.hljs-name, .hljs-selector-tag, .hljs-selector-pseudo { color: #116329; }
.hljs-section { color: #0550ae; font-weight: 700; }
.hljs-subst, .hljs-params { color: var(--text); }
.hljs-emphasis { font-style: italic; }
.hljs-strong { font-weight: 700; }
.hljs-addition { color: #116329; background: #dafbe1; }
.hljs-deletion { color: #82071e; background: #ffebe9; }

@media (max-width: 30rem) {
  body { font-size: 1rem; }
  main { padding: 1rem .75rem 2rem; }
  h1 { font-size: 1.6rem; }
  pre { padding: .6rem .7rem; }
  .admonition { padding: .6rem .75rem; }
  .exercise { padding: .75rem .85rem; }
}

@media print {
  @page { margin: 1.6cm; }
  body { font-size: 10.5pt; background: #fff; color: #000; }
  .skip, .site-header, .site-footer, .toc, .pager { display: none !important; }
  main, main.lesson { max-width: none; padding: 0; display: block; }
  a { color: #000; }
  main a[href^="http"]::after { content: " (" attr(href) ")"; font-size: 85%; }
  pre { white-space: pre-wrap; overflow: visible; border-color: #888; }
  figure.code, .admonition, details, .curriculum > li, tr { break-inside: avoid; }
  h1, h2, h3, h4 { break-after: avoid; }
  .admonition, .status, .bar, .bar > span { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
}
`;
