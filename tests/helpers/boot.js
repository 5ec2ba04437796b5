// @ts-check
'use strict';
// Boots the playground app with the plugin for one test file, on SQLite (a fresh temp file) or on
// PostgreSQL (a fresh database), chosen by TEST_DB. Returns the Strapi instance and helpers.
//
// Plain JavaScript, type-checked through JSDoc (tests/tsconfig.json): besides jest, plain Node loads this
// file — the Strapi child processes of server-process.js and bench/metering.js — and Node runs no
// TypeScript. Strapi itself loads the plugin's shipped build (dist/server, through the package's
// `strapi-server` export): the integration tests exercise what the package ships.
const fs = require('fs');
const os = require('os');
const path = require('path');
const crypto = require('crypto');
const { Client } = require('pg');

/** @typedef {import('@strapi/strapi').Core.Strapi} Strapi */
/** @typedef {import('http').Server} HttpServer */
/** @typedef {'sqlite' | 'postgres'} DbKind */
/** @typedef {Record<string, string>} DbEnv */
/**
 * One test file's database: the env vars the playground's config/database.js reads, and how to drop it.
 * @typedef {object} PreparedDatabase
 * @property {DbEnv} env
 * @property {() => Promise<void>} cleanup
 * @property {string} name  PostgreSQL database name, or the SQLite file
 * @property {string} [url]  PostgreSQL only
 */
/**
 * What bootForTests() hands a test file. Its getters throw until the file's beforeAll has booted Strapi.
 * @typedef {object} TestContext
 * @property {DbKind} kind
 * @property {Strapi} strapi
 * @property {HttpServer} server  the instance's HTTP server (not listening: supertest binds it)
 * @property {PreparedDatabase} db
 */

const PLAYGROUND = path.resolve(__dirname, '..', '..', 'playground');

const SECRETS = {
  APP_KEYS: 'test-key-a,test-key-b',
  API_TOKEN_SALT: 'test-api-token-salt',
  ADMIN_JWT_SECRET: 'test-admin-jwt-secret',
  TRANSFER_TOKEN_SALT: 'test-transfer-token-salt',
  JWT_SECRET: 'test-jwt-secret',
  ENCRYPTION_KEY: 'test-encryption-key',
};

const pgAdminUrl = () => process.env.TEST_PG_URL || 'postgres://postgres@127.0.0.1:5432/test';

/**
 * @template T
 * @param {(client: import('pg').Client) => Promise<T>} fn
 * @returns {Promise<T>}
 */
async function withPgAdmin(fn) {
  const client = new Client({ connectionString: pgAdminUrl() });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/**
 * Creates an empty PostgreSQL database and returns its name and URL.
 * @returns {Promise<{ name: string, url: string }>}
 */
async function createPgDatabase(prefix = 'ub_test') {
  const name = `${prefix}_${process.pid}_${crypto.randomBytes(4).toString('hex')}`;
  await withPgAdmin((c) => c.query(`CREATE DATABASE "${name}"`));
  const url = new URL(pgAdminUrl());
  url.pathname = `/${name}`;
  return { name, url: url.toString() };
}

/** @param {string} name */
async function dropPgDatabase(name) {
  await withPgAdmin((c) => c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`));
}

/**
 * Database settings for one test file: env vars the playground's config/database.js reads.
 * @param {string} dbKind  'postgres', anything else is SQLite
 * @returns {Promise<PreparedDatabase>}
 */
async function prepareDatabase(dbKind) {
  if (dbKind === 'postgres') {
    const db = await createPgDatabase();
    return {
      env: { DATABASE_CLIENT: 'postgres', DATABASE_URL: db.url },
      cleanup: () => dropPgDatabase(db.name),
      name: db.name,
      url: db.url,
    };
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ub-sqlite-'));
  return {
    env: { DATABASE_CLIENT: 'sqlite', DATABASE_FILENAME: path.join(dir, 'data.db') },
    cleanup: async () => fs.rmSync(dir, { recursive: true, force: true }),
    name: path.join(dir, 'data.db'),
  };
}

/**
 * A copy of the playground laid out like a default Strapi project: config/plugins.js declares only
 * usage-billing (as the README's install steps say) and users-permissions is merely installed (a
 * package.json dependency). Strapi bootstraps declared plugins before installed ones, so here usage-billing
 * bootstraps before users-permissions has created its roles — unlike the shared playground, which
 * declares users-permissions first. Returns the app directory and a cleanup function.
 * @returns {{ appDir: string, cleanup: () => void }}
 */
function installedAppCopy() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ub-app-'));
  for (const entry of ['config', 'src', 'public', 'package.json', 'favicon.png']) {
    fs.cpSync(path.join(PLAYGROUND, entry), path.join(dir, entry), { recursive: true });
  }
  fs.writeFileSync(
    path.join(dir, 'config', 'plugins.js'),
    `module.exports = { 'usage-billing': { enabled: true, resolve: ${JSON.stringify(path.resolve(PLAYGROUND, '..'))} } };\n`,
  );
  return { appDir: dir, cleanup: () => fs.rmSync(dir, { recursive: true, force: true }) };
}

/**
 * Loads the app (the playground by default) on the database of `dbEnv`; its HTTP server is mounted, not
 * listening.
 * @param {{ dbEnv?: DbEnv, quiet?: boolean, appDir?: string }} [options]
 * @returns {Promise<Strapi>}
 */
async function startStrapi({ dbEnv, quiet = true, appDir = PLAYGROUND } = {}) {
  Object.assign(process.env, SECRETS, dbEnv, {
    STRAPI_TELEMETRY_DISABLED: 'true',
    NODE_ENV: process.env.NODE_ENV || 'test',
  });
  if (quiet) process.env.STRAPI_LOG_LEVEL = process.env.STRAPI_LOG_LEVEL || 'error';
  const { createStrapi } = require('@strapi/strapi');
  const app = createStrapi({ appDir, distDir: appDir, autoReload: false, serveAdminPanel: false });
  if (quiet) app.log.level = 'error';
  await app.load();
  await app.server.mount();
  return app;
}

/**
 * Boot for a jest test file: `const ctx = bootForTests();` then use ctx.strapi / ctx.server in tests.
 * Registers beforeAll/afterAll itself.
 * @returns {TestContext}
 */
function bootForTests({ timeout = 120000 } = {}) {
  /** @type {DbKind} */
  const kind = process.env.TEST_DB === 'postgres' ? 'postgres' : 'sqlite';
  /** @type {Strapi | null} */
  let strapi = null;
  /** @type {PreparedDatabase | null} */
  let db = null;
  /** @param {string} what @returns {never} */
  const notBooted = (what) => {
    throw new Error(`${what} is only available in tests and hooks that run after bootForTests()' beforeAll`);
  };
  beforeAll(async () => {
    db = await prepareDatabase(kind);
    strapi = await startStrapi({ dbEnv: db.env });
  }, timeout);
  afterAll(async () => {
    if (strapi) await strapi.destroy();
    if (db) await db.cleanup();
  }, timeout);
  return {
    kind,
    get strapi() {
      return strapi ?? notBooted('ctx.strapi');
    },
    get server() {
      return (strapi ?? notBooted('ctx.server')).server.httpServer;
    },
    get db() {
      return db ?? notBooted('ctx.db');
    },
  };
}

module.exports = { bootForTests, startStrapi, installedAppCopy, prepareDatabase, createPgDatabase, dropPgDatabase, withPgAdmin, SECRETS, PLAYGROUND };
