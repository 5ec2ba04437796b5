'use strict';
// Runs once before the e2e cases: builds what is missing, boots the seeded server (child process, fresh
// SQLite database in a temp dir) and launches one headless Chromium that every case connects to.
// What the cases need is handed over in process.env.E2E_STATE; global-teardown.js stops everything.
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { spawn } = require('node:child_process');
const { chromium } = require('playwright-core');
const { startServer } = require('./support/server');
const { SCREENSHOT_DIR, ROOT } = require('./support/constants');
const { chromiumLaunchOptions } = require('../support/chromium');

const BUILD_TIMEOUT_MS = 10 * 60 * 1000;

const say = (message) => process.stdout.write(`[e2e] ${message}\n`);

/** `npm run <script>`, output to `logFile`; rejects on failure or timeout with the end of the output. */
function npmRun(script, logFile) {
  return new Promise((resolve, reject) => {
    const out = fs.openSync(logFile, 'a');
    const child = spawn('npm', ['run', script], { cwd: ROOT, stdio: ['ignore', out, out], env: process.env });
    fs.closeSync(out);
    const timer = setTimeout(() => {
      child.kill('SIGTERM'); // npm passes it on to the script it runs
      setTimeout(() => child.kill('SIGKILL'), 5000).unref();
      reject(new Error(`npm run ${script} did not finish within ${BUILD_TIMEOUT_MS / 60000} min (log: ${logFile})`));
    }, BUILD_TIMEOUT_MS);
    child.once('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      if (code === 0) return resolve();
      const tail = fs.readFileSync(logFile, 'utf8').split('\n').slice(-40).join('\n');
      reject(new Error(`npm run ${script} failed (code ${code}, signal ${signal}):\n${tail}`));
    });
  });
}

module.exports = async function globalSetup() {
  const started = Date.now();
  const tmpDir = fs.mkdtempSync(path.join(os.tmpdir(), 'usage-billing-e2e-'));
  const state = { tmpDir };
  globalThis.__USAGE_BILLING_E2E__ = state;
  process.stdout.write('\n');

  try {
    if (process.env.E2E_SKIP_BUILD === '1') {
      say('E2E_SKIP_BUILD=1: using the existing builds');
    } else {
      // build:admin skips its work when playground/build is up to date; build (the plugin) takes seconds.
      const buildLog = path.join(tmpDir, 'build.log');
      say(`building the plugin and the admin panel if needed (npm run build, npm run build:admin; log ${buildLog})`);
      await npmRun('build', buildLog);
      await npmRun('build:admin', buildLog);
    }
    if (!fs.existsSync(path.join(ROOT, 'playground', 'build', 'index.html'))) {
      throw new Error('playground/build/index.html is missing: the admin panel was not built (npm run build:admin)');
    }

    let server;
    if (process.env.E2E_SERVER_URL) {
      // Debugging the cases: a server started elsewhere, seeded with the demo seed (it is not stopped).
      server = { url: process.env.E2E_SERVER_URL, email: process.env.E2E_ADMIN_EMAIL, password: process.env.E2E_ADMIN_PASSWORD, logFile: '' };
      if (!server.email || !server.password) throw new Error('E2E_SERVER_URL needs E2E_ADMIN_EMAIL and E2E_ADMIN_PASSWORD');
      say(`E2E_SERVER_URL: using the server at ${server.url}`);
    } else {
      say('starting Strapi with a fresh SQLite database and the demo seed (about a minute)');
      const bootStarted = Date.now();
      server = state.server = await startServer({ dir: tmpDir });
      say(`server ready at ${server.url} in ${Math.round((Date.now() - bootStarted) / 1000)} s (log ${server.logFile})`);
    }

    state.browserServer = await chromium.launchServer(chromiumLaunchOptions());

    if (process.env.E2E_SCREENSHOTS === '1') {
      fs.rmSync(SCREENSHOT_DIR, { recursive: true, force: true });
      fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });
      say(`screenshots go to ${path.relative(ROOT, SCREENSHOT_DIR)}/`);
    }

    process.env.E2E_STATE = JSON.stringify({
      url: server.url,
      email: server.email,
      password: server.password,
      wsEndpoint: state.browserServer.wsEndpoint(),
      serverLog: server.logFile,
    });
    say(`setup done in ${Math.round((Date.now() - started) / 1000)} s`);
  } catch (error) {
    // Jest does not run the teardown when the setup fails: stop what was started here.
    await require('./global-teardown')();
    throw error;
  }
};
