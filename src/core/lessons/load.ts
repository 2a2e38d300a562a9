/**
 * Reading lessons: lessons/*.md in name order, each with its front matter (schema:
 * schemas/lesson.schema.json) and its source.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as yaml from 'js-yaml';
import { paths, projectRoot } from '../paths';
import { schemaProblem } from '../schemas';
import { UsageError } from '../errors';
import { parseMarkdown, type Token } from './markdown';

export interface LessonFrontMatter {
  id: string;
  title: string;
  /** The catalogue exercise the lesson ends with; null for a lesson without one (00). */
  exercise: string | null;
  concepts: string[];
}

/** A lesson file as read, before anyone decided whether its front matter is valid. */
export interface LessonFile {
  /** Absolute path. */
  file: string;
  /** The path people see: relative to the project when inside it (lessons/01-data-iterator.md). */
  name: string;
  /** The file name without .md (01-data-iterator). */
  stem: string;
  source: string;
  tokens: Token[];
  /** The front matter's YAML text, or undefined when the file does not start with `---`. */
  frontMatterText: string | undefined;
  /** Whether the front matter has its closing `---`. */
  frontMatterClosed: boolean;
}

export interface Lesson extends LessonFile {
  meta: LessonFrontMatter;
}

/** A problem in one place of one file; printed as `name:line: message`. */
export interface Located {
  line: number;
  message: string;
}

/** A path for people: relative to the project when inside it, with forward slashes. */
export function displayPath(file: string, root = projectRoot): string {
  const relative = path.relative(root, file);
  if (relative && !relative.startsWith('..') && !path.isAbsolute(relative)) return relative.split(path.sep).join('/');
  return file;
}

/** Every lessons/*.md (or `dir`/*.md), sorted by file name. */
export function lessonFiles(dir = paths.lessons): string[] {
  let names: string[];
  try {
    names = fs.readdirSync(dir);
  } catch (error) {
    throw new UsageError(`${displayPath(dir)}: cannot list the lessons (${(error as Error).message.split('\n')[0]})`);
  }
  return names
    .filter((name) => name.endsWith('.md') && fs.statSync(path.join(dir, name)).isFile())
    .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
    .map((name) => path.join(dir, name));
}

export function readLessonFile(file: string): LessonFile {
  let source: string;
  try {
    source = fs.readFileSync(file, 'utf8');
  } catch (error) {
    throw new UsageError(`${displayPath(file)}: cannot read the lesson (${(error as Error).message.split('\n')[0]})`);
  }
  const tokens = parseMarkdown(source);
  const front = tokens[0]?.type === 'front_matter' ? tokens[0] : undefined;
  let closed = false;
  if (front?.map) {
    const lines = source.split(/\r?\n/);
    const last = lines[front.map[1] - 1];
    closed = front.map[1] > 1 && last !== undefined && /^-{3,}\s*$/.test(last);
  }
  return {
    file,
    name: displayPath(file),
    stem: path.basename(file, '.md'),
    source,
    tokens,
    frontMatterText: front ? String(front.meta) : undefined,
    frontMatterClosed: closed,
  };
}

/** The 1-based line of `key:` inside the front matter (which starts on line 2), or 1. */
function keyLine(lesson: LessonFile, key: string): number {
  const lines = (lesson.frontMatterText ?? '').split(/\r?\n/);
  const index = lines.findIndex((line) => line.startsWith(`${key}:`));
  return index < 0 ? 1 : index + 2;
}

/**
 * Reads and validates the front matter. Returns the metadata, or the problems (with lines) that
 * stop it from being read: missing or unclosed front matter, YAML errors, schema problems, an id
 * that is not the file's name.
 */
export function readFrontMatter(lesson: LessonFile): { meta: LessonFrontMatter; problems: [] } | { meta: undefined; problems: Located[] } {
  if (lesson.frontMatterText === undefined) {
    return { meta: undefined, problems: [{ line: 1, message: 'front matter: the lesson must start with front matter (a `---` line, then id, title, exercise and concepts in YAML, then `---`)' }] };
  }
  if (!lesson.frontMatterClosed) {
    return { meta: undefined, problems: [{ line: 1, message: 'front matter: the closing `---` line is missing' }] };
  }
  let data: unknown;
  try {
    data = yaml.load(lesson.frontMatterText, { schema: yaml.CORE_SCHEMA, filename: lesson.name });
  } catch (error) {
    const mark = (error as yaml.YAMLException).mark;
    const line = mark ? mark.line + 2 : 1;
    const reason = (error as yaml.YAMLException).reason ?? (error as Error).message.split('\n')[0];
    return { meta: undefined, problems: [{ line, message: `front matter: not valid YAML (${reason})` }] };
  }
  const problem = schemaProblem('lesson', data);
  if (problem) {
    // schemaProblem says "/exercise must be string" or "(the top level) must have required property 'x'".
    const field = /^\/([^/\s]+)/.exec(problem)?.[1];
    const missing = /required property '([^']+)'/.exec(problem)?.[1];
    const explained = missing
      ? `the field \`${missing}\` is missing (every lesson needs id, title, exercise and concepts)`
      : problem.replace(/^\/([^/\s]+)/, '`$1`').replace(/^\(the top level\)/, 'it');
    return { meta: undefined, problems: [{ line: field ? keyLine(lesson, field) : 1, message: `front matter: ${explained}` }] };
  }
  const meta = data as LessonFrontMatter;
  if (meta.id !== lesson.stem) {
    return { meta: undefined, problems: [{ line: keyLine(lesson, 'id'), message: `front matter: id is "${meta.id}", but the file is ${lesson.stem}.md; the id must be the file's name without .md` }] };
  }
  return { meta, problems: [] };
}

/** One lesson with valid front matter; a UsageError (`file:line: problem`) otherwise. */
export function loadLesson(file: string): Lesson {
  const lesson = readLessonFile(file);
  const { meta, problems } = readFrontMatter(lesson);
  if (!meta) throw new UsageError(`${lesson.name}:${problems[0]!.line}: ${problems[0]!.message}`);
  return { ...lesson, meta };
}

/** Every lesson in order (lessons/*.md sorted by name), with front matter and source. */
export function loadLessons(dir = paths.lessons): Lesson[] {
  return lessonFiles(dir).map(loadLesson);
}

/**
 * The lesson that ends with an exercise: the one the catalogue's `lesson` field names when its
 * front matter agrees, else the first lesson whose front matter names the exercise.
 */
export function lessonForExercise(exercise: { id: string; lesson: string }, lessons: Lesson[] = loadLessons()): Lesson | undefined {
  const named = path.resolve(projectRoot, exercise.lesson);
  return lessons.find((l) => path.resolve(l.file) === named && l.meta.exercise === exercise.id) ?? lessons.find((l) => l.meta.exercise === exercise.id);
}
