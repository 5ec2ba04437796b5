'use strict';
// The e2e suite's Strapi server, run as a child process (forked by tests/e2e/support/server.js).
//
// Boots the playground app the way `npm run demo` does (createStrapi from @strapi/strapi, the built
// admin panel served from playground/build), on the SQLite file named by DATABASE_FILENAME, seeds it
// with the demo's own seed (scripts/seed: settings, prices, catalog, plans, codes, accounts, 30 days of
// usage, the super admin and an API token), then listens on HOST:PORT.
//
// It never reads or writes .demo/credentials.json: the admin password comes from E2E_ADMIN_PASSWORD.
// Talks to its parent over IPC: { type: 'ready', url, email, password } or { type: 'failed', message }.
// Stops on the 'stop' message, on SIGTERM/SIGINT, and when the parent goes away (IPC disconnect).

const path = require('node:path');

const ROOT = path.resolve(__dirname, '..', '..', '..');
const PLAYGROUND = path.join(ROOT, 'playground');
const { seedDemo } = require(path.join(ROOT, 'scripts', 'seed'));
const { createLog } = require(path.join(ROOT, 'scripts', 'lib', 'console'));

const log = createLog('e2e-server');
const abort = new AbortController();
let app = null;
let stopping = false;

const send = (message) => {
  if (process.connected) process.send(message);
};

async function stop(code = 0) {
  if (stopping) return;
  stopping = true;
  abort.abort();
  // Bounded: a stuck destroy must not keep the process (and the test run) alive.
  setTimeout(() => process.exit(code || 1), 10000).unref();
  try {
    if (app) await app.destroy();
  } catch (error) {
    log.error(`destroy failed: ${error?.message ?? error}`);
  }
  process.exit(code);
}

async function main() {
  if (!process.env.DATABASE_FILENAME) throw new Error('DATABASE_FILENAME must name a fresh SQLite file');
  const password = process.env.E2E_ADMIN_PASSWORD;
  if (!password) throw new Error('E2E_ADMIN_PASSWORD must be set');
  process.env.STRAPI_TELEMETRY_DISABLED = 'true';
  process.env.NODE_ENV ??= 'development'; // as the demo

  const { createStrapi } = require('@strapi/strapi');
  app = createStrapi({ appDir: PLAYGROUND, distDir: PLAYGROUND, autoReload: false, serveAdminPanel: true });
  // Strapi allows 5 admin logins per 5 minutes for one email and IP; the suite logs in a dozen times
  // (each case file through the form, plus the admin API) within a few minutes. Raise the limit only.
  app.config.set('admin.rateLimit', { ...app.config.get('admin.rateLimit', {}), enabled: true, max: 200 });
  // createStrapi() installs its own signal handlers (destroy + exit); ours add a timeout.
  for (const signal of ['SIGINT', 'SIGTERM']) {
    process.removeAllListeners(signal);
    process.on(signal, () => stop(0));
  }
  await app.load();

  const seed = await seedDemo(app, { credentials: { adminPassword: password }, log, signal: abort.signal });
  if (seed.pending.length) {
    throw new Error(`the demo seed is incomplete: ${seed.pending.map((p) => `${p.part} (${p.reason})`).join('; ')}`);
  }
  if (seed.admin.password !== password) throw new Error('the seeded admin did not get the requested password');

  await app.listen();
  const { host, port } = app.config.get('server');
  send({ type: 'ready', url: `http://${host}:${port}`, email: seed.admin.email, password: seed.admin.password });
}

process.on('message', (message) => {
  if (message === 'stop') stop(0);
});
process.on('disconnect', () => stop(0));

main().catch((error) => {
  if (stopping) return;
  log.error(error?.stack || String(error));
  send({ type: 'failed', message: error?.message ?? String(error) });
  stop(1);
});
