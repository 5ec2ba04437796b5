'use strict';
// Starts tests/e2e/server/boot.js in a child process on a free port with a brand-new SQLite database
// (DATABASE_FILENAME, which playground/config/database.js reads), and stops it. Everything is bounded.
const crypto = require('node:crypto');
const fs = require('node:fs');
const path = require('node:path');
const { fork } = require('node:child_process');
const { freePort } = require('../../support/free-port');

const BOOT_SCRIPT = path.resolve(__dirname, '..', 'server', 'boot.js');

/** A password Strapi's admin policy accepts (the seed keeps it only when it has 12+ chars, a-z, A-Z and a digit). */
const generatePassword = () => `E2e-${crypto.randomBytes(9).toString('base64url')}-Aa1`;

const tail = (file, lines = 60) => {
  try {
    return fs.readFileSync(file, 'utf8').split('\n').slice(-lines).join('\n');
  } catch {
    return '(no server log)';
  }
};

/**
 * Boots the server; resolves { url, email, password, pid, logFile, stop() } once it listens and is seeded.
 * `dir` receives the database and the server's log.
 */
async function startServer({ dir, timeoutMs = 240000 }) {
  const port = await freePort();
  const password = generatePassword();
  const logFile = path.join(dir, 'server.log');
  const out = fs.openSync(logFile, 'a');
  const env = {
    ...process.env,
    HOST: '127.0.0.1',
    PORT: String(port),
    DATABASE_CLIENT: 'sqlite',
    DATABASE_FILENAME: path.join(dir, 'data.db'),
    E2E_ADMIN_PASSWORD: password,
    STRAPI_TELEMETRY_DISABLED: 'true',
    BROWSER: 'none',
    NO_COLOR: '1',
  };
  for (const key of ['DATABASE_URL', 'DATABASE_HOST', 'DATABASE_PORT', 'DATABASE_NAME', 'DATABASE_USERNAME', 'DATABASE_PASSWORD']) {
    delete env[key];
  }
  const child = fork(BOOT_SCRIPT, [], { cwd: path.resolve(__dirname, '..', '..', '..'), env, stdio: ['ignore', out, out, 'ipc'] });
  fs.closeSync(out);

  let exited = false;
  const exitedPromise = new Promise((resolve) => child.once('exit', (code, signal) => {
    exited = true;
    resolve({ code, signal });
  }));

  const stop = async () => {
    if (exited) return;
    if (child.connected) child.send('stop');
    else child.kill('SIGTERM');
    const timer = setTimeout(() => {
      if (!exited) child.kill('SIGKILL');
    }, 15000);
    await exitedPromise;
    clearTimeout(timer);
  };

  const ready = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the e2e server did not start within ${timeoutMs / 1000} s`)), timeoutMs);
    child.on('message', (message) => {
      if (message?.type === 'ready') {
        clearTimeout(timer);
        resolve(message);
      } else if (message?.type === 'failed') {
        clearTimeout(timer);
        reject(new Error(`the e2e server failed to start: ${message.message}`));
      }
    });
    exitedPromise.then(({ code, signal }) => {
      clearTimeout(timer);
      reject(new Error(`the e2e server exited before it was ready (code ${code}, signal ${signal})`));
    });
  }).catch(async (error) => {
    await stop();
    error.message += `\n--- last lines of ${logFile} ---\n${tail(logFile)}`;
    throw error;
  });

  return { url: ready.url, email: ready.email, password: ready.password, pid: child.pid, logFile, stop };
}

module.exports = { startServer };
