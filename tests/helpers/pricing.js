'use strict';
// Helpers for the pricing integration tests: admin/gateway HTTP shortcuts, table snapshots to prove
// that nothing was written, and a runner for the `usage-billing` CLI.
const fs = require('fs');
const os = require('os');
const path = require('path');
const { execFileSync } = require('child_process');
const request = require('supertest');

const CLI = path.resolve(__dirname, '..', '..', 'bin', 'usage-billing.js');

/** Every table the pricing side (and a usage report) can write to. */
const PRICING_TABLES = ['ub_model_prices', 'ub_models', 'ub_tool_prices', 'ub_service_multipliers'];
const USAGE_TABLES = ['ub_usage_logs', 'ub_usage_rollups', 'ub_accounts', 'ub_ledger_entries', 'ub_holds'];

/** Shortcuts for routes with a bearer token: admin routes (`/usage-billing/…`) or content-API routes. */
function client(server, token, prefix = '/usage-billing') {
  const auth = (req) => (token ? req.set('Authorization', `Bearer ${token}`) : req);
  return {
    get: (p) => auth(request(server).get(`${prefix}${p}`)),
    post: (p, body) => auth(request(server).post(`${prefix}${p}`)).send(body),
    put: (p, body) => auth(request(server).put(`${prefix}${p}`)).send(body),
    del: (p) => auth(request(server).delete(`${prefix}${p}`)),
  };
}

/** The `field` of every error of a 400 answer, e.g. ['tiers[1].upTo']. */
const errorFields = (res) => (res.body?.error?.details?.errors ?? []).map((e) => e.field);

/** Every row of the given tables (ordered by id), to compare before/after a request that must write nothing. */
async function dumpTables(strapi, tables = [...PRICING_TABLES, ...USAGE_TABLES]) {
  const knex = strapi.db.connection;
  const out = {};
  for (const table of tables) out[table] = await knex(table).select('*').orderBy('id');
  return out;
}

async function countRows(strapi, table, where = {}) {
  const row = await strapi.db.connection(table).where(where).count({ n: '*' }).first();
  return Number(row.n);
}

/** A usage log row with its money columns read as text (exact on both databases) and JSON parsed. */
async function usageLog(strapi, requestId) {
  const knex = strapi.db.connection;
  const row = await knex('ub_usage_logs')
    .select('request_id', 'model', 'snapshot', 'lines', knex.raw('CAST(cost AS TEXT) AS cost_text'), knex.raw('CAST(charged AS TEXT) AS charged_text'))
    .where({ request_id: requestId })
    .first();
  if (!row) return null;
  const json = (v) => (typeof v === 'string' ? JSON.parse(v) : v);
  return { requestId: row.request_id, model: row.model, cost: row.cost_text, charged: row.charged_text, snapshot: json(row.snapshot), lines: json(row.lines) };
}

/** A pricing file with its lists sorted by name, for order-insensitive comparison. */
function sortedFile(file) {
  const by = (key) => (a, b) => (a[key] < b[key] ? -1 : a[key] > b[key] ? 1 : 0);
  return {
    ...file,
    models: [...(file.models ?? [])].sort(by('model')),
    tools: [...(file.tools ?? [])].sort(by('tool')),
    multipliers: [...(file.multipliers ?? [])].sort(by('name')),
  };
}

/**
 * Runs `usage-billing quote --pricing <file> --usage <file>` on the given JSON values.
 * Returns { status, stdout, stderr, json } (json: the parsed stdout when the CLI succeeded).
 */
function cliQuote(pricing, usage) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ub-cli-'));
  const pricingPath = path.join(dir, 'pricing.json');
  const usagePath = path.join(dir, 'usage.json');
  fs.writeFileSync(pricingPath, JSON.stringify(pricing));
  fs.writeFileSync(usagePath, JSON.stringify(usage));
  try {
    const stdout = execFileSync(process.execPath, [CLI, 'quote', '--pricing', pricingPath, '--usage', usagePath], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    return { status: 0, stdout, stderr: '', json: JSON.parse(stdout) };
  } catch (error) {
    if (typeof error.status !== 'number') throw error;
    return { status: error.status, stdout: String(error.stdout), stderr: String(error.stderr), json: undefined };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

module.exports = { PRICING_TABLES, USAGE_TABLES, client, errorFields, dumpTables, countRows, usageLog, sortedFile, cliQuote };
