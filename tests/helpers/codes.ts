// Helpers for the redemption code suites.
import type { Core } from '@strapi/strapi';
import type { CodeCreateInput, CodeCreateResult } from '../../contracts/api';
import { adminPost, type HasServer } from './metering';

/** Codes created through the admin API (201 expected). */
export async function createCodes(ctx: HasServer, admin: string, input: CodeCreateInput): Promise<CodeCreateResult> {
  const res = await adminPost(ctx, admin, '/codes', input);
  if (res.status !== 201) throw new Error(`code create failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.data;
}

/** Rows of the tables a redemption writes, for "nothing written" checks. */
export async function redemptionCounts(strapi: Core.Strapi) {
  const knex = strapi.db.connection;
  const count = async (table: string) => Number(((await knex(table).count({ c: '*' }).first()) as { c: number | string }).c);
  const used = await knex('ub_codes').select(knex.raw('COALESCE(SUM(used_count), 0) AS u')).first();
  return {
    redemptions: await count('ub_redemptions'),
    ledger: await count('ub_ledger_entries'),
    subscriptions: await count('ub_subscriptions'),
    usedCount: Number((used as { u: number | string }).u),
  };
}
