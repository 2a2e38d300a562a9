/**
 * The static lesson site (`workbook site [--out DIR]`): index.html with the curriculum and the
 * learner's progress from a grading result, one page per lesson, one stylesheet. No script and
 * no server: every link is relative, so the site works from file://.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { loadCatalogue, type Catalogue, type Exercise } from '../core/catalogue';
import { paths } from '../core/paths';
import type { ExerciseResult, ExerciseStatus, ResultDocument } from '../core/result';
import { assertSchema } from '../core/schemas';
import { loadLessons, type Lesson } from '../core/lessons/load';
import { escapeHtml, renderLesson, type TocEntry } from '../core/lessons/render';
import { STYLE } from './style';

export interface BuildSiteOptions {
  /** Where to write the site (created if missing; only the site's own files are written). */
  outDir: string;
  /** A grading result: the progress shown. Without it every exercise shows "Not graded yet". */
  result?: ResultDocument;
  /** Defaults: the project's lessons/, catalogue.json and exercises/ (what the pages link to). */
  lessonsDir?: string;
  catalogueFile?: string;
  exercisesDir?: string;
}

export interface BuiltSite {
  outDir: string;
  /** index.html's absolute path. */
  index: string;
  /** Every file written, absolute. */
  files: string[];
}

export const SITE_TITLE = 'Iteration workbook';

/** What each status reads as, for people. */
export const STATUS_LABELS: Record<ExerciseStatus | 'ungraded', string> = {
  passed: 'Passed',
  partial: 'Partly passing',
  failed: 'Failing',
  error: 'Error',
  missing: 'File missing',
  'not-started': 'Not started',
  ungraded: 'Not graded yet',
};

/** A score as people write it: 10, 7.5, 3.33. */
export function formatScore(score: number): string {
  return String(Math.round(score * 100) / 100);
}

export function lessonPageName(lesson: Lesson): string {
  return `${lesson.meta.id}.html`;
}

function toUrlPath(relative: string): string {
  return relative.split(path.sep).map(encodeURIComponent).join('/');
}

function page(options: { title: string; body: string; mainClass?: string; description?: string }): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(options.title)}</title>
${options.description ? `<meta name="description" content="${escapeHtml(options.description)}">\n` : ''}<link rel="stylesheet" href="style.css">
</head>
<body${options.mainClass ? ` class="page-${options.mainClass}"` : ''}>
<a class="skip" href="#main">Skip to the content</a>
<header class="site-header"><div class="inner"><a href="index.html">${SITE_TITLE}</a></div></header>
<main id="main"${options.mainClass ? ` class="${options.mainClass}"` : ''}>
${options.body}
</main>
<footer class="site-footer"><div class="inner">Lessons for Python&rsquo;s <code>__iter__</code>, <code>__next__</code>, <code>__aiter__</code> and <code>__anext__</code>, taught through TypeScript. Run <code>npx workbook</code> to grade your exercises.</div></footer>
</body>
</html>
`;
}

function statusBadge(result: ExerciseResult | undefined): string {
  const status = result?.status ?? 'ungraded';
  return `<span class="status status-${status}">${STATUS_LABELS[status]}</span>`;
}

function scoreText(result: ExerciseResult | undefined, exercise: Exercise): string {
  if (!result) return `<span class="score">– / ${formatScore(exercise.points)}</span>`;
  return `<span class="score">${formatScore(result.score)} / ${formatScore(result.maxScore)}</span>`;
}

function tocHtml(toc: TocEntry[]): string {
  if (toc.length === 0) return '';
  const items = toc.map((entry) => `<li class="level-${entry.level}"><a href="#${escapeHtml(entry.slug)}">${entry.html}</a></li>`).join('\n');
  return `<nav class="toc" aria-labelledby="toc-title">\n<h2 id="toc-title">On this page</h2>\n<ol>\n${items}\n</ol>\n</nav>`;
}

function exerciseSection(exercise: Exercise, result: ExerciseResult | undefined, fileHref: string, anchor: string): string {
  const file = `exercises/${exercise.id}/${exercise.file}`;
  const parts: string[] = [];
  parts.push(`<section class="exercise" id="${anchor}" aria-labelledby="${anchor}-title" data-exercise="${escapeHtml(exercise.id)}" data-status="${result?.status ?? 'ungraded'}">`);
  parts.push(`<h2 id="${anchor}-title">Progress and hints</h2>`);
  parts.push(`<p class="exercise-line"><span>Exercise <code>${escapeHtml(exercise.id)}</code>, ${escapeHtml(exercise.title)}:</span> ${statusBadge(result)} ${scoreText(result, exercise)}</p>`);
  if (result?.message) parts.push(`<p class="message">${escapeHtml(result.message)}</p>`);
  parts.push(`<p>Edit <a class="exercise-file" href="${fileHref}"><code>${escapeHtml(file)}</code></a>, then grade it with <code>npx workbook run ${escapeHtml(exercise.id)}</code>.</p>`);
  if (result && result.tests.length > 0) {
    const passed = result.tests.filter((t) => t.status === 'passed').length;
    const items = result.tests
      .map((test) => {
        const label = test.status === 'passed' ? 'Passed' : test.status === 'timedout' ? 'Timed out' : test.status === 'error' ? 'Error' : 'Failed';
        const css = test.status === 'passed' ? 'passed' : 'failed';
        const message = test.status !== 'passed' && test.message ? `<span class="test-message">${escapeHtml(test.message)}</span>` : '';
        return `<li><span class="status status-${css}">${label}</span>${escapeHtml(test.name)}${message}</li>`;
      })
      .join('\n');
    parts.push(`<details class="test-list"><summary>Tests: ${passed} of ${result.tests.length} passing</summary>\n<ul class="tests">\n${items}\n</ul>\n</details>`);
  }
  exercise.hints.forEach((hint, index) => {
    // Hints are plain text (the terminal shows them as they are), not Markdown: `[Symbol.iterator]()` must stay as written.
    parts.push(`<details class="hint"><summary>Hint ${index + 1} of ${exercise.hints.length}</summary>\n<p>${escapeHtml(hint)}</p>\n</details>`);
  });
  parts.push('</section>');
  return parts.join('\n');
}

function relativeHref(fromDir: string, target: string): string {
  return toUrlPath(path.relative(fromDir, target)) || '.';
}

function lessonPage(lesson: Lesson, index: number, lessons: Lesson[], catalogue: Catalogue, results: Map<string, ExerciseResult>, options: Required<Omit<BuildSiteOptions, 'result'>>): string {
  const lessonByFile = new Map(lessons.map((l) => [path.resolve(l.file), l]));
  const rendered = renderLesson(lesson, {
    resolveLink(target) {
      const hash = target.indexOf('#');
      const filePart = hash < 0 ? target : target.slice(0, hash);
      const fragment = hash < 0 ? '' : target.slice(hash);
      if (filePart === '') return target;
      let decoded = filePart;
      try {
        decoded = decodeURI(filePart);
      } catch {
        // keep it as written
      }
      const resolved = path.resolve(path.dirname(lesson.file), decoded);
      const other = lessonByFile.get(resolved);
      if (other) return `${encodeURIComponent(lessonPageName(other))}${fragment}`;
      return `${relativeHref(options.outDir, resolved)}${fragment}`;
    },
  });
  const exercise = lesson.meta.exercise ? catalogue.exercises.find((e) => e.id === lesson.meta.exercise) : undefined;
  let exerciseHtml = '';
  const toc = [...rendered.toc];
  if (exercise) {
    const anchor = `exercise-${exercise.id}`;
    const fileHref = relativeHref(options.outDir, path.join(options.exercisesDir, exercise.id, exercise.file));
    exerciseHtml = exerciseSection(exercise, results.get(exercise.id), fileHref, anchor);
    toc.push({ level: 2, html: 'Progress and hints', slug: anchor });
  }
  const previous = lessons[index - 1];
  const next = lessons[index + 1];
  const pager = [
    previous ? `<a class="previous" rel="prev" href="${lessonPageName(previous)}">&larr; Previous: ${escapeHtml(previous.meta.title)}</a>` : `<a class="previous" href="index.html">&larr; All lessons</a>`,
    next ? `<a class="next" rel="next" href="${lessonPageName(next)}">Next: ${escapeHtml(next.meta.title)} &rarr;</a>` : `<a class="next" href="index.html">All lessons &rarr;</a>`,
  ].join('\n');
  const concepts = lesson.meta.concepts.map(escapeHtml).join(' · ');
  const body = [
    `<h1>${escapeHtml(lesson.meta.title)}</h1>`,
    `<p class="concepts">Lesson ${index + 1} of ${lessons.length}. Concepts: ${concepts}</p>`,
    tocHtml(toc),
    `<div class="lesson-body">\n${rendered.html}</div>`,
    exerciseHtml,
    `<nav class="pager" aria-label="Previous and next lesson">\n${pager}\n</nav>`,
  ].filter(Boolean).join('\n');
  return page({ title: `${lesson.meta.title} · ${SITE_TITLE}`, body, mainClass: 'lesson', description: `Lesson: ${lesson.meta.title}` });
}

function indexPage(lessons: Lesson[], catalogue: Catalogue, results: Map<string, ExerciseResult>, result: ResultDocument | undefined): string {
  const parts: string[] = [];
  parts.push(`<h1>${SITE_TITLE}</h1>`);
  parts.push('<p class="lead">Python&rsquo;s iteration protocol (<code>__iter__</code>, <code>__next__</code>, <code>__aiter__</code>, <code>__anext__</code>) through TypeScript&rsquo;s <code>[Symbol.iterator]()</code>, <code>next()</code>, <code>[Symbol.asyncIterator]()</code> and <code>for await</code>: read each lesson, then do its exercise.</p>');

  parts.push('<section aria-labelledby="progress-title">\n<h2 id="progress-title">Your progress</h2>');
  const maxScore = catalogue.exercises.reduce((sum, e) => sum + (results.get(e.id)?.maxScore ?? e.points), 0);
  if (result) {
    const score = catalogue.exercises.reduce((sum, e) => sum + (results.get(e.id)?.score ?? 0), 0);
    const passed = catalogue.exercises.filter((e) => results.get(e.id)?.status === 'passed').length;
    const percent = maxScore > 0 ? Math.round((score / maxScore) * 100) : 0;
    parts.push(`<p class="totals">Score <span class="score" id="total-score">${formatScore(score)} / ${formatScore(maxScore)}</span> · <span id="total-passed">${passed} of ${catalogue.exercises.length}</span> exercises passed</p>`);
    parts.push(`<div class="bar" role="img" aria-label="${percent}% of the points"><span style="width: ${percent}%"></span></div>`);
  } else {
    parts.push('<p class="totals" id="not-graded">Not graded yet: run <code>npx workbook</code> to grade your exercises, then build the site again with <code>npx workbook site</code>.</p>');
  }
  parts.push('</section>');

  parts.push('<section aria-labelledby="lessons-title">\n<h2 id="lessons-title">Lessons</h2>\n<ol class="curriculum">');
  const covered = new Set<string>();
  lessons.forEach((lesson) => {
    const exercise = lesson.meta.exercise ? catalogue.exercises.find((e) => e.id === lesson.meta.exercise) : undefined;
    if (exercise) covered.add(exercise.id);
    const exerciseResult = exercise ? results.get(exercise.id) : undefined;
    const attributes = exercise ? ` data-exercise="${escapeHtml(exercise.id)}" data-status="${exerciseResult?.status ?? 'ungraded'}"` : '';
    parts.push(`<li data-lesson="${escapeHtml(lesson.meta.id)}"${attributes}>`);
    parts.push(`<a class="lesson-link" href="${lessonPageName(lesson)}">${escapeHtml(lesson.meta.title)}</a>`);
    parts.push(`<p class="concepts">${lesson.meta.concepts.map(escapeHtml).join(' · ')}</p>`);
    if (exercise) {
      parts.push(`<p class="exercise-line"><span>Exercise <code>${escapeHtml(exercise.id)}</code></span> ${statusBadge(exerciseResult)} ${scoreText(exerciseResult, exercise)}</p>`);
    }
    parts.push('</li>');
  });
  for (const exercise of catalogue.exercises) {
    if (covered.has(exercise.id)) continue;
    const exerciseResult = results.get(exercise.id);
    parts.push(`<li data-exercise="${escapeHtml(exercise.id)}" data-status="${exerciseResult?.status ?? 'ungraded'}">`);
    parts.push(`<p><strong>${escapeHtml(exercise.title)}</strong> (its lesson is not written yet)</p>`);
    parts.push(`<p class="exercise-line"><span>Exercise <code>${escapeHtml(exercise.id)}</code></span> ${statusBadge(exerciseResult)} ${scoreText(exerciseResult, exercise)}</p>`);
    parts.push('</li>');
  }
  parts.push('</ol>\n</section>');
  return page({ title: SITE_TITLE, body: parts.join('\n'), description: 'Lessons and progress of the iteration workbook' });
}

/** Writes the site; resolves with what it wrote. */
export async function buildSite(options: BuildSiteOptions): Promise<BuiltSite> {
  const outDir = path.resolve(options.outDir);
  const settings = {
    outDir,
    lessonsDir: path.resolve(options.lessonsDir ?? paths.lessons),
    catalogueFile: path.resolve(options.catalogueFile ?? paths.catalogue),
    exercisesDir: path.resolve(options.exercisesDir ?? paths.exercises),
  };
  const result = options.result ? assertSchema<ResultDocument>('result', options.result, 'the grading result') : undefined;
  const catalogue = loadCatalogue(settings.catalogueFile);
  const lessons = loadLessons(settings.lessonsDir);
  const results = new Map((result?.exercises ?? []).map((e) => [e.id, e]));

  fs.mkdirSync(outDir, { recursive: true });
  const files: string[] = [];
  const write = (name: string, content: string): void => {
    const file = path.join(outDir, name);
    fs.writeFileSync(file, content);
    files.push(file);
  };
  write('style.css', STYLE);
  write('index.html', indexPage(lessons, catalogue, results, result));
  lessons.forEach((lesson, index) => write(lessonPageName(lesson), lessonPage(lesson, index, lessons, catalogue, results, settings)));
  return { outDir, index: path.join(outDir, 'index.html'), files };
}
