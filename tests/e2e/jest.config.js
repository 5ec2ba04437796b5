'use strict';
// End-to-end tests of the Billing admin page in a real headless Chromium (playwright-core).
//   npx jest -c tests/e2e/jest.config.js            (E2E_SCREENSHOTS=1 also saves screenshots)
// The global setup builds what is missing, boots one seeded Strapi server in a child process and one
// Chromium for the whole run; tests/e2e/README.md explains the rest. Not part of `npm test`.
const path = require('node:path');

const rootDir = path.resolve(__dirname, '..', '..');

const project = (displayName, testMatch, extra = {}) => ({
  rootDir,
  displayName,
  testMatch,
  transform: {
    '^.+\\.tsx?$': ['ts-jest', { tsconfig: '<rootDir>/tests/tsconfig.json', diagnostics: false }],
  },
  moduleFileExtensions: ['ts', 'js', 'json'],
  testEnvironment: 'node',
  slowTestThreshold: 30,
  ...extra,
});

module.exports = {
  rootDir,
  projects: [
    // Every case at 1440 px.
    project('e2e', ['<rootDir>/tests/e2e/cases/**/*.e2e.ts']),
    // Again at 800 px (a small laptop, a tablet): every page rendered with its data and the admin-UX cases
    // (keyboard, errors, dialogs). Not the whole suite: the data cases check the same server logic again,
    // and CI's time is short. support/browser.ts reads the width from this global.
    project('e2e-800', ['<rootDir>/tests/e2e/cases/pages.e2e.ts', '<rootDir>/tests/e2e/cases/admin-ux.e2e.ts'], {
      globals: { E2E_VIEWPORT_WIDTH: 800 },
    }),
  ],
  globalSetup: '<rootDir>/tests/e2e/global-setup.js',
  globalTeardown: '<rootDir>/tests/e2e/global-teardown.js',
  // One server, one browser: the cases run one file at a time.
  maxWorkers: 1,
  testTimeout: 90000,
  // The global teardown stops the server and Chromium; nothing may keep the run alive after it.
  forceExit: true,
  verbose: true,
};
