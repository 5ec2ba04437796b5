'use strict';
// Stops the browser and the server started by global-setup.js and removes the temp dir (database,
// logs) unless E2E_KEEP_TMP=1. Each step is bounded; the run must end by itself.
const fs = require('node:fs');

const withTimeout = (promise, ms, what) =>
  Promise.race([
    promise,
    new Promise((resolve) =>
      setTimeout(() => {
        process.stdout.write(`[e2e] ${what} did not finish within ${ms / 1000} s; moving on\n`);
        resolve();
      }, ms).unref(),
    ),
  ]);

module.exports = async function globalTeardown() {
  const state = globalThis.__USAGE_BILLING_E2E__;
  if (!state) return;
  globalThis.__USAGE_BILLING_E2E__ = undefined;
  if (state.browserServer) await withTimeout(state.browserServer.close().catch(() => state.browserServer.kill()), 15000, 'closing Chromium');
  if (state.server) await withTimeout(state.server.stop(), 20000, 'stopping the server');
  if (state.tmpDir) {
    if (process.env.E2E_KEEP_TMP === '1') process.stdout.write(`[e2e] E2E_KEEP_TMP=1: kept ${state.tmpDir}\n`);
    else fs.rmSync(state.tmpDir, { recursive: true, force: true });
  }
};
