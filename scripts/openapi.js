#!/usr/bin/env node
'use strict';
// `npm run openapi`: writes docs/openapi.json, the OpenAPI 3.1 document of the plugin's content API, exactly
// as GET /api/usage-billing/openapi.json serves it (Strapi's default /api prefix). It reads the built server
// (the npm script builds it first). tests/unit/openapi-document.test.ts fails while the committed file
// differs from what the code generates.
const fs = require('node:fs');
const path = require('node:path');

const ROOT = path.resolve(__dirname, '..');
const OUT = path.join(ROOT, 'docs', 'openapi.json');

/** The JSON text of the document: 2-space indented, one trailing newline. */
const render = (document) => `${JSON.stringify(document, null, 2)}\n`;

async function main() {
  const server = require(path.join(ROOT, 'dist', 'server', 'index.js'));
  const plugin = server.default ?? server;
  // The route's own controller, with Strapi's config reduced to the default prefix.
  global.strapi = { config: { get: (_key, fallback) => fallback } };
  const ctx = {};
  await plugin.controllers.openapi.document(ctx);
  fs.writeFileSync(OUT, render(ctx.body));
  console.log(`wrote ${path.relative(ROOT, OUT)} (${Object.keys(ctx.body.paths).length} paths)`);
}

module.exports = { render };

if (require.main === module) {
  main().catch((error) => {
    console.error(error);
    process.exitCode = 1;
  });
}
