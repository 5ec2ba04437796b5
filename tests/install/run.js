#!/usr/bin/env node
'use strict';
// Install test: the plugin as a Strapi user meets it. Packs this repository (`npm pack`, whose `prepack`
// builds dist/), installs the tarball into a brand-new Strapi 5 TypeScript app made by create-strapi-app,
// enables it in `config/plugins.ts`, runs the host's PRODUCTION `build` and `start`, then checks over
// real HTTP that the plugin works with an admin login and an API token, and in headless Chromium that the
// Billing page and its zh-Hans translation load from the production bundle.
//
//   npm run test:install [-- --keep]       (--keep leaves the work folder for inspection)
//
// The freshly created host app (before the plugin is added) is cached under UB_INSTALL_CACHE (default
// ~/.cache/strapi-plugin-usage-billing) and copied for each run: creating it downloads and installs Strapi
// (~2 min); everything after the copy is done anew every run.

const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { spawn, spawnSync } = require('node:child_process');
const { freePort } = require('../support/free-port');
const { launchChromium } = require('../support/chromium');

const ROOT = path.resolve(__dirname, '..', '..');
const ROOT_PKG = require(path.join(ROOT, 'package.json'));
const STRAPI_VERSION = ROOT_PKG.devDependencies['@strapi/strapi'];
const PLUGIN_ID = ROOT_PKG.strapi.name;
const CACHE = process.env.UB_INSTALL_CACHE || path.join(os.homedir(), '.cache', 'strapi-plugin-usage-billing');
const TEMPLATE = path.join(CACHE, `host-${STRAPI_VERSION}`);
const KEEP = process.argv.includes('--keep');
const ZH = require(path.join(ROOT, 'admin', 'src', 'translations', 'zh-Hans.json'));

const timings = [];
let passed = 0;
let failed = 0;

function check(name, ok, detail = '') {
  if (ok) passed += 1;
  else failed += 1;
  console.log(`${ok ? '  ✔' : '  ✖'} ${name}${!ok && detail ? `\n      ${detail}` : ''}`);
}

async function stage(name, work) {
  console.log(`== ${name}`);
  const started = Date.now();
  const result = await work();
  const seconds = (Date.now() - started) / 1000;
  timings.push([name, seconds]);
  console.log(`   (${seconds.toFixed(1)} s)`);
  return result;
}

/** Runs a command to completion; throws with its output's tail when it fails. */
function run(command, args, { cwd, env = process.env, quiet = true } = {}) {
  const result = spawnSync(command, args, { cwd, env, encoding: 'utf8', stdio: quiet ? 'pipe' : 'inherit', maxBuffer: 64 * 1024 * 1024 });
  if (result.status !== 0) {
    const output = `${result.stdout ?? ''}${result.stderr ?? ''}`.split('\n').slice(-40).join('\n');
    throw new Error(`${command} ${args.join(' ')} (in ${cwd}) exited with ${result.status ?? result.signal}\n${output}`);
  }
  return result.stdout ?? '';
}

/** The host app exactly as create-strapi-app makes it (cached: the marker is written only after success). */
function ensureTemplate() {
  const marker = path.join(TEMPLATE, '.usage-billing-template-complete');
  if (fs.existsSync(marker)) return `cached (${TEMPLATE})`;
  fs.rmSync(TEMPLATE, { recursive: true, force: true });
  fs.mkdirSync(CACHE, { recursive: true });
  run('npx', ['-y', `create-strapi-app@${STRAPI_VERSION}`, path.basename(TEMPLATE), '--no-run', '--skip-cloud', '--no-example',
    '--no-git-init', '--dbclient=sqlite', '--typescript', '--use-npm', '--install', '--non-interactive'], { cwd: CACHE });
  fs.writeFileSync(marker, new Date().toISOString());
  return `created with create-strapi-app@${STRAPI_VERSION}`;
}

/** Sets KEY=value in the host's .env (create-strapi-app leaves DATABASE_FILENAME empty, on which start fails). */
function setEnv(file, values) {
  let text = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '';
  for (const [key, value] of Object.entries(values)) {
    const line = `${key}=${value}`;
    text = new RegExp(`^${key}=.*$`, 'm').test(text) ? text.replace(new RegExp(`^${key}=.*$`, 'm'), line) : `${text.trimEnd()}\n${line}\n`;
  }
  fs.writeFileSync(file, text);
}

/** Starts `npm run start` and resolves once /_health answers; returns the child process. */
async function startHost(host, port) {
  const logFile = path.join(host, 'start.log');
  const out = fs.openSync(logFile, 'w');
  const child = spawn('npm', ['run', 'start'], {
    cwd: host,
    env: { ...process.env, NODE_ENV: 'production', HOST: '127.0.0.1', PORT: String(port), STRAPI_TELEMETRY_DISABLED: 'true' },
    stdio: ['ignore', out, out],
    detached: true,
  });
  fs.closeSync(out);
  const deadline = Date.now() + 120000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) break;
    try {
      const response = await fetch(`http://127.0.0.1:${port}/_health`);
      if (response.status === 204) return child;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  const tail = fs.readFileSync(logFile, 'utf8').split('\n').slice(-40).join('\n');
  stopHost(child);
  throw new Error(`the host app did not start on port ${port}:\n${tail}`);
}

function stopHost(child) {
  try {
    process.kill(-child.pid, 'SIGTERM'); // npm and the node process it started
  } catch {
    // already gone
  }
}

/** JSON over HTTP; resolves { status, body }. */
async function call(base, method, route, { token, body } = {}) {
  const response = await fetch(`${base}${route}`, {
    method,
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  let parsed = text;
  try {
    parsed = JSON.parse(text);
  } catch {
    // not JSON
  }
  return { status: response.status, body: parsed };
}

async function apiChecks(base, host) {
  const pkgDir = path.join(host, 'node_modules', ROOT_PKG.name);
  const pricing = JSON.parse(fs.readFileSync(path.join(pkgDir, 'examples', 'pricing.json'), 'utf8'));
  const usage = JSON.parse(fs.readFileSync(path.join(pkgDir, 'examples', 'usage.json'), 'utf8'));
  const admin = { email: 'install-test@example.com', password: 'Install-Test-Pass-1' };

  const registered = await call(base, 'POST', '/admin/register-admin', { body: { ...admin, firstname: 'Install', lastname: 'Test' } });
  check('the first admin registers', registered.status === 200, JSON.stringify(registered.body).slice(0, 300));
  const jwt = registered.body?.data?.token;

  const settings = await call(base, 'GET', `/${PLUGIN_ID}/settings`, { token: jwt });
  check('admin route GET /usage-billing/settings answers with the default mode', settings.status === 200 && settings.body?.data?.mode === 'usage', JSON.stringify(settings.body).slice(0, 300));

  const dryRun = await call(base, 'POST', `/${PLUGIN_ID}/model-prices/import?dryRun=true`, { token: jwt, body: pricing });
  const newModels = dryRun.body?.data?.models?.new ?? [];
  check(`the shipped examples/pricing.json dry-runs as ${pricing.models.length} new model prices`, dryRun.status === 200 && newModels.length === pricing.models.length, JSON.stringify(dryRun.body).slice(0, 300));
  const imported = await call(base, 'POST', `/${PLUGIN_ID}/model-prices/import?dryRun=false&allowUnknown=true`, { token: jwt, body: pricing });
  check('the first import (allowUnknown=true) writes them', imported.status === 200 || imported.status === 201, JSON.stringify(imported.body).slice(0, 300));

  const actions = ['gateway.authorize', 'gateway.usage', 'gateway.quote'].map((action) => `plugin::${PLUGIN_ID}.${action}`);
  const created = await call(base, 'POST', '/admin/api-tokens', {
    token: jwt,
    body: { name: 'gateway', description: 'install test', type: 'custom', lifespan: null, permissions: actions },
  });
  check('a custom API token with the gateway actions is created', created.status === 201, JSON.stringify(created.body).slice(0, 300));
  const gateway = created.body?.data?.accessKey;
  const quoteOnly = (await call(base, 'POST', '/admin/api-tokens', {
    token: jwt,
    body: { name: 'quote-only', type: 'custom', lifespan: null, permissions: [`plugin::${PLUGIN_ID}.gateway.quote`] },
  })).body?.data?.accessKey;

  const quote = await call(base, 'POST', `/api/${PLUGIN_ID}/quote`, { token: gateway, body: usage });
  const cli = JSON.parse(run(path.join(host, 'node_modules', '.bin', 'usage-billing'), ['quote', '--pricing', path.join(pkgDir, 'examples', 'pricing.json'), '--usage', path.join(pkgDir, 'examples', 'usage.json')], { cwd: host }));
  check(`/quote prices examples/usage.json exactly as the installed CLI does (${cli.total})`, quote.status === 200 && quote.body?.data?.total === cli.total, JSON.stringify(quote.body).slice(0, 300));

  // The gateway client as the host app gets it: CommonJS and ESM entries of the installed package, same bill.
  const clientQuote = `.quote(${JSON.stringify(usage)}).then((bill) => console.log(bill.total))`;
  const clientOf = (load) => `${load}.createBillingClient({ baseUrl: ${JSON.stringify(base)}, token: ${JSON.stringify(gateway)} })${clientQuote}`;
  const viaRequire = run('node', ['-e', clientOf(`require('${ROOT_PKG.name}/client')`)], { cwd: host }).trim();
  const viaImport = run('node', ['--input-type=module', '-e', `const client = await import('${ROOT_PKG.name}/client'); ${clientOf('client')}`], { cwd: host }).trim();
  check(`the installed client (require and import of ${ROOT_PKG.name}/client) quotes the same ${cli.total}`, viaRequire === cli.total && viaImport === cli.total, `require: ${viaRequire}, import: ${viaImport}`);
  check('the client ships its type declarations', fs.existsSync(path.join(pkgDir, ROOT_PKG.exports['./client'].types)), ROOT_PKG.exports['./client'].types);

  check('/usage without credentials answers 401', (await call(base, 'POST', `/api/${PLUGIN_ID}/usage`, { body: {} })).status === 401);
  check('/usage with a token lacking gateway.usage answers 403', (await call(base, 'POST', `/api/${PLUGIN_ID}/usage`, { token: quoteOnly, body: {} })).status === 403);

  const userId = 'install-user-1';
  const broke = await call(base, 'POST', `/api/${PLUGIN_ID}/authorize`, { token: gateway, body: { userId, model: usage.model, requestId: 'install-req-0' } });
  check('/authorize refuses an account without balance with 402', broke.status === 402, JSON.stringify(broke.body).slice(0, 300));

  const credit = await call(base, 'POST', `/${PLUGIN_ID}/accounts/${userId}/adjust`, { token: jwt, body: { amount: '1', reason: 'install test' } });
  check('an admin credits the account with 1.00', credit.status === 201 && credit.body?.data?.balance === '1', JSON.stringify(credit.body).slice(0, 300));

  const authorized = await call(base, 'POST', `/api/${PLUGIN_ID}/authorize`, { token: gateway, body: { userId, model: usage.model, requestId: 'install-req-1' } });
  check('/authorize then allows the call with a hold', authorized.status === 200 && authorized.body?.data?.allowed === true && Boolean(authorized.body?.data?.holdId), JSON.stringify(authorized.body).slice(0, 300));
  const reported = await call(base, 'POST', `/api/${PLUGIN_ID}/usage`, {
    token: gateway,
    body: { ...usage, requestId: 'install-req-1', userId, holdId: authorized.body?.data?.holdId },
  });
  check(`/usage charges exactly the quoted ${cli.total}`, reported.status === 201 && reported.body?.data?.charged === cli.total, JSON.stringify(reported.body).slice(0, 300));

  const account = await call(base, 'GET', `/${PLUGIN_ID}/accounts/${userId}`, { token: jwt });
  const balance = account.body?.data?.balance ?? account.body?.data?.account?.balance;
  check(`the balance is 1 − ${cli.total} to the nano`, account.status === 200 && nanos(balance) === 1_000_000_000n - nanos(cli.total), `balance ${balance}, body ${JSON.stringify(account.body).slice(0, 300)}`);
  return admin;
}

/** A decimal string in currency units → nanos (exact, no float). */
function nanos(decimal) {
  const [whole, fraction = ''] = String(decimal).replace(/^-/, '').split('.');
  const value = BigInt(whole) * 1_000_000_000n + BigInt((fraction + '000000000').slice(0, 9));
  return String(decimal).startsWith('-') ? -value : value;
}

async function browserChecks(base, admin) {
  const browser = await launchChromium();
  try {
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
    // The admin keeps the interface language in localStorage; the host enabled zh-Hans in src/admin/app.tsx.
    await context.addInitScript(() => window.localStorage.setItem('strapi-admin-language', 'zh-Hans'));
    const page = await context.newPage();
    const failures = [];
    page.on('response', (response) => {
      const url = response.url();
      if (response.status() >= 400 && (url.includes(`/${PLUGIN_ID}`) || url.includes('/translations/') || url.includes('/admin/'))) {
        failures.push(`${response.status()} ${url}`);
      }
    });
    // Requests that leave this machine are the host admin's own (Strapi's update and marketplace checks);
    // this machine has no network, so they fail by design and are not the plugin's.
    const offMachine = (url) => Boolean(url) && !url.startsWith(base);
    page.on('requestfailed', (request) => {
      if (!offMachine(request.url())) failures.push(`request failed: ${request.url()} (${request.failure()?.errorText})`);
    });
    page.on('console', (message) => {
      if (message.type() === 'error' && !offMachine(message.location()?.url)) failures.push(`console: ${message.text()} (${message.location()?.url})`);
    });

    await page.goto(`${base}/admin/auth/login`, { waitUntil: 'domcontentloaded' });
    await page.locator('input[name="email"]').fill(admin.email);
    await page.locator('input[name="password"]').fill(admin.password);
    await page.locator('button[type="submit"]').click();
    const menuLabel = ZH['plugin.name'];
    const link = page.getByRole('link', { name: menuLabel });
    await link.first().waitFor({ timeout: 60000 });
    check(`the main menu shows the plugin's zh-Hans label "${menuLabel}"`, true);
    await link.first().click();
    await page.waitForURL(new RegExp(`/admin/plugins/${PLUGIN_ID}`), { timeout: 30000 });
    const heading = page.getByRole('heading', { level: 1 });
    await heading.first().waitFor({ timeout: 30000 });
    const headingText = (await heading.first().innerText()).trim();
    const zhValues = new Set(Object.values(ZH));
    check(`the Billing page renders translated (heading "${headingText}")`, zhValues.has(headingText), `heading "${headingText}" is not one of the zh-Hans strings`);
    if (process.env.E2E_SCREENSHOTS === '1') {
      const dir = path.join(ROOT, '.e2e-screenshots');
      fs.mkdirSync(dir, { recursive: true });
      await page.screenshot({ path: path.join(dir, 'install-host-billing-zh-Hans.png'), fullPage: true });
    }
    check('no failed request and no console error on the way', failures.length === 0, failures.join('\n      '));
  } finally {
    await browser.close();
  }
}

async function main() {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'usage-billing-install-'));
  const host = path.join(work, 'host');
  let server;
  try {
    const tarball = await stage('pack the plugin (prepack builds dist/)', () => {
      const name = run('npm', ['pack', '--pack-destination', work, '--silent'], { cwd: ROOT }).trim().split('\n').pop();
      const file = path.join(work, name);
      console.log(`   ${name}: ${(fs.statSync(file).size / 1024).toFixed(1)} kB packed`);
      return file;
    });
    await stage('a brand-new Strapi app', () => {
      console.log(`   ${ensureTemplate()}`);
      run('cp', ['-a', TEMPLATE, host], { cwd: work });
    });
    await stage('npm install the tarball into the host', () => {
      run('npm', ['install', tarball, '--no-audit', '--no-fund'], { cwd: host });
      const nested = path.join(host, 'node_modules', ROOT_PKG.name, 'node_modules', '@strapi');
      check('Strapi packages come from the host (peers), not a second copy under the plugin', !fs.existsSync(nested), `${nested} exists`);
    });
    await stage('enable the plugin (config/plugins.ts) and the zh-Hans locale', () => {
      fs.writeFileSync(path.join(host, 'config', 'plugins.ts'), `export default () => ({\n  '${PLUGIN_ID}': { enabled: true },\n});\n`);
      fs.mkdirSync(path.join(host, 'src', 'admin'), { recursive: true });
      fs.writeFileSync(path.join(host, 'src', 'admin', 'app.tsx'), `export default {\n  config: { locales: ['zh-Hans'] },\n  bootstrap() {},\n};\n`);
      setEnv(path.join(host, '.env'), { DATABASE_FILENAME: '.tmp/data.db' });
    });
    await stage('the host\'s production build (npm run build)', () => {
      run('npm', ['run', 'build'], { cwd: host, env: { ...process.env, NODE_ENV: 'production', STRAPI_TELEMETRY_DISABLED: 'true' } });
    });
    const port = await freePort();
    const base = `http://127.0.0.1:${port}`;
    server = await stage('npm run start (NODE_ENV=production)', () => startHost(host, port));
    const admin = await stage('the plugin over HTTP: admin routes, API token, pricing, charge', () => apiChecks(base, host));
    await stage('the admin in Chromium, in zh-Hans', () => browserChecks(base, admin));
  } catch (error) {
    failed += 1;
    console.error(`  ✖ ${error?.stack || error}`);
  } finally {
    if (server) stopHost(server);
    if (KEEP) console.log(`work folder kept: ${work}`);
    else fs.rmSync(work, { recursive: true, force: true });
  }
  console.log('\nstage timings:');
  for (const [name, seconds] of timings) console.log(`  ${seconds.toFixed(1).padStart(6)} s  ${name}`);
  console.log(`\ninstall test: ${passed} passed, ${failed} failed`);
  process.exit(failed === 0 ? 0 : 1);
}

main();
