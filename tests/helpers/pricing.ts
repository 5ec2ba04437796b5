// Helpers for the pricing integration tests: admin/gateway HTTP shortcuts, table snapshots to prove
// that nothing was written, and a runner for the `usage-billing` CLI.
import fs from 'fs';
import os from 'os';
import path from 'path';
import { execFileSync } from 'child_process';
import type { Server } from 'http';
import request from 'supertest';
import type { Core } from '@strapi/strapi';
import type { Bill } from '../../server/src/rating';
import type { LogSnapshot, RequestBody } from './metering';

// The CLI as the package ships it: bin/usage-billing.js loads the compiled rating module (dist/rating),
// so cliQuote() exercises the build, not the sources (`npm test` builds first).
const CLI = path.resolve(__dirname, '..', '..', 'bin', 'usage-billing.js');

/** Every table the pricing side (and a usage report) can write to. */
export const PRICING_TABLES = ['ub_model_prices', 'ub_models', 'ub_tool_prices', 'ub_service_multipliers'];
export const USAGE_TABLES = ['ub_usage_logs', 'ub_usage_rollups', 'ub_accounts', 'ub_ledger_entries', 'ub_holds'];

/** Shortcuts for routes with a bearer token: admin routes (`/usage-billing/…`) or content-API routes. */
export function client(server: Server, token: string | null | undefined, prefix = '/usage-billing') {
  const auth = (req: request.Test) => (token ? req.set('Authorization', `Bearer ${token}`) : req);
  return {
    get: (p: string) => auth(request(server).get(`${prefix}${p}`)),
    post: (p: string, body?: RequestBody) => auth(request(server).post(`${prefix}${p}`)).send(body as string | object | undefined),
    put: (p: string, body?: RequestBody) => auth(request(server).put(`${prefix}${p}`)).send(body as string | object | undefined),
    del: (p: string) => auth(request(server).delete(`${prefix}${p}`)),
  };
}

/** Every row of the given tables (ordered by id), to compare before/after a request that must write nothing. */
export async function dumpTables(strapi: Core.Strapi, tables: string[] = [...PRICING_TABLES, ...USAGE_TABLES]): Promise<Record<string, unknown[]>> {
  const knex = strapi.db.connection;
  const out: Record<string, unknown[]> = {};
  for (const table of tables) out[table] = await knex(table).select('*').orderBy('id');
  return out;
}

export async function countRows(strapi: Core.Strapi, table: string, where: Record<string, unknown> = {}): Promise<number> {
  const row = (await strapi.db.connection(table).where(where).count({ n: '*' }).first()) as { n: number | string };
  return Number(row.n);
}

/** A usage log as usageLog() reads it: money as nanos in text (exact on both databases), JSON parsed. */
export interface UsageLogView {
  requestId: string;
  model: string;
  /** Nanos, as text. */
  cost: string;
  /** Nanos, as text. */
  charged: string;
  snapshot: LogSnapshot;
  lines: Bill['lines'];
}

/** The usage log of a request, its money columns read as text (exact on both databases) and JSON parsed; throws when there is none. */
export async function usageLog(strapi: Core.Strapi, requestId: string): Promise<UsageLogView> {
  const knex = strapi.db.connection;
  const row = await knex('ub_usage_logs')
    .select('request_id', 'model', 'snapshot', 'lines', knex.raw('CAST(cost AS TEXT) AS cost_text'), knex.raw('CAST(charged AS TEXT) AS charged_text'))
    .where({ request_id: requestId })
    .first();
  if (!row) throw new Error(`no usage log for requestId ${requestId}`);
  const json = (v: unknown) => (typeof v === 'string' ? JSON.parse(v) : v);
  return { requestId: row.request_id, model: row.model, cost: row.cost_text, charged: row.charged_text, snapshot: json(row.snapshot), lines: json(row.lines) };
}

interface NamedLists {
  models?: { model: string }[];
  tools?: { tool: string }[];
  multipliers?: { name: string }[];
}

/** A pricing file with its lists sorted by name, for order-insensitive comparison. */
export function sortedFile<F extends NamedLists>(file: F) {
  const by =
    <K extends string>(key: K) =>
    (a: Record<K, string>, b: Record<K, string>) =>
      a[key] < b[key] ? -1 : a[key] > b[key] ? 1 : 0;
  return {
    ...file,
    models: [...(file.models ?? [])].sort(by('model')),
    tools: [...(file.tools ?? [])].sort(by('tool')),
    multipliers: [...(file.multipliers ?? [])].sort(by('name')),
  };
}

/** What cliQuote() saw: exit status, output, and stdout parsed as JSON when the CLI succeeded. */
export interface CliResult {
  status: number;
  stdout: string;
  stderr: string;
  json: unknown;
}

/**
 * Runs `usage-billing quote --pricing <file> --usage <file>` on the given JSON values.
 * Returns { status, stdout, stderr, json } (json: the parsed stdout when the CLI succeeded).
 */
export function cliQuote(pricing: unknown, usage: unknown): CliResult {
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
    const failed = error as { status?: unknown; stdout?: unknown; stderr?: unknown };
    if (typeof failed.status !== 'number') throw error;
    return { status: failed.status, stdout: String(failed.stdout), stderr: String(failed.stderr), json: undefined };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
