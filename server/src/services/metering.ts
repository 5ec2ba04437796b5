import crypto from 'node:crypto';
import type { Core } from '@strapi/strapi';
import {
  nanosToString,
  rate,
  toNanos,
  UnknownMultiplierError,
  type Bill,
  type ModelPrice,
  type ValidatedRateRequest,
  type ValidatedUsageReport,
} from '../rating';
import { BillingValidationError, ConflictError, IdempotencyConflictError, ModelNotAllowedError } from '../errors';
import { TABLES, fromJson, isUniqueViolation, rowMeta, toJson, utcDay, withTransaction, type Trx } from './db';
import { fundingSources } from './funding';
import type { BillingSettings } from './settings';

export interface UsageResult {
  requestId: string;
  userId: string;
  mode: BillingSettings['mode'];
  model: string;
  currency: string;
  cost: string;
  charged: string;
  lines: Bill['lines'];
  balance?: string;
  remainingCredit?: string;
  status: 'success' | 'error' | 'unpriced';
  flags: string[];
  logId: string;
}

export interface ReportOptions {
  /** When the call happened (seeding and backfills); defaults to now. */
  occurredAt?: Date;
  /** Test-only fault injection: throw after the ledger write, before commit. */
  failAfterCharge?: boolean;
}

/** sha256 of the request with keys sorted: an identical retry hashes the same, any other body does not. */
const requestHash = (request: ValidatedUsageReport): string => {
  const sortKeys = (value: unknown): unknown =>
    Array.isArray(value)
      ? value.map(sortKeys)
      : value && typeof value === 'object'
        ? Object.fromEntries(Object.entries(value).sort(([a], [b]) => a.localeCompare(b)).map(([k, v]) => [k, sortKeys(v)]))
        : value;
  return crypto.createHash('sha256').update(JSON.stringify(sortKeys(request))).digest('hex');
};

/**
 * The hot path every model call crosses. authorize() and report() each run in ONE transaction with the
 * account row locked, so concurrent calls on one account serialize on that row and can never both pass
 * on money that covers one. Nothing a gateway reports is dropped: unknown models are logged as unpriced,
 * unknown multipliers are flagged, and bills above the balance are charged in full.
 */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const service = <T extends 'settings' | 'pricing' | 'ledger' | 'holds'>(name: T) => strapi.plugin('usage-billing').service(name);
  const funding = fundingSources(strapi);

  const readStoredResult = async (trx: Trx, requestId: string, hash: string): Promise<UsageResult | null> => {
    const existing = await trx(TABLES.logs).select('request_hash', 'response').where({ request_id: requestId }).first();
    if (!existing) return null;
    if (existing.request_hash !== hash) throw new IdempotencyConflictError(requestId);
    return fromJson<UsageResult>(existing.response);
  };

  return {
    /**
     * Prices a call with today's prices. Charges nothing, writes nothing. `price` replaces the model's saved
     * price (the admin's preview of a draft); tools and multipliers are still today's.
     */
    async quote(request: ValidatedRateRequest, { price }: { price?: ModelPrice } = {}): Promise<Bill> {
      const settings: BillingSettings = await service('settings').get();
      const { book } = await service('pricing').priceBook(request.model, settings.currency);
      try {
        return rate(request, withToolBilling(price ? { ...book, price } : book, settings), { onUnknownMultiplier: 'error' });
      } catch (error) {
        if (error instanceof UnknownMultiplierError) {
          throw new BillingValidationError(`Unknown service tier "${error.multiplier}"`, [
            { path: 'serviceTier', message: `is not a configured service multiplier ("${error.multiplier}")` },
          ]);
        }
        throw error;
      }
    },

    async authorize(input: { userId: string; model: string; requestId?: string }) {
      const settings: BillingSettings = await service('settings').get();
      const priceRow = await strapi.db.connection(TABLES.prices).select('mode', 'enabled').where({ model: input.model }).first();
      if (priceRow && !priceRow.enabled) throw new ModelNotAllowedError(input.model, 'disabled');
      if (!priceRow && !settings.allowUnpricedModels) throw new ModelNotAllowedError(input.model, 'unpriced');
      const free = priceRow?.mode === 'free';

      const attempt = () => withTransaction(strapi, async (trx) => {
        const account = await service('ledger').lockAccount(trx, input.userId);
        if (input.requestId) {
          // A repeated authorize for the same request gets the same hold back, not a second one.
          const existing = await service('holds').byRequestId(trx, input.requestId);
          if (existing) {
            if (existing.userId !== input.userId) throw new IdempotencyConflictError(input.requestId);
            // A hold that was released or expired reserves nothing any more: handing it back would let the
            // call through without checking funds, so the gateway must authorize under a new requestId.
            const stillReserved = existing.status === 'settled' || (existing.status === 'open' && existing.expiresAt > new Date());
            if (!stillReserved) {
              throw new ConflictError(`The hold for requestId "${input.requestId}" was ${existing.status === 'open' ? 'expired' : existing.status}; authorize with a new requestId`, {
                requestId: input.requestId,
                holdId: existing.holdId,
                status: existing.status === 'open' ? 'expired' : existing.status,
              });
            }
            return { allowed: true, mode: settings.mode, holdId: existing.holdId, held: nanosToString(existing.amount), status: existing.status };
          }
        }
        return funding[settings.mode].authorize({ trx, account, settings, model: input.model, requestId: input.requestId, free });
      });
      try {
        return await attempt();
      } catch (error) {
        // Another user's authorize took this requestId at the same moment (hold unique key): the retry sees
        // that hold and answers 409.
        if (isUniqueViolation(error)) return attempt();
        throw error;
      }
    },

    async releaseHold(holdId: string) {
      return service('holds').release(holdId);
    },

    /**
     * Records and charges one reported call. Returns `{ replayed, result }`: an identical retry returns
     * the stored result (replayed); the same requestId with another body is a 409.
     */
    async report(request: ValidatedUsageReport, options: ReportOptions = {}): Promise<{ replayed: boolean; result: UsageResult }> {
      const hash = requestHash(request);
      const settings: BillingSettings = await service('settings').get();
      const { book, version } = await service('pricing').priceBook(request.model, settings.currency);
      const bill = rate(request, withToolBilling(book, settings), { onUnknownMultiplier: 'flag' });

      const attempt = async () => {
        // Fast path for retries, without any lock. A duplicate racing with us is caught by the unique keys
        // (usage log requestId, ledger kind+reference) at insert time; the retry below then lands here.
        const stored = await readStoredResult(strapi.db.connection, request.requestId, hash);
        if (stored) return { replayed: true, result: stored };
        return withTransaction(strapi, async (trx) => {
          if (!book.price) await service('pricing').registerModels([request.model], 'auto', trx);
          const outcome = await funding[settings.mode].charge({ trx, userId: request.userId, settings, bill, requestId: request.requestId, holdId: request.holdId });
          if (options.failAfterCharge) throw new Error('usage-billing: injected failure after charge');

          const occurredAt = options.occurredAt ?? new Date();
          const meta = rowMeta(new Date());
          const status = bill.mode === 'unpriced' ? 'unpriced' : request.status;
          const flags = [...bill.flags, ...(outcome.flags ?? [])];
          const result: UsageResult = {
            requestId: request.requestId,
            userId: request.userId,
            mode: settings.mode,
            model: request.model,
            currency: bill.currency,
            cost: bill.total,
            charged: nanosToString(outcome.charged),
            lines: bill.lines,
            ...(outcome.balance !== undefined ? { balance: outcome.balance } : {}),
            ...(outcome.remainingCredit !== undefined ? { remainingCredit: outcome.remainingCredit } : {}),
            status,
            flags,
            logId: meta.document_id,
          };
          const cost = toNanos(bill.total);
          const u = request.usage;
          await trx(TABLES.logs).insert({
            ...meta,
            request_id: request.requestId,
            request_hash: hash,
            user_id: request.userId,
            model: request.model,
            pricing_mode: bill.mode,
            billing_mode: settings.mode,
            route_source: request.routeSource ?? null,
            service_tier: request.serviceTier ?? null,
            input_tokens: u.inputTokens,
            output_tokens: u.outputTokens,
            cache_read_tokens: u.cacheReadTokens,
            cache_write_tokens: u.cacheWriteTokens,
            duration_seconds: String(u.durationSeconds),
            calls: u.calls,
            tools: toJson(request.tools),
            cost: cost.toString(),
            charged: outcome.charged.toString(),
            currency: bill.currency,
            lines: toJson(bill.lines),
            snapshot: toJson({ version, price: book.price, tools: book.tools, multipliers: book.multipliers, bill }),
            flags: toJson(flags),
            latency_ms: request.latencyMs ?? null,
            status,
            hold_id: request.holdId ?? null,
            occurred_at: occurredAt,
            response: toJson(result),
          });
          const tokens = u.inputTokens + u.outputTokens + u.cacheReadTokens + u.cacheWriteTokens;
          await trx(TABLES.rollups)
            .insert({ ...rowMeta(), day: utcDay(occurredAt), user_id: request.userId, model: request.model, calls: 1, tokens, cost: cost.toString(), charged: outcome.charged.toString() })
            .onConflict(['day', 'user_id', 'model'])
            .merge({
              calls: trx.raw('?? + 1', [`${TABLES.rollups}.calls`]),
              tokens: trx.raw('?? + ?', [`${TABLES.rollups}.tokens`, tokens]),
              cost: trx.raw('?? + ?', [`${TABLES.rollups}.cost`, cost.toString()]),
              charged: trx.raw('?? + ?', [`${TABLES.rollups}.charged`, outcome.charged.toString()]),
              updated_at: meta.updated_at,
            });
          return { replayed: false, result };
        });
      };

      try {
        return await attempt();
      } catch (error) {
        // A concurrent duplicate committed first (unique key hit): the retry replays it or conflicts.
        if (isUniqueViolation(error)) return attempt();
        throw error;
      }
    },
  };
};

/** Tool billing off (settings): tools are still recorded on the log but create no bill lines. */
function withToolBilling<T extends { tools: unknown[] }>(book: T, settings: BillingSettings): T {
  return settings.toolBilling ? book : { ...book, tools: [] };
}
