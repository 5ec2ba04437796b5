import type { Knex } from 'knex';
import type { RedemptionCode } from '../../../../contracts/api';
import type { CodeStatus } from '../../../../contracts/codes';
import { nanosToString } from '../../rating';
import { TABLES, asText, toDate, type Trx } from '../db';

/** The columns of a code row the services read (amount as exact text). */
export const selectCodes = (db: Trx) =>
  db(TABLES.codes).select(
    'id', 'code', 'code_key', 'mode', asText(db, 'amount'), 'plan_id', 'duration_days', 'total_uses', 'used_count',
    'per_user_limit', 'expires_at', 'description', 'batch', 'enabled', 'created_at',
  );

/** A code's derived state at `now` (contracts/codes.ts gives the precedence). */
export const codeStatus = (row: any, now: Date): CodeStatus => {
  if (!row.enabled) return 'disabled';
  const expiresAt = toDate(row.expires_at);
  if (expiresAt && expiresAt <= now) return 'expired';
  if (Number(row.used_count) >= Number(row.total_uses)) return 'exhausted';
  return 'active';
};

/** The same state as a query condition, for filters and exports. */
export const whereStatus = (q: Knex.QueryBuilder, status: CodeStatus, now: Date) => {
  if (status === 'disabled') return q.where('enabled', false);
  q.where('enabled', true);
  const notExpired = (w: Knex.QueryBuilder) => w.whereNull('expires_at').orWhere('expires_at', '>', now);
  if (status === 'expired') return q.where('expires_at', '<=', now);
  q.where(notExpired);
  return status === 'exhausted' ? q.whereRaw('used_count >= total_uses') : q.whereRaw('used_count < total_uses');
};

export const shapeCode = (row: any, now: Date, planNames: Map<number, string>): RedemptionCode => {
  const planId = row.plan_id === null || row.plan_id === undefined ? null : Number(row.plan_id);
  return {
    id: Number(row.id),
    code: row.code,
    mode: row.mode,
    amount: row.mode === 'usage' ? nanosToString(row.amount ?? '0') : null,
    planId,
    planName: planId === null ? null : (planNames.get(planId) ?? null),
    durationDays: row.duration_days === null || row.duration_days === undefined ? null : Number(row.duration_days),
    totalUses: Number(row.total_uses),
    usedCount: Number(row.used_count),
    perUserLimit: Number(row.per_user_limit),
    expiresAt: toDate(row.expires_at)?.toISOString() ?? null,
    description: row.description ?? null,
    batch: row.batch,
    enabled: Boolean(row.enabled),
    status: codeStatus(row, now),
    createdAt: toDate(row.created_at)!.toISOString(),
  };
};

/** The CSV columns of a code export, in order. */
export const CODE_CSV_COLUMNS = [
  'code', 'mode', 'amount', 'planName', 'durationDays', 'totalUses', 'usedCount', 'perUserLimit', 'expiresAt', 'status', 'batch', 'description', 'createdAt',
] as const satisfies readonly (keyof RedemptionCode)[];
