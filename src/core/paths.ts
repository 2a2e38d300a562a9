import * as path from 'node:path';

/** The project's root: dist/core/paths.js and src/core/paths.ts both sit two levels below it. */
export const projectRoot = path.resolve(__dirname, '..', '..');

export const paths = {
  catalogue: path.join(projectRoot, 'catalogue.json'),
  schemas: path.join(projectRoot, 'schemas'),
  exercises: path.join(projectRoot, 'exercises'),
  solutions: path.join(projectRoot, 'solutions'),
  lessons: path.join(projectRoot, 'lessons'),
  suites: path.join(projectRoot, 'grader', 'suites'),
  harness: path.join(projectRoot, 'grader', 'harness'),
  nodeModules: path.join(projectRoot, 'node_modules'),
};
