import type { BillingMode, UsageStatus } from '../../../../contracts/billing';
import { toNanos, type Bill, type PriceBook, type ValidatedUsageReport } from '../../rating';
import { TABLES, rowMeta, toJson, utcDay, type Trx } from '../db';
import { COUNT_COLUMNS } from './log-rows';

/** One reported call as it is logged. */
export interface UsageLogEntry {
  /** The log's document id, already given to the caller's answer. */
  logId: string;
  request: ValidatedUsageReport;
  /** Tells an identical retry from another body under the same requestId. */
  requestHash: string;
  billingMode: BillingMode;
  bill: Bill;
  /** The prices the bill was rated with and their version: the log's snapshot, so it never depends on today's prices. */
  book: PriceBook;
  priceVersion: number | null;
  /** Nanos actually charged. */
  charged: bigint;
  status: UsageStatus;
  flags: string[];
  occurredAt: Date;
  /** The answer to the report, replayed to an identical retry. */
  response: unknown;
}

/** The usage log row of a call, as inserted (one statement writes one or many of them). */
export const usageLogRow = (entry: UsageLogEntry, now = new Date()) => {
  const { request, bill, book } = entry;
  const u = request.usage;
  return {
    ...rowMeta(now, entry.logId),
    request_id: request.requestId,
    request_hash: entry.requestHash,
    user_id: request.userId,
    model: request.model,
    pricing_mode: bill.mode,
    billing_mode: entry.billingMode,
    route_source: request.routeSource ?? null,
    service_tier: request.serviceTier ?? null,
    ...Object.fromEntries(COUNT_COLUMNS.map(({ count, column }) => [column, u[count] ?? 0])),
    duration_seconds: String(u.durationSeconds),
    calls: u.calls,
    tools: toJson(request.tools),
    cost: toNanos(bill.total).toString(),
    charged: entry.charged.toString(),
    currency: bill.currency,
    lines: toJson(bill.lines),
    snapshot: toJson({ version: entry.priceVersion, price: book.price, tools: book.tools, multipliers: book.multipliers, bill }),
    flags: toJson(entry.flags),
    latency_ms: request.latencyMs ?? null,
    status: entry.status,
    error_message: request.errorMessage ?? null,
    hold_id: request.holdId ?? null,
    occurred_at: entry.occurredAt,
    response: toJson(entry.response),
  };
};

/** What one call adds to its daily rollup (day, user, model). Money in nanos, as text. */
export interface RollupDelta {
  day: string;
  userId: string;
  model: string;
  calls: number;
  tokens: number;
  cost: bigint;
  charged: bigint;
}

export const rollupDelta = (entry: UsageLogEntry): RollupDelta => ({
  day: utcDay(entry.occurredAt),
  userId: entry.request.userId,
  model: entry.request.model,
  calls: 1,
  // Every kind of token counts toward the rollup's tokens.
  tokens: COUNT_COLUMNS.reduce((sum, { count }) => sum + (entry.request.usage[count] ?? 0), 0),
  cost: toNanos(entry.bill.total),
  charged: entry.charged,
});

/**
 * Adds calls to their daily rollups in one statement: `deltas` must hold each (day, user, model) once
 * (PostgreSQL refuses to update one row twice in one upsert). The caller sorts them, so that concurrent
 * writers of several rollup rows lock them in the same order.
 */
export const addToRollups = (trx: Trx, deltas: RollupDelta[], now = new Date()) =>
  trx(TABLES.rollups)
    .insert(
      deltas.map((d) => ({
        ...rowMeta(now),
        day: d.day,
        user_id: d.userId,
        model: d.model,
        calls: d.calls,
        tokens: d.tokens,
        cost: d.cost.toString(),
        charged: d.charged.toString(),
      })),
    )
    .onConflict(['day', 'user_id', 'model'])
    .merge({
      calls: trx.raw('?? + ??', [`${TABLES.rollups}.calls`, 'excluded.calls']),
      tokens: trx.raw('?? + ??', [`${TABLES.rollups}.tokens`, 'excluded.tokens']),
      cost: trx.raw('?? + ??', [`${TABLES.rollups}.cost`, 'excluded.cost']),
      charged: trx.raw('?? + ??', [`${TABLES.rollups}.charged`, 'excluded.charged']),
      updated_at: now,
    });

/**
 * Writes the call's log row and adds the call to its daily rollup (day, user, model), inside the
 * caller's transaction. Not an async function: the hot path awaits this one promise where it used to
 * await each of the two statements, so it pays no extra await per call.
 */
export const recordUsage = (trx: Trx, entry: UsageLogEntry): Promise<unknown> => {
  const now = new Date();
  const insertLog = trx(TABLES.logs).insert(usageLogRow(entry, now));
  const delta = rollupDelta(entry);
  const cost = delta.cost.toString();
  const charged = delta.charged.toString();
  const addToRollup = () =>
    trx(TABLES.rollups)
      .insert({ ...rowMeta(), day: delta.day, user_id: delta.userId, model: delta.model, calls: 1, tokens: delta.tokens, cost, charged })
      .onConflict(['day', 'user_id', 'model'])
      .merge({
        calls: trx.raw('?? + 1', [`${TABLES.rollups}.calls`]),
        tokens: trx.raw('?? + ?', [`${TABLES.rollups}.tokens`, delta.tokens]),
        cost: trx.raw('?? + ?', [`${TABLES.rollups}.cost`, cost]),
        charged: trx.raw('?? + ?', [`${TABLES.rollups}.charged`, charged]),
        updated_at: now,
      });
  return insertLog.then(addToRollup);
};
