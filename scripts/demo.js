#!/usr/bin/env node
'use strict';
// `npm run demo`: builds the plugin (server and admin panel), starts the playground Strapi app with it,
// seeds demo data once per database, prints how to log in and call the API, and runs until Ctrl-C.
//
//   npm run demo [-- --force] [-- --no-admin]
//   PORT=1401 HOST=127.0.0.1 npm run demo
//   DATABASE_CLIENT=postgres DATABASE_URL=postgres://user@127.0.0.1:5432/db npm run demo
//
// Re-runs reuse the builds when nothing changed and the seeded data and credentials
// (.demo/credentials.json, git-ignored).

const fs = require('node:fs');
const net = require('node:net');
const path = require('node:path');
const { spawn } = require('node:child_process');
const { ROOT, binOf, PLAYGROUND, DEMO_DIR, CREDENTIALS_FILE, SECRETS_FILE, SERVER_STAMP, SERVER_ENTRY } = require('./lib/paths');
const { ensureAppSecrets } = require('./lib/app-secrets');
const { c, createLog, formatDuration } = require('./lib/console');
const { newestMtime, readJson, writeJson } = require('./lib/fs-utils');

const log = createLog('demo');

const HELP = `Usage: npm run demo [-- options]
  Builds the plugin, starts the playground app on SQLite (or PostgreSQL with DATABASE_CLIENT=postgres
  and DATABASE_URL or DATABASE_HOST/PORT/NAME/USERNAME/PASSWORD), seeds demo data once and prints
  the admin login and an API token. PORT (default 1337) and HOST are honoured.
  --force      rebuild the server and the admin panel even when they are up to date
  --no-admin   do not build or serve the admin panel (API only)
  --help       show this text
`;

const args = process.argv.slice(2);
const options = { force: args.includes('--force'), admin: !args.includes('--no-admin') };
const timings = {};

/** Runs a command with inherited output; resolves with its exit code. */
function run(command, commandArgs, { cwd = ROOT, env = process.env } = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(command, commandArgs, { cwd, env, stdio: 'inherit' });
    child.on('error', reject);
    child.on('exit', (code, signal) => resolve(signal ? 1 : code));
  });
}

// ---------------------------------------------------------------------------------------------------
// 1. Builds

const PLUGIN_INPUTS = ['server/src', 'admin/src', 'contracts', 'package.json', 'package-lock.json'].map((p) => path.join(ROOT, p));

async function buildServer() {
  const stamp = readJson(SERVER_STAMP);
  const newest = newestMtime(PLUGIN_INPUTS);
  if (!options.force && stamp && fs.existsSync(SERVER_ENTRY) && newest.mtimeMs <= stamp.startedAt) {
    log.ok('plugin is up to date (dist/), skipping its build; --force rebuilds it');
    timings.server = 0;
    return;
  }
  const startedAt = Date.now();
  const done = log.step('building the plugin: strapi-plugin build → dist/ (server, admin, rating)');
  const code = await run(process.execPath, [binOf('@strapi/sdk-plugin', 'bin/strapi-plugin.js'), 'build']);
  if (code !== 0) {
    log.error('the plugin did not build (errors above); fix them and run `npm run demo` again');
    process.exit(1);
  }
  writeJson(SERVER_STAMP, { startedAt, finishedAt: Date.now() });
  timings.server = done('plugin built');
}

async function buildAdmin() {
  if (!options.admin) {
    log.info('--no-admin: the admin panel is neither built nor served');
    return;
  }
  const started = Date.now();
  const env = { ...process.env };
  // The admin build needs ~2 GB of heap.
  if (!/max-old-space-size/.test(env.NODE_OPTIONS ?? '')) env.NODE_OPTIONS = `${env.NODE_OPTIONS ?? ''} --max-old-space-size=4096`.trim();
  const code = await run(process.execPath, [path.join(__dirname, 'build-admin.js'), ...(options.force ? ['--force'] : [])], { env });
  if (code !== 0) {
    log.error('the admin panel did not build (see above). `npm run build:admin` retries it alone; `npm run demo -- --no-admin` starts without it');
    process.exit(1);
  }
  timings.admin = Date.now() - started;
}

// ---------------------------------------------------------------------------------------------------
// 2. Start

function describeDatabase() {
  if (process.env.DATABASE_CLIENT === 'postgres') {
    if (process.env.DATABASE_URL) {
      const url = new URL(process.env.DATABASE_URL);
      url.password = url.password ? '***' : '';
      return `PostgreSQL ${url.toString()}`;
    }
    const e = process.env;
    return `PostgreSQL ${e.DATABASE_USERNAME ?? 'postgres'}@${e.DATABASE_HOST ?? '127.0.0.1'}:${e.DATABASE_PORT ?? 5432}/${e.DATABASE_NAME ?? 'usage_billing'}`;
  }
  const file = path.resolve(PLAYGROUND, process.env.DATABASE_FILENAME ?? '.tmp/data.db');
  const shown = path.relative(ROOT, file);
  return `SQLite ${shown.startsWith('..') ? file : shown}`;
}

/** Fails fast, before a slow boot, when the port is taken. */
function assertPortFree(port, host) {
  return new Promise((resolve) => {
    const probe = net.createServer();
    probe.once('error', (error) => {
      if (error.code === 'EADDRINUSE') {
        log.error(`port ${port} is already in use; stop what uses it or pick another one: PORT=1338 npm run demo`);
        process.exit(1);
      }
      resolve(); // other errors (e.g. an unresolvable HOST) are left to Strapi to report
    });
    probe.listen(port, host, () => probe.close(resolve));
  });
}

const publicHost = (host) => (!host || host === '0.0.0.0' || host === '::' ? 'localhost' : host.includes(':') ? `[${host}]` : host);

let app = null;
let stopping = false;
/** Aborted on Ctrl-C: the seed stops between two calls, so the database is closed cleanly. */
const abort = new AbortController();
let seeding = null;

async function shutdown(signal) {
  if (stopping) return;
  stopping = true;
  console.log('');
  log.info(`${signal} received, shutting down`);
  setTimeout(() => {
    log.warn('shutdown is taking too long, exiting');
    process.exit(1);
  }, 15000).unref();
  abort.abort();
  if (seeding) {
    await seeding.catch(() => {});
    log.info('seeding interrupted: the next start resumes it');
  }
  try {
    if (app) await app.destroy();
  } catch (error) {
    log.error(`error while shutting down: ${error?.message ?? error}`);
    process.exit(1);
  }
  process.exit(0);
}

function installSignalHandlers() {
  // createStrapi() installs its own SIGINT/SIGTERM handlers; these replace them (same clean destroy,
  // plus a timeout) and also cover the builds and the seed.
  for (const signal of ['SIGINT', 'SIGTERM']) {
    process.removeAllListeners(signal);
    process.on(signal, () => shutdown(signal));
  }
}

async function startStrapi() {
  process.env.STRAPI_TELEMETRY_DISABLED ??= 'true';
  process.env.NODE_ENV ??= 'development';
  const { createStrapi } = require('@strapi/strapi');
  app = createStrapi({ appDir: PLAYGROUND, distDir: PLAYGROUND, autoReload: false, serveAdminPanel: options.admin });
  installSignalHandlers();
  await app.load();
  return app;
}

// ---------------------------------------------------------------------------------------------------
// 3. Credentials

function quoteRoute(strapi) {
  const routes = strapi.plugin('usage-billing').routes?.['content-api']?.routes ?? [];
  return routes.find((r) => r.method === 'POST' && /\/quote$/.test(r.path)) ?? null;
}

function printCredentials({ strapi, url, adminUrl, creds, seed }) {
  const apiPrefix = strapi.config.get('api.rest.prefix', '/api');
  const quoteUrl = `${url}${apiPrefix}/usage-billing/quote`;
  const body = JSON.stringify({ model: 'claude-sonnet-4-5', usage: { inputTokens: 1200, outputTokens: 350, cacheReadTokens: 4000 } });
  const curl = `curl -s -X POST ${quoteUrl} -H "Authorization: Bearer ${creds.apiToken}" -H "Content-Type: application/json" -d '${body}'`;
  const width = 78;
  const title = ' usage-billing demo is running ';
  const side = Math.floor((width - title.length) / 2);
  const rule = c.green('═'.repeat(width));
  const row = (label, value) => `  ${c.bold(label.padEnd(12))} ${value}`;
  const lines = [
    '',
    c.green(`${'═'.repeat(side)}${c.bold(title)}${'═'.repeat(width - side - title.length)}`),
    row('Admin panel', options.admin ? c.cyan(adminUrl) : c.dim('not served (--no-admin)')),
    row('Email', creds.adminEmail),
    row('Password', creds.adminPassword),
    row('API token', creds.apiToken),
    row('Gateway', `${url}${apiPrefix}/usage-billing/… (${seed.token.permissions.length} routes allowed for the token)`),
    '',
    `  ${c.bold('Try it')} (price a call without charging anyone):`,
    `  ${curl}`,
  ];
  if (!quoteRoute(strapi)) lines.push(c.yellow('  (the plugin has no POST /quote route in this build yet: expect a 404)'));
  if (seed.pending.length) {
    lines.push('', c.yellow(`  Not seeded yet (retried on the next start): ${seed.pending.map((p) => `${p.part} (${p.reason})`).join('; ')}`));
  }
  lines.push(
    '',
    `  Saved in ${path.relative(process.cwd(), CREDENTIALS_FILE) || CREDENTIALS_FILE}; a re-run reuses them and the data. Stop with Ctrl-C.`,
    rule,
    '',
  );
  console.log(lines.join('\n'));
}

// ---------------------------------------------------------------------------------------------------

async function main() {
  if (args.includes('--help') || args.includes('-h')) {
    process.stdout.write(HELP);
    return;
  }
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => shutdown(signal));
  const t0 = Date.now();
  const port = Number(process.env.PORT || 1337);
  // Only this machine by default: HOST=0.0.0.0 serves the demo on every interface.
  const host = process.env.HOST || '127.0.0.1';
  process.env.HOST = host;
  // Generated once per clone, never the same as anyone else's (see scripts/lib/app-secrets.js).
  ensureAppSecrets(SECRETS_FILE);
  log.info(`usage-billing demo: ${describeDatabase()}, http://${publicHost(host)}:${port}`);

  await buildServer();
  await buildAdmin();
  await assertPortFree(port, host);

  const bootStarted = Date.now();
  const strapi = await startStrapi();
  timings.boot = Date.now() - bootStarted;

  const seedStarted = Date.now();
  const { seedDemo } = require('./seed');
  const stored = readJson(CREDENTIALS_FILE) ?? {};
  seeding = seedDemo(strapi, { credentials: stored, log, signal: abort.signal });
  const seed = await seeding;
  seeding = null;
  timings.seed = Date.now() - seedStarted;

  const listenStarted = Date.now();
  await strapi.listen();
  timings.boot += Date.now() - listenStarted;

  const { host: boundHost, port: boundPort } = strapi.config.get('server');
  const url = `http://${publicHost(boundHost)}:${boundPort}`;
  const adminUrl = `${url}${strapi.config.get('admin.path', '/admin')}`;
  const creds = { adminEmail: seed.admin.email, adminPassword: seed.admin.password, apiToken: seed.token.accessKey, url: adminUrl };
  fs.mkdirSync(DEMO_DIR, { recursive: true });
  writeJson(CREDENTIALS_FILE, creds, { mode: 0o600 });

  const parts = [
    timings.server ? `server build ${formatDuration(timings.server)}` : null,
    timings.admin !== undefined ? `admin ${formatDuration(timings.admin)}` : null,
    `boot ${formatDuration(timings.boot)}`,
    `seed ${formatDuration(timings.seed)}`,
  ].filter(Boolean);
  log.ok(`ready in ${formatDuration(Date.now() - t0)} (${parts.join(', ')})`);
  printCredentials({ strapi, url, adminUrl, creds, seed });
}

main().catch((error) => {
  if (stopping) return; // shutdown() takes it from here
  log.error(error?.stack || String(error));
  const exit = () => process.exit(1);
  if (app) app.destroy().then(exit, exit);
  else exit();
});
