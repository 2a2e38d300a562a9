/**
 * The static lesson site (src/site/build.ts), driven in Debian's Chromium through playwright-core:
 * built into a temporary folder with a fixed grading result, opened from file:// with no server.
 *
 * Two sites are built: the real one (lessons/) and one from test/fixtures/lessons/good, whose
 * content is known (every kind of code block, both admonitions, links between lessons).
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { loadCatalogue, type Catalogue } from '../src/core/catalogue';
import { loadLessons, type Lesson } from '../src/core/lessons/load';
import { paths } from '../src/core/paths';
import type { ExerciseResult, ResultDocument } from '../src/core/result';
import { buildSite } from '../src/site/build';

const CHROMIUM = '/usr/bin/chromium';
const LAUNCH_ARGS = ['--no-sandbox', '--disable-background-networking', '--disable-gpu', '--disable-component-update', '--no-first-run', '--disable-sync'];
const goodLessons = path.join(__dirname, 'fixtures', 'lessons', 'good');

/** What a learner reads for each status: pinned here on purpose, independently of the builder. */
const STATUS_TEXT: Record<string, string> = {
  passed: 'Passed',
  partial: 'Partly passing',
  failed: 'Failing',
  error: 'Error',
  missing: 'File missing',
  'not-started': 'Not started',
};

/** Every exercise of the catalogue, each status used, a fractional score, a failing test with a message. */
function fixedResult(catalogue: Catalogue): ResultDocument {
  const statuses = ['passed', 'partial', 'failed', 'error', 'missing', 'not-started'] as const;
  const exercises: ExerciseResult[] = catalogue.exercises.map((exercise, index) => {
    const status = statuses[index % statuses.length]!;
    const score = status === 'passed' ? exercise.points : status === 'partial' ? Math.round((exercise.points * 2 / 3) * 100) / 100 : 0;
    return {
      id: exercise.id,
      title: exercise.title,
      status,
      score,
      maxScore: exercise.points,
      ...(status === 'error' ? { message: 'data.ts does not compile: line 3: Cannot find name \'nxt\'.' } : {}),
      file: `${exercise.id}/${exercise.file}`,
      diagnostics: [],
      tests:
        status === 'partial'
          ? [
              { name: 'yields the values in order', status: 'passed', score, maxScore: score, durationMs: 4 },
              { name: 'an exhausted iterator stays exhausted', status: 'failed', score: 0, maxScore: exercise.points - score, durationMs: 3, message: 'next() after the end: expected { done: true, value: undefined }, got { done: false, value: 1 }' },
            ]
          : [],
    };
  });
  const score = exercises.reduce((sum, e) => sum + e.score, 0);
  const maxScore = exercises.reduce((sum, e) => sum + e.maxScore, 0);
  return { schemaVersion: 1, submission: 'exercises', score, maxScore, durationMs: 4321, exercises };
}

interface Visit {
  url: string;
  links: string[];
  ids: string[];
  problems: string[];
}

interface BuiltForTest {
  dir: string;
  lessons: Lesson[];
  visits: Map<string, Visit>;
}

const catalogue = loadCatalogue();
const result = fixedResult(catalogue);
let browser: Browser;
const sites: Record<'real' | 'fixture', BuiltForTest> = {
  real: { dir: '', lessons: [], visits: new Map() },
  fixture: { dir: '', lessons: [], visits: new Map() },
};

/** Opens every page reachable from index.html, recording console errors, failed requests, links and ids. */
async function crawl(site: BuiltForTest): Promise<void> {
  const page = await browser.newPage();
  try {
    const queue = [pathToFileURL(path.join(site.dir, 'index.html')).href];
    while (queue.length > 0) {
      const url = queue.shift()!;
      if (site.visits.has(url)) continue;
      const problems: string[] = [];
      const onConsole = (message: { type(): string; text(): string }): void => {
        if (message.type() === 'error' || message.type() === 'warning') problems.push(`console ${message.type()}: ${message.text()}`);
      };
      const onPageError = (error: Error): void => {
        problems.push(`page error: ${error.message}`);
      };
      const onFailed = (request: { url(): string; failure(): { errorText: string } | null }): void => {
        problems.push(`request failed: ${request.url()} (${request.failure()?.errorText})`);
      };
      page.on('console', onConsole);
      page.on('pageerror', onPageError);
      page.on('requestfailed', onFailed);
      const response = await page.goto(url, { waitUntil: 'load' });
      if (!response) problems.push('no response');
      const { links, ids } = await page.evaluate(() => ({
        links: Array.from(document.querySelectorAll('a[href]'), (a) => (a as HTMLAnchorElement).href),
        ids: Array.from(document.querySelectorAll('[id]'), (e) => e.id),
      }));
      page.off('console', onConsole);
      page.off('pageerror', onPageError);
      page.off('requestfailed', onFailed);
      site.visits.set(url, { url, links, ids, problems });
      for (const link of links) {
        const bare = link.split('#')[0]!;
        if (bare.startsWith('file:') && bare.endsWith('.html') && fileURLToPath(bare).startsWith(site.dir) && !site.visits.has(bare)) queue.push(bare);
      }
    }
  } finally {
    await page.close();
  }
}

function pageUrl(site: BuiltForTest, name: string): string {
  return pathToFileURL(path.join(site.dir, name)).href;
}

async function open(site: BuiltForTest, name: string, options: { width?: number; height?: number } = {}): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: options.width ?? 1280, height: options.height ?? 900 } });
  await page.goto(pageUrl(site, name));
  return page;
}

beforeAll(async () => {
  for (const [name, lessonsDir] of [['real', paths.lessons], ['fixture', goodLessons]] as const) {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), `site-${name}-`));
    await buildSite({ outDir: dir, result, lessonsDir });
    sites[name] = { dir, lessons: loadLessons(lessonsDir), visits: new Map() };
  }
  browser = await chromium.launch({ executablePath: CHROMIUM, args: LAUNCH_ARGS });
  await crawl(sites.real);
  await crawl(sites.fixture);
}, 300_000);

afterAll(async () => {
  await browser?.close();
  for (const site of Object.values(sites)) if (site.dir) fs.rmSync(site.dir, { recursive: true, force: true });
});

describe.each(['real', 'fixture'] as const)('the %s site', (which) => {
  const site = (): BuiltForTest => sites[which];

  test('has a page per lesson, each reachable from index.html', () => {
    const expected = ['index.html', ...site().lessons.map((l) => `${l.meta.id}.html`)].map((name) => pageUrl(site(), name)).sort();
    expect(site().lessons.length).toBeGreaterThan(0);
    expect([...site().visits.keys()].sort()).toEqual(expected);
  });

  test('every page loads from file:// without console errors or failed requests', () => {
    const problems = [...site().visits.values()].flatMap((visit) => visit.problems.map((p) => `${path.basename(visit.url)}: ${p}`));
    expect(problems).toEqual([]);
  });

  test('every internal link resolves to an existing page, file or anchor', () => {
    const broken: string[] = [];
    const idsOf = new Map([...site().visits.values()].map((v) => [v.url, new Set(v.ids)]));
    for (const visit of site().visits.values()) {
      for (const link of visit.links) {
        if (!link.startsWith('file:')) continue;
        const [bare, fragment] = link.split('#') as [string, string | undefined];
        const from = path.basename(visit.url);
        const file = fileURLToPath(bare);
        if (!fs.existsSync(file)) {
          broken.push(`${from}: ${link} (no such file)`);
          continue;
        }
        if (fragment === undefined || fragment === '') continue;
        const ids = idsOf.get(bare);
        if (!ids) broken.push(`${from}: ${link} (an anchor into a file that is not a page of the site)`);
        else if (!ids.has(decodeURIComponent(fragment))) broken.push(`${from}: ${link} (no element with id "${fragment}")`);
      }
    }
    expect(broken).toEqual([]);
  });

  test('code is highlighted at build time: every TypeScript and Python block has highlight.js spans', async () => {
    const unhighlighted: string[] = [];
    let blocks = 0;
    for (const lesson of site().lessons) {
      const page = await open(site(), `${lesson.meta.id}.html`);
      const counts = await page.evaluate(() =>
        Array.from(document.querySelectorAll('pre code.language-typescript, pre code.language-python'), (code) => ({
          spans: code.querySelectorAll('span[class^="hljs-"]').length,
          start: (code.textContent ?? '').slice(0, 40),
        })),
      );
      await page.close();
      blocks += counts.length;
      for (const count of counts) if (count.spans === 0) unhighlighted.push(`${lesson.meta.id}: ${JSON.stringify(count.start)}`);
    }
    expect(blocks).toBeGreaterThan(0);
    expect(unhighlighted).toEqual([]);
  }, 120_000);

  test('the index shows each exercise\'s status and score from the grading result', async () => {
    const page = await open(site(), 'index.html');
    const shown = await page.evaluate(() =>
      Array.from(document.querySelectorAll('li[data-exercise]'), (li) => ({
        id: li.getAttribute('data-exercise'),
        status: li.querySelector('.status')?.textContent?.trim(),
        score: li.querySelector('.score')?.textContent?.trim(),
      })),
    );
    const totals = await page.evaluate(() => ({
      score: document.querySelector('#total-score')?.textContent?.trim(),
      passed: document.querySelector('#total-passed')?.textContent?.trim(),
    }));
    await page.close();
    const expected = result.exercises.map((e) => ({ id: e.id, status: STATUS_TEXT[e.status], score: `${Math.round(e.score * 100) / 100} / ${e.maxScore}` }));
    // Each exercise is listed (once per lesson that ends with it, or once when its lesson is missing).
    for (const want of expected) expect(shown.filter((s) => s.id === want.id)).toEqual(expect.arrayContaining([want]));
    expect(shown.every((s) => expected.some((e) => e.id === s.id && e.status === s.status && e.score === s.score))).toBe(true);
    const passed = result.exercises.filter((e) => e.status === 'passed').length;
    expect(totals).toEqual({ score: `${Math.round(result.score * 100) / 100} / ${result.maxScore}`, passed: `${passed} of ${catalogue.exercises.length}` });
  });

  test('each lesson with an exercise shows its status and score, links its file and folds its hints', async () => {
    for (const lesson of site().lessons.filter((l) => l.meta.exercise)) {
      const exercise = catalogue.exercises.find((e) => e.id === lesson.meta.exercise)!;
      const graded = result.exercises.find((e) => e.id === exercise.id)!;
      const page = await open(site(), `${lesson.meta.id}.html`);
      const section = page.locator(`section.exercise[data-exercise="${exercise.id}"]`);
      expect(await section.locator('.exercise-line .status').textContent()).toBe(STATUS_TEXT[graded.status]);
      expect(await section.locator('.exercise-line .score').textContent()).toBe(`${Math.round(graded.score * 100) / 100} / ${graded.maxScore}`);
      const fileUrl = await section.locator('a.exercise-file').evaluate((a) => (a as HTMLAnchorElement).href);
      expect(fileURLToPath(fileUrl)).toBe(path.join(paths.exercises, exercise.id, exercise.file));
      const hints = section.locator('details.hint');
      expect(await hints.count()).toBe(exercise.hints.length);
      for (let i = 0; i < exercise.hints.length; i++) {
        const hint = hints.nth(i);
        expect(await hint.evaluate((d) => (d as HTMLDetailsElement).open)).toBe(false);
        expect(await hint.locator('summary').textContent()).toBe(`Hint ${i + 1} of ${exercise.hints.length}`);
        await hint.locator('summary').click();
        // Hints are plain text, shown exactly as the catalogue has them (not read as Markdown).
        expect(await hint.locator('p').innerText()).toBe(exercise.hints[i]);
      }
      await page.close();
    }
  }, 120_000);

  test('each lesson page links to the next lesson (the last one back to the contents)', async () => {
    const lessons = site().lessons;
    for (let i = 0; i < lessons.length; i++) {
      const page = await open(site(), `${lessons[i]!.meta.id}.html`);
      const next = await page.locator('.pager a.next').evaluate((a) => ({ href: (a as HTMLAnchorElement).href, text: a.textContent }));
      await page.close();
      const target = lessons[i + 1];
      expect(next.href).toBe(pageUrl(site(), target ? `${target.meta.id}.html` : 'index.html'));
      if (target) expect(next.text).toContain(target.meta.title);
    }
  }, 120_000);

  test('pages are accessible: a language, a title, one h1, headings that never skip a level, alt text on images', async () => {
    const problems: string[] = [];
    for (const url of site().visits.keys()) {
      const page = await browser.newPage();
      await page.goto(url);
      const found = await page.evaluate(() => {
        const issues: string[] = [];
        if (!document.documentElement.lang) issues.push('no lang');
        if (!document.title.trim()) issues.push('no title');
        const levels = Array.from(document.querySelectorAll('h1, h2, h3, h4, h5, h6'), (h) => Number(h.tagName[1]));
        if (levels.filter((l) => l === 1).length !== 1) issues.push(`${levels.filter((l) => l === 1).length} h1 elements`);
        if (levels[0] !== 1) issues.push(`the first heading is h${levels[0]}`);
        levels.forEach((level, i) => {
          if (i > 0 && level > levels[i - 1]! + 1) issues.push(`h${levels[i - 1]} followed by h${level}`);
        });
        for (const img of Array.from(document.images)) if (!img.getAttribute('alt')) issues.push(`image without alt: ${img.src}`);
        if (!document.querySelector('meta[name="viewport"]')) issues.push('no viewport meta');
        return issues;
      });
      await page.close();
      problems.push(...found.map((f) => `${path.basename(url)}: ${f}`));
    }
    expect(problems).toEqual([]);
  }, 120_000);

  test('text has enough contrast (4.5:1), code tokens and badges included', async () => {
    const problems: string[] = [];
    for (const url of site().visits.keys()) {
      const page = await browser.newPage();
      await page.goto(url);
      // Open the folded parts, so their text is measured too.
      await page.evaluate(() => document.querySelectorAll('details').forEach((d) => ((d as HTMLDetailsElement).open = true)));
      const low = await page.evaluate(() => {
        const parse = (color: string): [number, number, number, number] => {
          const parts = /rgba?\(([^)]+)\)/.exec(color)?.[1]?.split(/[\s,/]+/).filter(Boolean).map(Number) ?? [0, 0, 0, 0];
          return [parts[0]!, parts[1]!, parts[2]!, parts[3] ?? 1];
        };
        const luminance = ([r, g, b]: number[]): number => {
          const f = (v: number): number => {
            const s = v / 255;
            return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
          };
          return 0.2126 * f(r!) + 0.7152 * f(g!) + 0.0722 * f(b!);
        };
        const background = (element: Element | null): [number, number, number, number] => {
          for (let e = element; e; e = e.parentElement) {
            const color = parse(getComputedStyle(e).backgroundColor);
            if (color[3] > 0) return color;
          }
          return [255, 255, 255, 1];
        };
        const issues: string[] = [];
        for (const element of Array.from(document.body.querySelectorAll('*'))) {
          const hasText = Array.from(element.childNodes).some((n) => n.nodeType === Node.TEXT_NODE && (n.textContent ?? '').trim());
          if (!hasText || element.getClientRects().length === 0) continue;
          const style = getComputedStyle(element);
          if (style.visibility === 'hidden') continue;
          const fore = luminance(parse(style.color));
          const back = luminance(background(element));
          const ratio = (Math.max(fore, back) + 0.05) / (Math.min(fore, back) + 0.05);
          if (ratio < 4.5) issues.push(`${element.tagName.toLowerCase()}.${element.className} "${(element.textContent ?? '').trim().slice(0, 30)}": ${ratio.toFixed(2)}:1 (${style.color} on ${getComputedStyle(element).backgroundColor})`);
        }
        return issues;
      });
      await page.close();
      problems.push(...low.map((l) => `${path.basename(url)}: ${l}`));
    }
    expect(problems).toEqual([]);
  }, 180_000);

  test('readable on a phone: no page scrolls sideways at 360 px (long code scrolls inside its block)', async () => {
    const wide: string[] = [];
    for (const url of site().visits.keys()) {
      const page = await browser.newPage({ viewport: { width: 360, height: 740 } });
      await page.goto(url);
      const { scrollWidth, width } = await page.evaluate(() => ({ scrollWidth: document.documentElement.scrollWidth, width: window.innerWidth }));
      await page.close();
      if (scrollWidth > width) wide.push(`${path.basename(url)}: ${scrollWidth}px wide in a ${width}px screen`);
    }
    expect(wide).toEqual([]);
  }, 120_000);
});

describe('the fixture site in detail', () => {
  test('admonitions are labelled "Pitfall" and "In Python", code blocks say what they are', async () => {
    const page = await open(sites.fixture, '00-protocols.html');
    const seen = await page.evaluate(() => ({
      admonitions: Array.from(document.querySelectorAll('.admonition'), (a) => ({ kind: a.className, role: a.getAttribute('role'), title: a.querySelector('.admonition-title')?.textContent })),
      captions: Array.from(document.querySelectorAll('figure.code figcaption'), (c) => c.textContent),
      toc: Array.from(document.querySelectorAll('nav.toc a'), (a) => a.textContent),
    }));
    await page.close();
    expect(seen.admonitions).toEqual([
      { kind: 'admonition admonition-python', role: 'note', title: 'In Python' },
      { kind: 'admonition admonition-pitfall', role: 'note', title: 'Pitfall' },
    ]);
    expect(seen.captions).toEqual([
      'TypeScript', 'Output', 'Python', 'Output',
      'Python: ends with an uncaught error', 'TypeScript: ends with an uncaught error', 'Output',
      'TypeScript: does not compile', 'TypeScript (excerpt)', 'TypeScript', 'Output',
    ]);
    expect(seen.toc).toEqual(['What a for loop does', 'When the values run out']);
  });

  test('a link to another lesson\'s heading becomes a link to its page and anchor', async () => {
    const page = await open(sites.fixture, '00-protocols.html');
    const href = await page.locator('.lesson-body a', { hasText: 'the Data iterator' }).evaluate((a) => (a as HTMLAnchorElement).href);
    await page.close();
    expect(href).toBe(`${pageUrl(sites.fixture, '01-data-iterator.html')}#the-data-class`);
  });

  test('print: navigation and the table of contents are hidden, code wraps instead of being cut off', async () => {
    const page = await open(sites.fixture, '01-data-iterator.html');
    await page.emulateMedia({ media: 'print' });
    const printed = await page.evaluate(() => ({
      header: getComputedStyle(document.querySelector('.site-header')!).display,
      toc: getComputedStyle(document.querySelector('.toc')!).display,
      pager: getComputedStyle(document.querySelector('.pager')!).display,
      pre: getComputedStyle(document.querySelector('pre')!).whiteSpace,
    }));
    const pdf = await page.pdf({ format: 'A4' });
    await page.close();
    expect(printed).toEqual({ header: 'none', toc: 'none', pager: 'none', pre: 'pre-wrap' });
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
  });

  test('the failing test of a partly passing exercise is listed with its message', async () => {
    const lesson = sites.fixture.lessons.find((l) => l.meta.exercise === '01-data-iterator')!;
    const graded = result.exercises.find((e) => e.id === '01-data-iterator')!;
    const page = await open(sites.fixture, `${lesson.meta.id}.html`);
    const tests = await page.locator('details.test-list li').allInnerTexts();
    await page.close();
    expect(tests.length).toBe(graded.tests.length);
    for (const [i, t] of graded.tests.entries()) {
      expect(tests[i]).toContain(t.name);
      if (t.message) expect(tests[i]).toContain(t.message);
    }
  });
});

describe('building without a grading result, or with a broken one', () => {
  test('without a result every exercise reads "Not graded yet"', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'site-ungraded-'));
    try {
      await buildSite({ outDir: dir, lessonsDir: goodLessons });
      const html = fs.readFileSync(path.join(dir, 'index.html'), 'utf8');
      const statuses = [...html.matchAll(/<span class="status status-(\w[\w-]*)">([^<]*)<\/span>/g)].map((m) => `${m[1]}:${m[2]}`);
      expect(statuses.length).toBe(catalogue.exercises.length);
      expect(new Set(statuses)).toEqual(new Set(['ungraded:Not graded yet']));
      expect(html).toContain('id="not-graded"');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  test('a result that does not match schemas/result.schema.json is refused with the field named', async () => {
    const broken = { ...result, exercises: [{ ...result.exercises[0]!, status: 'done' }] } as unknown as ResultDocument;
    await expect(buildSite({ outDir: path.join(os.tmpdir(), 'never-written'), result: broken })).rejects.toThrow(/the grading result: \/exercises\/0\/status must be equal to one of the allowed values/);
  });
});
