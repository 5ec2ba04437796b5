#!/usr/bin/env node
'use strict';
// Builds the Strapi admin panel of the playground app, with this plugin's admin UI, into
// playground/build (where Strapi serves it from). Skipped when that build is newer than every
// file it is made of; `--force` rebuilds anyway.
//
//   npm run build:admin [-- --force]     node scripts/build-admin.js [--force] [--check]
//
// The build runs through Strapi's own build function rather than the `strapi build` command,
// because the command looks for a tsconfig.json upwards from playground/, finds the plugin's
// own one at the repository root and would then treat the JavaScript playground as a
// TypeScript app (compiling the plugin and writing the admin into the plugin's dist/).

const fs = require('node:fs');
const path = require('node:path');
const v8 = require('node:v8');
const { spawnSync } = require('node:child_process');
const { ROOT, PLAYGROUND, ADMIN_BUILD_DIR, ADMIN_STAMP, DEMO_DIR } = require('./lib/paths');
const { createLog, formatDuration } = require('./lib/console');
const { newestMtime, readJson, writeJson } = require('./lib/fs-utils');

const log = createLog('build:admin');

/** Everything the admin bundle is made of (besides Strapi itself, pinned by package-lock.json). */
const INPUTS = [
  path.join(ROOT, 'admin'),
  path.join(ROOT, 'strapi-admin.ts'),
  path.join(ROOT, 'package-lock.json'),
  path.join(ROOT, 'package.json'),
  path.join(PLAYGROUND, 'config', 'admin.js'),
  path.join(PLAYGROUND, 'config', 'plugins.js'),
  path.join(PLAYGROUND, 'src', 'admin'),
];

const HELP = `Usage: node scripts/build-admin.js [--force] [--check]
  Builds the admin panel into playground/build unless it is newer than admin/**, strapi-admin.ts,
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

/** The plugin's admin entry (package.json exports["./strapi-admin"].import) must exist for the bundle to import it. */
function assertAdminEntry() {
  const pkg = readJson(path.join(ROOT, 'package.json')) || {};
  const entry = pkg.exports?.['./strapi-admin']?.import;
  if (entry && !fs.existsSync(path.join(ROOT, entry))) {
    log.error(`the plugin's admin entry ${entry} (package.json exports["./strapi-admin"]) does not exist`);
    process.exit(1);
  }
}

/** Strapi refuses to build unless the app's package.json declares React & co; the playground borrows the root's. */
function playgroundDeclaresAdminDeps() {
  const pkg = readJson(path.join(PLAYGROUND, 'package.json')) || {};
  const declared = { ...pkg.devDependencies, ...pkg.dependencies };
  return ['react', 'react-dom', 'react-router-dom', 'styled-components'].every((dep) => declared[dep]);
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

/**
 * Strapi pins some admin modules (e.g. @radix-ui/react-tooltip) to one copy by resolving them from
 * @strapi/admin's directory. npm installs that one only under @strapi/design-system/node_modules (the
 * package that uses it), where that lookup does not reach; fall back to design-system's copy.
 */
function resolveRadixFromDesignSystem() {
  const Module = require('node:module');
  const designSystemDir = path.dirname(require.resolve('@strapi/design-system/package.json', { paths: [ROOT] }));
  const original = Module._resolveFilename;
  Module._resolveFilename = function resolveWithFallback(request, parent, isMain, options) {
    try {
      return original.call(this, request, parent, isMain, options);
    } catch (error) {
      if (error?.code !== 'MODULE_NOT_FOUND' || !request.startsWith('@radix-ui/')) throw error;
      return original.call(this, request, parent, isMain, { ...options, paths: [designSystemDir] });
    }
  };
}

async function runStrapiBuild() {
  resolveRadixFromDesignSystem();
  const strapiDir = path.dirname(require.resolve('@strapi/strapi/package.json', { paths: [ROOT] }));
  const { build } = require(path.join(strapiDir, 'dist', 'src', 'node', 'build.js'));
  const { createLogger } = require(path.join(strapiDir, 'dist', 'src', 'cli', 'utils', 'logger.js'));
  const strapiLogger = createLogger({ debug: process.argv.includes('--debug'), silent: false, timestamp: false });

  if (!playgroundDeclaresAdminDeps()) {
    // The dependencies are installed at the repository root, so the check would only fail; skip it
    // and hide its "experimental dependencies" warning, which does not apply here.
    process.env.USE_EXPERIMENTAL_DEPENDENCIES = 'true';
    const warn = strapiLogger.warn.bind(strapiLogger);
    strapiLogger.warn = (...args) => {
      if (String(args[0]).includes('experimental dependencies')) return;
      warn(...args);
    };
  }

  process.env.STRAPI_TELEMETRY_DISABLED = 'true';
  // Like `strapi build`, which runs in the app directory: the bundler resolves its entry from there.
  process.chdir(PLAYGROUND);
  await build({
    cwd: PLAYGROUND,
    logger: strapiLogger,
    tsconfig: undefined,
    bundler: 'vite',
    minify: true,
    sourcemap: false,
    stats: false,
    installDeps: false,
  });
}

/** The admin build needs ~2 GB of heap; restart with a larger limit when the default is too small. */
function ensureHeap() {
  const limitMb = v8.getHeapStatistics().heap_size_limit / 1024 / 1024;
  if (limitMb >= 3000 || process.env.UB_BUILD_ADMIN_CHILD) return;
  const result = spawnSync(process.execPath, ['--max-old-space-size=4096', __filename, ...process.argv.slice(2)], {
    stdio: 'inherit',
    env: { ...process.env, UB_BUILD_ADMIN_CHILD: '1' },
  });
  process.exit(result.status ?? 1);
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

  ensureHeap();
  assertAdminEntry();
  await withLock(async (waited) => {
    // Another process may just have built it while this one waited.
    const reason = force && !waited ? '--force' : staleReason();
    if (!reason) {
      log.ok('admin panel is up to date (built by another process), skipping the build');
      return;
    }
    log.info(`building the admin panel into ${rel(ADMIN_BUILD_DIR)} (${reason}); this takes about a minute the first time`);
    const startedAt = Date.now();
    await runStrapiBuild();
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
