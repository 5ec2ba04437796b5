'use strict';
// Where things are: every script resolves paths from here, never from the current directory.
const path = require('node:path');

const ROOT = path.resolve(__dirname, '..', '..');
const PLAYGROUND = path.join(ROOT, 'playground');

/** A package's command script, resolved from the repository (export maps do not expose bin/). */
const binOf = (pkg, bin) => path.join(path.dirname(require.resolve(`${pkg}/package.json`, { paths: [ROOT] })), bin);

module.exports = {
  ROOT,
  binOf,
  PLAYGROUND,
  /** Git-ignored: credentials and build stamps of the demo. */
  DEMO_DIR: path.join(ROOT, '.demo'),
  CREDENTIALS_FILE: path.join(ROOT, '.demo', 'credentials.json'),
  /** The demo's app secrets, generated on first run (scripts/lib/app-secrets.js). */
  SECRETS_FILE: path.join(ROOT, '.demo', 'secrets.json'),
  SERVER_STAMP: path.join(ROOT, '.demo', 'server-build.json'),
  /** Where `strapi build` writes the admin panel of a JS app (distDir = appDir) and where Strapi serves it from. */
  ADMIN_BUILD_DIR: path.join(PLAYGROUND, 'build'),
  ADMIN_STAMP: path.join(PLAYGROUND, 'build', '.usage-billing-build.json'),
  SERVER_ENTRY: path.join(ROOT, 'dist', 'server', 'index.js'),
  RATING_MODULE: path.join(ROOT, 'dist', 'rating', 'index.js'),
};
