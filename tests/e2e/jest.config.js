'use strict';
// End-to-end tests of the Billing admin page in a real headless Chromium (playwright-core).
//   npx jest -c tests/e2e/jest.config.js            (E2E_SCREENSHOTS=1 also saves screenshots)
// The global setup builds what is missing, boots one seeded Strapi server in a child process and one
// Chromium for the whole run; tests/e2e/README.md explains the rest. Not part of `npm test`.
const path = require('node:path');

module.exports = {
  rootDir: path.resolve(__dirname, '..', '..'),
  displayName: 'e2e',
  testMatch: ['<rootDir>/tests/e2e/cases/**/*.e2e.ts'],
  transform: {
    '^.+\\.tsx?$': ['ts-jest', { tsconfig: '<rootDir>/tests/tsconfig.json', diagnostics: false }],
  },
  moduleFileExtensions: ['ts', 'js', 'json'],
  testEnvironment: 'node',
  globalSetup: '<rootDir>/tests/e2e/global-setup.js',
  globalTeardown: '<rootDir>/tests/e2e/global-teardown.js',
  // One server, one browser: the cases run one file at a time.
  maxWorkers: 1,
  testTimeout: 90000,
  // The global teardown stops the server and Chromium; nothing may keep the run alive after it.
  forceExit: true,
  slowTestThreshold: 30,
  verbose: true,
};
