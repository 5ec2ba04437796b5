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

/**
 * Writes the call's log row and adds the call to its daily rollup (day, user, model), inside the
 * caller's transaction. Not an async function: the hot path awaits this one promise where it used to
 * await each of the two statements, so it pays no extra await per call.
 */
export const recordUsage = (trx: Trx, entry: UsageLogEntry): Promise<unknown> => {
  const { request, bill, book } = entry;
  const now = new Date();
  const cost = toNanos(bill.total).toString();
  const charged = entry.charged.toString();
  const u = request.usage;
  const insertLog = trx(TABLES.logs).insert({
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
    cost,
    charged,
    currency: bill.currency,
    lines: toJson(bill.lines),
    snapshot: toJson({ version: entry.priceVersion, price: book.price, tools: book.tools, multipliers: book.multipliers, bill }),
    flags: toJson(entry.flags),
    latency_ms: request.latencyMs ?? null,
    status: entry.status,
    hold_id: request.holdId ?? null,
    occurred_at: entry.occurredAt,
    response: toJson(entry.response),
  });
  // Every kind of token counts toward the rollup's tokens.
  const tokens = COUNT_COLUMNS.reduce((sum, { count }) => sum + (u[count] ?? 0), 0);
  const addToRollup = () =>
    trx(TABLES.rollups)
      .insert({ ...rowMeta(), day: utcDay(entry.occurredAt), user_id: request.userId, model: request.model, calls: 1, tokens, cost, charged })
      .onConflict(['day', 'user_id', 'model'])
      .merge({
        calls: trx.raw('?? + 1', [`${TABLES.rollups}.calls`]),
        tokens: trx.raw('?? + ?', [`${TABLES.rollups}.tokens`, tokens]),
        cost: trx.raw('?? + ?', [`${TABLES.rollups}.cost`, cost]),
        charged: trx.raw('?? + ?', [`${TABLES.rollups}.charged`, charged]),
        updated_at: now,
      });
  return insertLog.then(addToRollup);
};
