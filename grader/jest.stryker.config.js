// For `npm run mutate` (scripts/mutate.mjs) only: the dev config with @submission/... always
// mapped to the solutions, which Stryker mutates in its sandbox copy of the project (a VARIANT or
// SUBMISSION left in the environment must not send the suites elsewhere).
const path = require('node:path');
const dev = require('./jest.dev.config.js');
module.exports = {
  ...dev,
  moduleNameMapper: { '^@submission/(.*)$': `${path.resolve(__dirname, '..', 'solutions')}/$1` },
};
