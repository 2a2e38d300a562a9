// The project's own tests (npm test). The hidden suites under grader/suites are not run here
// directly: test/grading.test.ts grades solutions, stubs and variants through the real grader.
module.exports = {
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  testEnvironment: 'node',
  transform: { '^.+\\.ts$': ['@swc/jest', {}] },
  testTimeout: 120000,
  // Grading spawns its own child processes; two jest workers keep both cores busy.
  maxWorkers: 2,
};
