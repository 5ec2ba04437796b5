'use strict';
// One `npm test` runs: unit tests (no Strapi), integration tests on SQLite, the same integration tests on
// PostgreSQL, and the PostgreSQL-only concurrency tests. PostgreSQL is used when reachable
// (TEST_PG_URL, default postgres://postgres@127.0.0.1:5432/test); under CI=true an unreachable
// PostgreSQL fails the run instead of skipping those suites.
const { Client } = require('pg');

const PG_URL = process.env.TEST_PG_URL || 'postgres://postgres@127.0.0.1:5432/test';

async function postgresReachable() {
  const client = new Client({ connectionString: PG_URL, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    await client.query('select 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => {});
  }
}

const transform = {
  '^.+\\.tsx?$': ['ts-jest', { tsconfig: '<rootDir>/tests/tsconfig.json', diagnostics: false }],
};

const project = (displayName, testMatch, extra = {}) => ({
  displayName,
  testMatch,
  transform,
  testEnvironment: 'node',
  moduleFileExtensions: ['ts', 'tsx', 'js', 'json'],
  ...extra,
});

module.exports = async () => {
  const ci = ['true', '1'].includes(String(process.env.CI).toLowerCase());
  const pg = process.env.SKIP_POSTGRES === '1' && !ci ? false : await postgresReachable();
  if (!pg && ci) throw new Error(`CI=true but PostgreSQL is not reachable at ${PG_URL}: the PostgreSQL suites must run`);
  if (!pg) console.warn(`\n[usage-billing] PostgreSQL not reachable at ${PG_URL}: PostgreSQL suites skipped (they run under CI=true)\n`);

  const integration = ['<rootDir>/tests/integration/**/*.test.[jt]s'];
  const projects = [
    project('unit', ['<rootDir>/tests/unit/**/*.test.[jt]s']),
    project('sqlite', integration, { setupFiles: ['<rootDir>/tests/setup/sqlite.ts'] }),
  ];
  if (pg) {
    projects.push(project('postgres', integration, { setupFiles: ['<rootDir>/tests/setup/postgres.ts'] }));
    projects.push(project('concurrency', ['<rootDir>/tests/concurrency/**/*.test.[jt]s'], { setupFiles: ['<rootDir>/tests/setup/postgres.ts'] }));
  }
  return { projects, maxWorkers: 2, testTimeout: 60000 };
};
