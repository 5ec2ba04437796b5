import type { PassThrough } from 'node:stream';
import type { Core } from '@strapi/strapi';
import type { CodeCreateResult, Redemption, RedemptionCode } from '../../../../contracts/api';
import { codeKey } from '../../../../contracts/codes';
import { PLUGIN_ID } from '../../../../contracts/plugin';
import { nanosToString, toNanos } from '../../rating';
import { BillingValidationError, ConflictError, DuplicateNameError, NotFoundError } from '../../errors';
import { getService } from '../../utils/get-service';
import { streamCsv } from '../../utils/csv';
import { onePage, paginationMeta } from '../../utils/pagination';
import type { CodeCreate, CodeFilter } from '../../validation/codes';
import { TABLES, asText, containsPattern, isUniqueViolation, newDocumentId, toDate, withTransaction, type Trx } from '../db';
import { generateBatchLabel, generateCode } from './generate';
import { CODE_CSV_COLUMNS, selectCodes, shapeCode, whereStatus } from './rows';

// Rows per INSERT of a bulk creation: 500 rows × 17 columns stays far below SQLite's bound-parameter limit.
const INSERT_CHUNK = 500;

/**
 * Redemption codes, the admin side: the only writer of the codes table besides redemption (which counts
 * uses, see services/redemptions.ts). Creation of up to 10,000 codes is one transaction of chunked inserts.
 */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const db = () => strapi.db.connection;

  const planNames = async () => new Map((await getService('plans').records()).map((p) => [p.id, p.name]));

  const filtered = (filter: Omit<CodeFilter, 'page' | 'pageSize'>, now: Date) => {
    const q = selectCodes(db()).whereNull('deleted_at');
    if (filter.batch) q.where('batch', filter.batch);
    if (filter.mode) q.where('mode', filter.mode);
    if (filter.status) whereStatus(q, filter.status, now);
    if (filter.q) {
      const like = containsPattern(filter.q.toLowerCase());
      const key = codeKey(filter.q);
      q.where((w) => {
        if (key) w.whereRaw("code_key LIKE ? ESCAPE '\\'", [containsPattern(key)]);
        w.orWhereRaw("LOWER(COALESCE(description, '')) LIKE ? ESCAPE '\\'", [like]).orWhereRaw("LOWER(COALESCE(batch, '')) LIKE ? ESCAPE '\\'", [like]);
      });
    }
    return q;
  };

  const findLive = async (trx: Trx, id: number) => {
    const row = await selectCodes(trx).where({ id }).whereNull('deleted_at').first();
    if (!row) throw new NotFoundError('Code', { id });
    return row;
  };

  return {
    /** One code or a batch, all in one transaction. A chosen code that exists already is a 409. */
    async create(input: CodeCreate): Promise<CodeCreateResult> {
      if (input.mode === 'period') {
        const exists = await db()(TABLES.plans).where({ id: input.planId }).first('id');
        if (!exists) throw BillingValidationError.naming('Invalid code', [{ path: 'planId', message: `is not an existing plan (${input.planId})` }]);
      }
      const now = new Date();
      const batch = input.batch ?? generateBatchLabel(now);
      const texts = input.code !== undefined ? [input.code] : Array.from({ length: input.count }, generateCode);
      const rows = texts.map((code) => ({
        document_id: newDocumentId(),
        created_at: now,
        updated_at: now,
        published_at: now,
        code,
        code_key: codeKey(code),
        mode: input.mode,
        amount: input.mode === 'usage' ? toNanos(input.amount!).toString() : '0',
        plan_id: input.mode === 'period' ? input.planId : null,
        duration_days: input.mode === 'period' ? input.durationDays : null,
        total_uses: input.totalUses,
        used_count: 0,
        per_user_limit: input.perUserLimit,
        expires_at: input.expiresAt ?? null,
        description: input.description ?? null,
        batch,
        enabled: true,
      }));
      try {
        await withTransaction(strapi, async (trx) => {
          for (let i = 0; i < rows.length; i += INSERT_CHUNK) await trx(TABLES.codes).insert(rows.slice(i, i + INSERT_CHUNK));
        });
      } catch (error) {
        // 99 random bits make a clash of generated codes practically impossible; a chosen code may exist.
        if (isUniqueViolation(error)) {
          if (input.code === undefined) throw new ConflictError('A generated code clashed with an existing one: try again', { code: null });
          const existing = await db()(TABLES.codes).where({ code_key: codeKey(input.code) }).first('id', 'code');
          throw new DuplicateNameError(
            'code',
            input.code,
            existing && { id: Number(existing.id), name: String(existing.code) },
            `The code "${input.code}" exists already`,
          );
        }
        throw error;
      }
      return { batch, codes: texts };
    },

    async list(filter: CodeFilter) {
      const now = new Date();
      const { page, pageSize, ...where } = filter;
      const [{ count }] = await filtered(where, now).clearSelect().count({ count: '*' });
      const rows = await onePage(filtered(where, now).orderBy('id', 'desc'), { page, pageSize });
      const names = await planNames();
      return { data: rows.map((r: any) => shapeCode(r, now, names)), meta: { pagination: paginationMeta({ page, pageSize }, Number(count)) } };
    },

    async setEnabled(id: number, enabled: boolean): Promise<RedemptionCode> {
      await findLive(db(), id);
      await db()(TABLES.codes).where({ id }).update({ enabled, updated_at: new Date() });
      return shapeCode(await findLive(db(), id), new Date(), await planNames());
    },

    /** Soft delete: gone from lists and never redeemable again; its redemptions stay. */
    async delete(id: number): Promise<RedemptionCode> {
      const row = await findLive(db(), id);
      await db()(TABLES.codes).where({ id }).update({ deleted_at: new Date(), updated_at: new Date() });
      return shapeCode(row, new Date(), await planNames());
    },

    /** Every code of the filter (a batch, a status…) as CSV, streamed; cells are spreadsheet-formula-safe. */
    async exportCsv(filter: Omit<CodeFilter, 'page' | 'pageSize'>): Promise<PassThrough> {
      const now = new Date();
      const names = await planNames();
      return streamCsv({
        header: CODE_CSV_COLUMNS,
        page: (after: any, limit) => {
          const q = filtered(filter, now).orderBy('id', 'desc').limit(limit);
          if (after !== null) q.where('id', '<', after.id);
          return q;
        },
        cells: (row: any) => {
          const code = shapeCode(row, now, names);
          return CODE_CSV_COLUMNS.map((column) => code[column]);
        },
        onError: (error) => strapi.log.error(`${PLUGIN_ID}: code export failed: ${error.message}`),
      });
    },

    /** The redemptions of one code (deleted codes included), newest first. */
    async redemptions(id: number): Promise<Redemption[]> {
      const code = await db()(TABLES.codes).where({ id }).first('id');
      if (!code) throw new NotFoundError('Code', { id });
      const rows = await db()(TABLES.redemptions)
        .select('id', 'code_id', 'code', 'user_id', 'mode', asText(db(), 'amount'), 'plan_id', 'duration_days', 'ledger_reference', 'subscription_id', 'created_at')
        .where({ code_id: id })
        .orderBy('id', 'desc');
      return rows.map(shapeRedemption);
    },
  };
};

export const shapeRedemption = (r: any): Redemption => ({
  id: Number(r.id),
  codeId: Number(r.code_id),
  code: r.code,
  userId: r.user_id,
  mode: r.mode,
  amount: r.mode === 'usage' ? nanosToString(r.amount ?? '0') : null,
  planId: r.plan_id === null || r.plan_id === undefined ? null : Number(r.plan_id),
  durationDays: r.duration_days === null || r.duration_days === undefined ? null : Number(r.duration_days),
  ledgerReference: r.ledger_reference ?? null,
  subscriptionId: r.subscription_id === null || r.subscription_id === undefined ? null : Number(r.subscription_id),
  createdAt: toDate(r.created_at)!.toISOString(),
});
