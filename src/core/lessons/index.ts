// Lessons: loading (load.ts), checking (check.ts) and rendering to HTML (render.ts).
export * from './load';
export { checkLessons, formatProblem, outputDifference, type CheckOptions, type CheckReport, type Problem } from './check';
export { renderLesson, type RenderedLesson, type TocEntry } from './render';
export { ADMONITIONS, slugify } from './markdown';
