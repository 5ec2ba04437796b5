#!/usr/bin/env node
'use strict';
// Builds the Strapi admin panel of the playground app, with this plugin's admin UI, into
// playground/build (where Strapi serves it from). Skipped when that build is newer than every
// file it is made of; `--force` rebuilds anyway.
//
//   npm run build:admin [-- --force]     node scripts/build-admin.js [--force] [--check]
//
// The panel is built by Strapi's own `strapi build` in playground/, which bundles the plugin's compiled
// admin (dist/admin, the same files the npm package ships), so the plugin is built first
// (`strapi-plugin build`, a few seconds). The staleness check looks at the plugin's admin sources, not
// at dist/ (rebuilt by every `npm test`), so a re-run with unchanged sources costs nothing.

const fs = require('node:fs');
const path = require('node:path');
const { spawnSync } = require('node:child_process');
const { ROOT, binOf, PLAYGROUND, ADMIN_BUILD_DIR, ADMIN_STAMP, DEMO_DIR } = require('./lib/paths');
const { createLog, formatDuration } = require('./lib/console');
const { newestMtime, readJson, writeJson } = require('./lib/fs-utils');

const log = createLog('build:admin');

/** Everything the admin bundle is made of (besides Strapi itself, pinned by package-lock.json). */
const INPUTS = [
  path.join(ROOT, 'admin', 'src'),
  path.join(ROOT, 'contracts'),
  path.join(ROOT, 'package-lock.json'),
  path.join(ROOT, 'package.json'),
  path.join(PLAYGROUND, 'config', 'admin.js'),
  path.join(PLAYGROUND, 'config', 'plugins.js'),
  path.join(PLAYGROUND, 'src', 'admin'),
];

const HELP = `Usage: node scripts/build-admin.js [--force] [--check]
  Builds the admin panel into playground/build unless it is newer than admin/src/**,
  package.json, package-lock.json and the playground's admin/plugins config.
  --force   rebuild even when up to date
  --check   only report: exit 0 when up to date, 1 when a build is needed
`;

const rel = (file) => path.relative(ROOT, file) || file;

/** Why a build is needed, or null when the existing build is up to date. */
function staleReason() {
  if (!fs.existsSync(path.join(ADMIN_BUILD_DIR, 'index.html'))) return 'no admin build yet';
  const stamp = readJson(ADMIN_STAMP);
  if (!stamp || typeof stamp.startedAt !== 'number') return 'the existing build was not made by this script';
  const newest = newestMtime(INPUTS);
  // Compared with the moment the build started: a file edited while it ran is not in the bundle.
  if (newest.mtimeMs > stamp.startedAt) return `${rel(newest.file)} changed since the last build`;
  return null;
}

/** One build at a time in this checkout (two demos starting together would wipe each other's output). */
async function withLock(work) {
  const lockFile = path.join(DEMO_DIR, 'admin-build.lock');
  fs.mkdirSync(DEMO_DIR, { recursive: true });
  let waited = false;
  for (;;) {
    try {
      fs.writeFileSync(lockFile, String(process.pid), { flag: 'wx' });
      break;
    } catch (error) {
      if (error.code !== 'EEXIST') throw error;
      const holder = Number(fs.readFileSync(lockFile, 'utf8'));
      let alive = false;
      try {
        process.kill(holder, 0);
        alive = holder !== process.pid;
      } catch {
        alive = false;
      }
      if (!alive) {
        fs.rmSync(lockFile, { force: true });
        continue;
      }
      if (!waited) log.info(`another admin build is running (pid ${holder}); waiting for it`);
      waited = true;
      await new Promise((resolve) => setTimeout(resolve, 1000));
    }
  }
  try {
    return await work(waited);
  } finally {
    fs.rmSync(lockFile, { force: true });
  }
}

/** `strapi-plugin build`: dist/admin is what the playground's admin bundle imports. */
function buildPlugin() {
  const sdkBin = binOf('@strapi/sdk-plugin', 'bin/strapi-plugin.js');
  const result = spawnSync(process.execPath, [sdkBin, 'build'], { cwd: ROOT, stdio: 'inherit' });
  if (result.status !== 0) throw new Error(`strapi-plugin build exited with ${result.status ?? result.signal}`);
}

/** Strapi's own `strapi build`, run in the playground (a JavaScript app: no tsconfig.json above it). */
function runStrapiBuild() {
  const strapiBin = binOf('@strapi/strapi', 'bin/strapi.js');
  const env = { ...process.env, STRAPI_TELEMETRY_DISABLED: 'true' };
  // The admin build needs ~2 GB of heap.
  if (!/max-old-space-size/.test(env.NODE_OPTIONS ?? '')) env.NODE_OPTIONS = `${env.NODE_OPTIONS ?? ''} --max-old-space-size=4096`.trim();
  const result = spawnSync(process.execPath, [strapiBin, 'build', ...(process.argv.includes('--debug') ? ['--debug'] : [])], {
    cwd: PLAYGROUND,
    env,
    stdio: 'inherit',
  });
  if (result.status !== 0) throw new Error(`strapi build exited with ${result.status ?? result.signal}`);
}

async function main() {
  const args = process.argv.slice(2);
  if (args.includes('--help') || args.includes('-h')) {
    process.stdout.write(HELP);
    return;
  }
  const force = args.includes('--force');
  if (args.includes('--check')) {
    const reason = staleReason();
    log.info(reason ? `build needed: ${reason}` : 'admin panel is up to date');
    process.exit(reason ? 1 : 0);
  }

  const initialReason = force ? '--force' : staleReason();
  if (!initialReason) {
    const stamp = readJson(ADMIN_STAMP);
    log.ok(`admin panel is up to date (built ${new Date(stamp.finishedAt).toLocaleString()}), skipping the build; --force rebuilds it`);
    return;
  }

  await withLock(async (waited) => {
    // Another process may just have built it while this one waited.
    const reason = force && !waited ? '--force' : staleReason();
    if (!reason) {
      log.ok('admin panel is up to date (built by another process), skipping the build');
      return;
    }
    log.info(`building the admin panel into ${rel(ADMIN_BUILD_DIR)} (${reason}); this takes about a minute the first time`);
    const startedAt = Date.now();
    buildPlugin();
    runStrapiBuild();
    if (!fs.existsSync(path.join(ADMIN_BUILD_DIR, 'index.html'))) {
      throw new Error(`the build finished but ${rel(path.join(ADMIN_BUILD_DIR, 'index.html'))} is missing`);
    }
    const finishedAt = Date.now();
    writeJson(ADMIN_STAMP, { startedAt, finishedAt, durationMs: finishedAt - startedAt });
    log.ok(`admin panel built in ${formatDuration(finishedAt - startedAt)}`);
  });
}

main().then(
  () => process.exit(0),
  (error) => {
    log.error(`admin build failed: ${error?.stack || error}`);
    process.exit(1);
  },
);
