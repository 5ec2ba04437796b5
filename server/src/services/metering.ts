import crypto from 'node:crypto';
import type { Core } from '@strapi/strapi';
import {
  nanosToString,
  rate,
  toNanos,
  UnknownMultiplierError,
  type Bill,
  type ModelPrice,
  type PriceBook,
  type ValidatedRateRequest,
  type ValidatedUsageReport,
} from '../rating';
import type { HoldExtension } from '../../../contracts/api';
import { MAX_STORABLE_NANOS } from '../../../contracts/money';
import { PLUGIN_ID } from '../../../contracts/plugin';
import { BillingValidationError, ConflictError, HoldNotOpenError, IdempotencyConflictError, ModelNotAllowedError, NotFoundError } from '../errors';
import { getService } from '../utils/get-service';
import { fromJson, onPostgres, onUniqueViolation, withTransaction, type Trx } from './db';
import { authorizeInOneStatement, reportInOneStatement } from './hot-path-pg';
import { FUNDING_SOURCES } from './funding';
import { reportBatch, type BatchItemResult, type BatchOptions } from './metering-batch';
import { logEntry, usageResult, type PrepareContext, type PreparedReport, type UsageResult } from './report-parts';
import type { BillingSettings } from './settings';

export type { PrepareContext, PreparedReport, UsageResult };

export interface ReportOptions {
  /** When the call happened (seeding and backfills); defaults to now. */
  occurredAt?: Date;
  /** Test-only fault injection: throw after the ledger write, before commit. */
  failAfterCharge?: boolean;
}

/**
 * sha256 of the request in a canonical form: keys sorted by code unit (the same on every machine, whatever
 * its locale) and null members dropped (`serviceTier: null` is the same request as no serviceTier). An
 * identical retry hashes the same, any other body does not.
 */
const requestHash = (request: ValidatedUsageReport): string => {
  const canonical = (value: unknown): unknown =>
    Array.isArray(value)
      ? value.map(canonical)
      : value && typeof value === 'object'
        ? Object.fromEntries(
            Object.entries(value)
              .filter(([, v]) => v !== null && v !== undefined)
              .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
              .map(([k, v]) => [k, canonical(v)]),
          )
        : value;
  return crypto.createHash('sha256').update(JSON.stringify(canonical(request))).digest('hex');
};

/** The hash earlier versions stored (keys sorted with localeCompare, nulls kept): their retries still match. */
const legacyRequestHash = (request: ValidatedUsageReport): string => {
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
  const readStoredResult = async (trx: Trx, request: ValidatedUsageReport, hash: string): Promise<UsageResult | null> => {
    const existing = await getService('usageLogs').storedReport(trx, request.requestId);
    if (!existing) return null;
    if (existing.request_hash !== hash && existing.request_hash !== legacyRequestHash(request)) throw new IdempotencyConflictError(request.requestId);
    return fromJson<UsageResult>(existing.response);
  };

  return {
    /**
     * Prices a call with today's prices. Charges nothing, writes nothing. `price` replaces the model's saved
     * price (the admin's preview of a draft); tools and multipliers are still today's.
     */
    async quote(request: ValidatedRateRequest, { price }: { price?: ModelPrice } = {}): Promise<Bill> {
      const settings: BillingSettings = await getService('settings').get();
      const { book } = await getService('priceBook').forModel(request.model, settings.currency);
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
      const settings: BillingSettings = await getService('settings').get();
      const { price, catalogEnabled } = await getService('priceBook').modelAccess(input.model);
      // Either switch turns a model off: its price's Enabled, or its entry in the model catalog.
      if ((price && !price.enabled) || !catalogEnabled) throw new ModelNotAllowedError(input.model, 'disabled');
      if (!price && !settings.allowUnpricedModels) throw new ModelNotAllowedError(input.model, 'unpriced');
      const free = price?.mode === 'free';

      const attempt = () => withTransaction(strapi, async (trx) => {
        const account = await getService('ledger').lockAccount(trx, input.userId);
        if (onPostgres(trx) && settings.mode === 'usage' && !free) {
          // PostgreSQL: the hold check, the funds check and the new hold in one statement (hot-path-pg.ts).
          return authorizeInOneStatement(trx, {
            account,
            model: input.model,
            requestId: input.requestId,
            prepaid: toNanos(settings.prepaidAmount),
            ttlSeconds: settings.holdTtlSeconds,
          });
        }
        if (input.requestId) {
          // A repeated authorize for the same request gets the same hold back, not a second one.
          const existing = await getService('holds').byRequestId(trx, input.requestId);
          if (existing) {
            if (existing.userId !== input.userId) throw new IdempotencyConflictError(input.requestId);
            // Only a hold that still reserves money is handed back. One that was released or expired reserves
            // nothing, and a settled one belongs to a call already reported: handing either back would let a
            // call through without checking funds, so the gateway must authorize under a new requestId.
            const stillReserved = existing.status === 'open' && existing.expiresAt > new Date();
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
        return FUNDING_SOURCES[settings.mode].authorize({ trx, account, settings, model: input.model, requestId: input.requestId, free });
      });
      // Another user's authorize took this requestId at the same moment (hold unique key): the retry sees
      // that hold and answers 409.
      return onUniqueViolation(attempt, attempt);
    },

    async releaseHold(holdId: string) {
      return getService('holds').release(holdId);
    },

    /**
     * Reserves more on an open hold (a long stream whose cost approaches what it holds), under the same funds
     * rule as authorize, and renews its expiry. `amount` defaults to the prepaid amount. Locks the hold, then
     * its account: the order a usage report takes them in, so the two cannot deadlock.
     */
    async extendHold(holdId: string, amount?: string): Promise<HoldExtension> {
      const settings: BillingSettings = await getService('settings').get();
      const added = toNanos(amount ?? settings.prepaidAmount);
      return withTransaction(strapi, async (trx) => {
        const hold = await getService('holds').lockByHoldId(trx, holdId);
        if (!hold) throw new NotFoundError('Hold', { holdId });
        const status = hold.status === 'open' && hold.expiresAt <= new Date() ? 'expired' : hold.status;
        if (status !== 'open') throw new HoldNotOpenError(holdId, status);
        if (hold.amount + added > MAX_STORABLE_NANOS) {
          throw BillingValidationError.naming('Invalid hold extension', [
            { path: 'amount', message: `would make the hold more than the largest storable amount (${nanosToString(MAX_STORABLE_NANOS)})` },
          ]);
        }
        const account = await getService('ledger').lockAccount(trx, hold.userId);
        const { hold: extended, ...figures } = await FUNDING_SOURCES[settings.mode].extendHold({ trx, account, settings, hold, amount: added });
        return {
          holdId,
          status: 'open',
          held: nanosToString(extended.amount),
          added: nanosToString(added),
          expiresAt: extended.expiresAt.toISOString(),
          ...figures,
        };
      });
    },

    /**
     * Records and charges one reported call. Returns `{ replayed, result }`: an identical retry returns
     * the stored result (replayed); the same requestId with another body is a 409.
     */
    async report(request: ValidatedUsageReport, options: ReportOptions = {}): Promise<{ replayed: boolean; result: UsageResult }> {
      return this.reportPrepared(await this.prepare(request), options);
    },

    /** report() of a report already prepared (see prepare()). */
    async reportPrepared(prepared: PreparedReport, options: ReportOptions = {}): Promise<{ replayed: boolean; result: UsageResult }> {
      const { request } = prepared;
      const db = strapi.db.connection;
      // PostgreSQL, usage mode, a priced bill above 0: the whole report is one statement (hot-path-pg.ts).
      const oneStatement = onPostgres(db) && prepared.settings.mode === 'usage' && prepared.book.price !== null && toNanos(prepared.bill.total) > 0n && !options.failAfterCharge;
      const attempt = async (retry: boolean) => {
        // The one-statement path first, without the replay check: a report already recorded hits the unique
        // keys (usage log requestId, ledger kind+reference) and writes nothing, one statement being atomic;
        // the retry below answers it. It writes nothing either for a user without an account yet (a first
        // call, or a conflicting report naming another user): the general path below then creates the
        // account inside the report's own transaction.
        if (oneStatement && !retry) {
          const result = await reportInOneStatement(db, prepared, options.occurredAt ?? new Date());
          if (result) return { replayed: false, result };
        }
        // The replay check, without any lock. A duplicate racing with us is caught by the unique keys at
        // insert time; the retry then lands here.
        const stored = await readStoredResult(db, request, prepared.hash);
        if (stored) return { replayed: true, result: stored };
        return withTransaction(strapi, async (trx) => ({ replayed: false, result: await this.writeReport(trx, prepared, options) }));
      };

      // A concurrent duplicate committed first (unique key hit): the retry replays it or conflicts.
      return onUniqueViolation(() => attempt(false), () => attempt(true));
    },

    /**
     * Everything a report needs before its transaction: its hash, the settings, the prices and the bill.
     * Throws the 400 of a bill no money column can hold. `context` shares settings and price books between
     * the reports of one batch (one read per model instead of one per report).
     */
    async prepare(request: ValidatedUsageReport, context?: PrepareContext): Promise<PreparedReport> {
      const hash = requestHash(request);
      const settings: BillingSettings = context ? context.settings : await getService('settings').get();
      const { book, version } = context ? await context.priceBook(request.model) : await getService('priceBook').forModel(request.model, settings.currency);
      const bill = rate(request, withToolBilling(book, settings), { onUnknownMultiplier: 'flag' });
      // A bill no 64-bit money column can hold comes from counts no real call has: refused whole with a 400
      // naming the usage, rather than a database overflow halfway through the transaction.
      if (toNanos(bill.total) > MAX_STORABLE_NANOS) {
        throw new BillingValidationError(`Invalid usage report: the bill (${bill.total} ${bill.currency}) is larger than the billing columns can hold`, [
          { path: 'usage', message: `prices to ${bill.total} ${bill.currency}, more than the largest storable amount (${nanosToString(MAX_STORABLE_NANOS)})` },
        ]);
      }
      return { request, hash, settings, book, version, bill };
    },

    /** A batch's shared reads: the settings once, each model's prices once. */
    async prepareContext(): Promise<PrepareContext> {
      const settings: BillingSettings = await getService('settings').get();
      const books = new Map<string, ReturnType<PrepareContext['priceBook']>>();
      return {
        settings,
        priceBook: (model) => {
          if (!books.has(model)) books.set(model, getService('priceBook').forModel(model, settings.currency));
          return books.get(model)!;
        },
      };
    },

    /** The stored answer of an already recorded report (null when new); 409 when it was another body. */
    storedResult(db: Trx, prepared: PreparedReport): Promise<UsageResult | null> {
      return readStoredResult(db, prepared.request, prepared.hash);
    },

    /** Both hashes a stored report may carry for an identical retry (today's and the legacy one). */
    matchesStored(prepared: PreparedReport, storedHash: string): boolean {
      return storedHash === prepared.hash || storedHash === legacyRequestHash(prepared.request);
    },

    /**
     * Charges and records one prepared report inside `trx` (catalog entry for an unpriced model, the funding
     * source's charge, the log and its rollup): the work of one /usage, without the replay check.
     */
    async writeReport(trx: Trx, prepared: PreparedReport, options: ReportOptions = {}): Promise<UsageResult> {
      const { request, settings, book, bill } = prepared;
      const catalogFull = !book.price && !(await getService('catalog').registerReported(trx, request.model));
      const outcome = await FUNDING_SOURCES[settings.mode].charge({ trx, userId: request.userId, settings, bill, requestId: request.requestId, holdId: request.holdId });
      if (options.failAfterCharge) throw new Error(`${PLUGIN_ID}: injected failure after charge`);
      const result = usageResult(prepared, outcome, catalogFull);
      await getService('usageLogs').record(trx, logEntry(prepared, result, outcome.charged, options.occurredAt ?? new Date()));
      return result;
    },

    /** POST /usage/batch: each report with exactly the semantics of report(), written with few transactions. */
    async reportBatch(bodies: unknown[], options: BatchOptions = {}): Promise<BatchItemResult[]> {
      return reportBatch(strapi, bodies, options);
    },
  };
};

/**
 * Tool billing off (settings): tools are still recorded on the log but create no bill lines — neither at
 * the global tool prices nor at the model's own (its `tools` map is dropped too).
 */
function withToolBilling(book: PriceBook, settings: BillingSettings): PriceBook {
  if (settings.toolBilling) return book;
  if (!book.price?.tools) return { ...book, tools: [] };
  const { tools: _modelTools, ...price } = book.price;
  return { ...book, tools: [], price };
}

