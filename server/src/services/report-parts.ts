import type { Bill, PriceBook, ValidatedUsageReport } from '../rating';
import { nanosToString } from '../rating';
import type { UsageResult } from '../../../contracts/api';
import { newDocumentId } from './db';
import type { ChargeOutcome } from './funding/types';
import type { BillingSettings } from './settings';
import type { UsageLogEntry } from './usage-logs';

// The pieces of a usage report shared by the single path (metering.report) and the batch
// (metering-batch.ts), so that both answer and log a call the same way, byte for byte.

// The answer's shape is the contract's (the gateway client returns the same type).
export type { UsageResult };

/** A validated report with everything its transaction needs (see prepare()). */
export interface PreparedReport {
  request: ValidatedUsageReport;
  hash: string;
  settings: BillingSettings;
  book: PriceBook;
  version: number | null;
  bill: Bill;
}

/** Reads shared by the reports of one batch. */
export interface PrepareContext {
  settings: BillingSettings;
  priceBook(model: string): Promise<{ book: PriceBook; version: number | null }>;
}


/** The answer to a recorded report (also stored on its log, for replays). */
export function usageResult(prepared: PreparedReport, outcome: ChargeOutcome, catalogFull: boolean, logId = newDocumentId()): UsageResult {
  const { request, settings, bill } = prepared;
  return {
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
    status: bill.mode === 'unpriced' ? 'unpriced' : request.status,
    flags: [...bill.flags, ...(outcome.flags ?? []), ...(catalogFull ? ['catalog_full'] : [])],
    logId,
  };
}

/** The log of a recorded report, its answer included. */
export function logEntry(prepared: PreparedReport, result: UsageResult, charged: bigint, occurredAt: Date): UsageLogEntry {
  return {
    logId: result.logId,
    request: prepared.request,
    requestHash: prepared.hash,
    billingMode: prepared.settings.mode,
    bill: prepared.bill,
    book: prepared.book,
    priceVersion: prepared.version,
    charged,
    status: result.status,
    flags: result.flags,
    occurredAt,
    response: result,
  };
}
