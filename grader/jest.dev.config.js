// For authors of hidden suites only: runs grader/suites directly against a folder, without the
// grader's process model or verdict rules.
//   SUBMISSION=solutions npx jest -c grader/jest.dev.config.js 01-data-iterator
//   VARIANT=test/variants/01-data-iterator/off-by-one npx jest -c grader/jest.dev.config.js 01-data-iterator
// Real grading goes through `npx grader grade`.
const path = require('node:path');
const root = path.resolve(__dirname, '..');
const mapper = process.env.VARIANT
  ? { '^@submission/[^/]+/(.*)$': `${path.resolve(root, process.env.VARIANT)}/$1` }
  : { '^@submission/(.*)$': `${path.resolve(root, process.env.SUBMISSION || 'solutions')}/$1` };
module.exports = {
  rootDir: __dirname,
  roots: ['<rootDir>/suites'],
  testEnvironment: 'node',
  transform: { '^.+\\.ts$': ['@swc/jest', {}] },
  moduleNameMapper: mapper,
  testTimeout: 2000,
};
