// The JSON the gateway routes (content API, /api/usage-billing/…) accept and answer, as the client sends and
// returns it. Shapes the admin API shares (Bill, SubscriptionSummary, UserPlan…) and every enumeration come
// from contracts/ (type-only imports: nothing of the server is bundled into the client). Amounts are decimal
// strings, never JS numbers. docs/api.md describes each route.
import type { Bill, BillLine, DecimalString, HoldExtension, SubscriptionSummary, UsageResult, UserPlan } from '../../contracts/api';
import type { BillingMode, HoldStatus, UsageStatus } from '../../contracts/billing';
import type { CodeMode } from '../../contracts/codes';
import type { TokenCountField } from '../../contracts/pricing';

export type { Bill, BillLine, DecimalString, HoldExtension, UsageResult, BillingMode, HoldStatus, UsageStatus, CodeMode, TokenCountField };

/** POST /authorize body. */
export interface AuthorizeInput {
  userId: string;
  model: string;
  /** The call's id; the same requestId again returns the same hold. */
  requestId?: string;
  routeSource?: string;
  serviceTier?: string | null;
}

/**
 * POST /authorize answer. `holdId`/`held` when a hold was opened (usage and period mode, priced models);
 * `offline: true` and `mode: 'unknown'` only from a fail-open client that could not reach the server.
 */
export interface AuthorizeResult {
  allowed: boolean;
  mode: BillingMode | 'unknown';
  holdId?: string;
  held?: DecimalString;
  available?: DecimalString;
  remainingCredit?: DecimalString;
  status?: HoldStatus;
  offline?: boolean;
}

/** Every count a usage report can carry: token counts (disjoint, see docs/pricing.md), calls, durationSeconds. */
export type UsageCounts = Partial<Record<TokenCountField | 'calls' | 'durationSeconds', number>>;

export interface ToolUse {
  tool: string;
  calls?: number;
}

/** POST /usage body (one entry of POST /usage/batch). */
export interface UsageReport {
  requestId: string;
  userId: string;
  model: string;
  /** The hold of the authorization; the hold held for `requestId` is settled too when absent. */
  holdId?: string;
  usage: UsageCounts;
  tools?: ToolUse[];
  serviceTier?: string | null;
  routeSource?: string;
  latencyMs?: number;
  status?: 'success' | 'error';
}

/**
 * What reportUsage resolves: `replayed` when the server had already recorded this requestId (200, nothing
 * charged again). `journaled` (fail-open only): the server could not be reached, the report was written to
 * the journal and `result` is null; replayJournal() sends it later.
 */
export type ReportOutcome =
  | { replayed: boolean; result: UsageResult; journaled?: false }
  | { replayed: false; result: null; journaled: true };

/** The error of one report of a batch (Strapi's error shape). */
export interface BatchItemError {
  status: number;
  name: string;
  message: string;
  details: Record<string, unknown>;
}

/** One report's outcome in POST /usage/batch, at the report's position. */
export interface BatchItem {
  requestId: string | null;
  /** 201 recorded, 200 replay, 409 conflict, 400 invalid, 500 not written (safe to send again). */
  status: number;
  data?: UsageResult;
  error?: BatchItemError;
}

/** POST /quote body: a usage report without requestId/userId (and without holdId). */
export interface QuoteInput {
  model: string;
  usage: UsageCounts;
  tools?: ToolUse[];
  serviceTier?: string | null;
}

/** POST /holds/:holdId/release answer. */
export interface ReleaseResult {
  holdId: string;
  status: HoldStatus;
}

/** POST /holds/:holdId/extend answer: `held` is everything the hold now reserves, `added` this extension. */
export type ExtendResult = HoldExtension;

/** An open hold as the user view lists it. */
export interface UserHold {
  holdId: string;
  amount: DecimalString;
  status: HoldStatus;
  expiresAt: string;
  requestId: string | null;
}

export interface PaymentChannelInfo {
  channel: 'stripe' | 'epay';
  payTypes: string[];
}

/** GET /accounts/:userId answer: the user view of the current mode (fields by mode, see docs/api.md). */
export interface AccountView {
  userId: string;
  mode: BillingMode;
  currency: string;
  usage: { calls: number | string; tokens: number | string; cost: DecimalString; charged: DecimalString };
  actions: string[];
  /** usage mode */
  balance?: DecimalString;
  held?: DecimalString;
  available?: DecimalString;
  holds?: UserHold[];
  /** period mode */
  subscription?: SubscriptionSummary | null;
  plans?: UserPlan[];
  /** usage and period mode; null while no payment channel is ready */
  payments?: {
    channels: PaymentChannelInfo[];
    topup?: { minimum: DecimalString; presets: DecimalString[]; currency: string };
  } | null;
}

/** POST /accounts/:userId/redeem answer. */
export interface RedeemResult {
  code: string;
  mode: CodeMode;
  amount?: DecimalString;
  balance?: DecimalString;
  subscription?: SubscriptionSummary;
}

/** POST /accounts/:userId/checkout body. */
export interface CheckoutInput {
  channel: 'stripe' | 'epay';
  kind: 'topup' | 'plan';
  amount?: DecimalString;
  planId?: number;
  payType?: string;
}

/** POST /accounts/:userId/checkout answer: a pending order and where the user pays. */
export interface CheckoutOrder {
  orderNo: string;
  channel: 'stripe' | 'epay';
  amount: DecimalString;
  currency: string;
  payAmount: DecimalString;
  payCurrency: string;
  url: string;
}
