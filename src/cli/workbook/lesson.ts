/**
 * `workbook lesson ID`: the lesson in the terminal. It reads lessons/<id>.md through the
 * catalogue's `lesson` field and renders it whatever its front matter says (the lesson checker,
 * not the learner, deals with a front matter slip), with the lessons' own markdown-it setup.
 * On a terminal a lesson longer than the screen goes through a pager (less), as `git log` does.
 */
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as yaml from 'js-yaml';
import type { Exercise } from '../../core/catalogue';
import { UsageError } from '../../core/errors';
import { paths, projectRoot } from '../../core/paths';
import { command, exercise as findExercise, getContext, learnerFile, shown, type Context } from './context';
import { renderMarkdown } from './terminal-markdown';

interface LessonSource {
  file: string;
  /** The catalogue path (lessons/01-data-iterator.md). */
  name: string;
  exercise?: Exercise;
}

/** The lesson of an exercise, or a lesson without one (00-…) by its number or name. */
function findLesson(ctx: Context, wanted: string): LessonSource {
  try {
    const e = findExercise(ctx, wanted);
    return { file: path.join(projectRoot, e.lesson), name: e.lesson, exercise: e };
  } catch (error) {
    const w = wanted.trim().toLowerCase();
    let names: string[] = [];
    try {
      names = fs.readdirSync(paths.lessons).filter((n) => n.endsWith('.md'));
    } catch {
      /* no lessons folder */
    }
    const match = names.find((n) => {
      const stem = n.slice(0, -3);
      const [num, ...rest] = stem.split('-');
      return stem === w || rest.join('-') === w || (/^\d+$/.test(w) && Number(w) === Number(num));
    });
    if (match) return { file: path.join(paths.lessons, match), name: `lessons/${match}` };
    throw error;
  }
}

export function lessonLines(ctx: Context, wanted: string, width: number): string[] {
  const lesson = findLesson(ctx, wanted);
  let source: string;
  try {
    source = fs.readFileSync(lesson.file, 'utf8');
  } catch {
    throw new UsageError(`the lesson ${lesson.name} is not written yet${lesson.exercise ? `; the exercise is already there: ${shown(learnerFile(ctx, lesson.exercise))}` : ''}`);
  }
  const { p } = ctx;
  const lines = renderMarkdown(source, { p, colour: ctx.colour, width });
  const hasTitle = /^#\s/m.test(source.replace(/^---\n[\s\S]*?\n---\n/, ''));
  if (!hasTitle) {
    const front = /^---\r?\n([\s\S]*?)\r?\n---/.exec(source);
    let title: string | undefined;
    try {
      title = front ? (yaml.load(front[1]!, { schema: yaml.CORE_SCHEMA }) as { title?: string })?.title : undefined;
    } catch {
      title = undefined;
    }
    if (title) lines.unshift(p.bold(title), p.dim('═'.repeat(Math.min(title.length, width))), '');
  }
  if (lesson.exercise) {
    const e = lesson.exercise;
    lines.push('', p.dim('─'.repeat(Math.min(40, width))));
    lines.push(`${p.bold('Your exercise:')} ${shown(learnerFile(ctx, e))}`);
    lines.push(`${p.dim('Check it:')} ${p.cyan(command('run', e))}   ${p.dim('Stuck:')} ${p.cyan(command('hint', e))}`);
  }
  return lines;
}

export async function lessonCommand(id: string): Promise<void> {
  const ctx = getContext();
  const tty = Boolean(process.stdout.isTTY);
  const width = tty ? Math.min(process.stdout.columns || 80, 100) : 80;
  const lines = lessonLines(ctx, id, width);
  const text = `${lines.join('\n')}\n`;
  if (tty && lines.length > (process.stdout.rows || 24) - 1 && !process.env.WORKBOOK_NO_PAGER) {
    if (await page(text)) return;
  }
  process.stdout.write(text);
}

/** Shows `text` in less (or $PAGER); false when no pager could start. */
function page(text: string): Promise<boolean> {
  const pager = process.env.PAGER || 'less';
  return new Promise((resolve) => {
    let started = false;
    const child = spawn(pager, pager === 'less' ? ['-R', '-F', '-X'] : [], { stdio: ['pipe', 'inherit', 'inherit'], shell: pager !== 'less' });
    child.on('spawn', () => {
      started = true;
      child.stdin!.on('error', () => {});
      child.stdin!.end(text);
    });
    child.on('error', () => resolve(false));
    child.on('exit', () => resolve(started));
  });
}
