'use strict';
// Shared by the global setup (plain Node) and the cases (through ts-jest).
const path = require('node:path');

const ROOT = path.resolve(__dirname, '..', '..', '..');

module.exports = {
  ROOT,
  /** Git-ignored; filled only with E2E_SCREENSHOTS=1. */
  SCREENSHOT_DIR: path.join(ROOT, '.e2e-screenshots'),
  TRANSLATIONS_DIR: path.join(ROOT, 'admin', 'src', 'translations'),
  PLUGIN_ID: require(path.join(ROOT, 'package.json')).strapi.name,
};
