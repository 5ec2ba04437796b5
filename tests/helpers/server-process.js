// @ts-check
'use strict';
// A Strapi instance with the plugin in its own process, listening on a port: used to run several
// instances against one PostgreSQL database (tests/concurrency and the bench). Started by
// spawnServer(); talks back over IPC: { ready: true, port, token? }.
//
// Plain JavaScript, type-checked through JSDoc (tests/tsconfig.json): spawnServer() forks this very file
// as a plain Node process, and bench/metering.js requires it; Node runs no TypeScript.
const { fork } = require('child_process');
const path = require('path');

/** @typedef {{ ready: true, port: number, token?: string }} ReadyMessage */
/** @typedef {{ port: number, token?: string, url: string, stop: () => Promise<unknown> }} SpawnedServer */

async function main() {
  const send = process.send?.bind(process);
  if (!send) throw new Error('server-process.js --serve must be started by spawnServer() (fork with an IPC channel)');
  const { startStrapi } = require('./boot');
  const port = Number(process.env.PORT);
  const strapi = await startStrapi({ dbEnv: {} });
  /** @type {string | undefined} */
  let token;
  if (process.env.CREATE_TOKEN) {
    /** @type {string[]} */
    const actions = JSON.parse(process.env.CREATE_TOKEN);
    const created = await strapi.service('admin::api-token').create({
      name: `proc-${process.pid}`,
      type: 'custom',
      lifespan: null,
      permissions: actions.map((a) => `plugin::usage-billing.${a}`),
    });
    token = created.accessKey;
  }
  await new Promise((resolve) => strapi.server.httpServer.listen(port, '127.0.0.1', () => resolve(undefined)));
  /** @type {ReadyMessage} */
  const ready = { ready: true, port, token };
  send(ready);
  process.on('message', async (msg) => {
    if (msg === 'stop') {
      await strapi.destroy();
      process.exit(0);
    }
  });
}

/**
 * Starts an instance on `port` against the database in `dbEnv`; resolves { port, token, url, stop() }.
 * @param {{ port: number, dbEnv: Record<string, string>, tokenActions?: string[] }} options
 * @returns {Promise<SpawnedServer>}
 */
function spawnServer({ port, dbEnv, tokenActions }) {
  const child = fork(__filename, ['--serve'], {
    env: { ...process.env, ...dbEnv, PORT: String(port), ...(tokenActions ? { CREATE_TOKEN: JSON.stringify(tokenActions) } : {}) },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server on ${port} did not start`)), 120000);
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`server on ${port} exited with ${code}`)));
    child.once('message', (message) => {
      const msg = /** @type {ReadyMessage} */ (message);
      clearTimeout(timer);
      child.removeAllListeners('exit');
      resolve({
        port: msg.port,
        token: msg.token,
        url: `http://127.0.0.1:${msg.port}`,
        stop: () =>
          new Promise((done) => {
            child.once('exit', done);
            child.send('stop');
            setTimeout(() => child.kill('SIGKILL'), 15000).unref();
          }),
      });
    });
  });
}

if (process.argv.includes('--serve')) {
  main().catch((error) => {
    console.error(error);
    process.exit(1);
  });
}

module.exports = { spawnServer, SERVER_SCRIPT: path.resolve(__filename) };
