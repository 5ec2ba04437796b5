/**
 * The JSON the admin API (`/usage-billing/…`, admin JWT) answers and accepts. Amounts are decimal strings
 * ("0.01485"), never JS numbers; 64-bit counts are strings too. Each route answers `{ data }`, or
 * `{ data, meta: { pagination } }` for a paginated list.
 */
import type { AccountStatus, BillingMode, HoldStatus, LedgerKind, UsageStatus } from './billing';
import type { CodeMode, CodeStatus } from './codes';
import type { PlanAction, PlanInterval, SubscriptionStatus } from './plans';
import type { ModelSource, PricingMode, TokenCountField, TokenPriceField } from './pricing';

/** A decimal amount as JSON carries it ("0.01485"). */
export type DecimalString = string;

export interface Pagination {
  page: number;
  pageSize: number;
  pageCount: number;
  total: number;
}

/**
 * `details` of the 409 ConflictError answered when a name is taken (a model's price, a tool, a multiplier,
 * a plan, a chosen code): the field, in Strapi's field-error list like a 400, so a form shows it under that
 * field; and the entry that has the name, so the admin can open it. `existing.name` is that entry's name as
 * stored (a code typed "welcome5" finds "WELCOME-5"); `id` its row id (plans and codes are addressed by it,
 * models, tools and multipliers by their name).
 */
export interface DuplicateNameDetails {
  field: string;
  existing: { id: number; name: string };
  errors: Array<{ path: string[]; message: string; name: 'DuplicateName' }>;
}

/** `{ data }`: the envelope of every answer that is not a paginated list. */
export interface DataResponse<T> {
  data: T;
}

export interface Paginated<T, Meta = object> {
  data: T[];
  meta: { pagination: Pagination } & Meta;
}

export interface PageQuery {
  page?: number;
  pageSize?: number;
}

/* ----------------------------------------------------------------------------------------------
 * Settings: GET/PUT /settings answer BillingSettings (contracts/settings.ts), secrets masked
 * --------------------------------------------------------------------------------------------*/

/** GET /settings/mode-impact?mode=: what switching to `mode` would affect. */
export interface ModeImpact {
  mode: BillingMode;
  accountsWithBalance: number;
  activeSubscriptions: number;
  openHolds: number;
}

/* ----------------------------------------------------------------------------------------------
 * Pricing: /model-prices, /quote, /models, /tool-prices, /multipliers
 * --------------------------------------------------------------------------------------------*/

/**
 * Prices per 1M tokens, one per kind of token (contracts/pricing.ts TOKEN_KINDS). A missing input or output
 * price is 0; a missing narrower price falls back to its parent's (`priceSource`).
 */
export type TokenPrices = Partial<Record<TokenPriceField, DecimalString>>;

export interface PriceTier extends TokenPrices {
  /** Inclusive upper bound in input tokens; null for the last, open tier. */
  upTo: number | null;
}

/** A model price as it is created, updated, imported and exported: only the fields of its mode. */
export interface ModelPriceInput extends TokenPrices {
  model: string;
  mode: PricingMode;
  perCall?: DecimalString;
  perSecond?: DecimalString;
  tiers?: PriceTier[];
  /** Token and tiered models: a fee per call, added to the tokens. */
  perRequest?: DecimalString;
  /** Token and tiered models: this model's own price per call of a tool, overriding the global one. */
  tools?: Record<string, DecimalString>;
  enabled?: boolean;
}

export interface ModelPrice extends ModelPriceInput {
  enabled: boolean;
  /** Grows with every edit; a usage log keeps the version it was rated with. */
  version: number;
  updatedAt: string;
  /** Whether the model catalog knows the model. */
  inCatalog: boolean;
}

/** What a version of a model price records: its first price, a change, or the price's deletion. */
export const PRICE_VERSION_EVENTS = ['created', 'changed', 'deleted'] as const;
export type PriceVersionEvent = (typeof PRICE_VERSION_EVENTS)[number];

/**
 * One field of a price that a version changed: `mode`, `enabled`, a price (`input`, `perCall`…), `tools.<tool>`
 * or `tiers` (as JSON); null before = newly set, null after = removed.
 */
export interface PriceFieldChange {
  field: string;
  before: string | null;
  after: string | null;
}

/** A version of a model's price: who made it, when, how, the price it left and what changed from the one before. */
export interface PriceVersion {
  version: number;
  event: PriceVersionEvent;
  /** When it was saved; null for the current price of an old install when its history started later. */
  at: string | null;
  /** `admin:<id> (<email>)`; null when unknown (written before the history was kept, or by a writer without one). */
  actor: string | null;
  /** `admin` (the price form), `import` (a pricing file); null when unknown. */
  source: string | null;
  /** The whole price after this version; null for a deletion. */
  price: ModelPriceInput | null;
  changes: PriceFieldChange[];
  /** False for the current price when its version was saved before the history was kept (who and what are unknown). */
  recorded: boolean;
}

/** GET /model-prices/:model/history: newest version first. */
export interface PriceHistory {
  model: string;
  versions: PriceVersion[];
}

/** POST /quote: a sample call (the content-API /quote body without `model`) priced with a draft `price`. */
export interface QuoteSample {
  /** Counts as JSON numbers; a value that is not a number is sent as typed, for the server to name. */
  usage: Partial<Record<TokenCountField | 'calls' | 'durationSeconds', number | string>>;
  tools?: Array<{ tool: string; calls?: number | string }>;
  serviceTier?: string;
}

export interface BillLine {
  item: string;
  quantity: string;
  unitPrice: DecimalString;
  unit: string;
  amount: DecimalString;
}

/** A bill as the rating engine prices it: exact line items and totals. */
export interface Bill {
  model: string;
  mode: PricingMode | 'unpriced';
  /** Index of the tier used (tiered prices). */
  tier?: number;
  currency: string;
  lines: BillLine[];
  modelCost: DecimalString;
  multiplier: DecimalString;
  toolCost: DecimalString;
  total: DecimalString;
  flags: string[];
}

export interface CatalogModel {
  name: string;
  displayName: string | null;
  provider: string | null;
  source: ModelSource;
  enabled: boolean;
  priced: boolean;
}

export interface CatalogModelInput {
  name?: string;
  displayName?: string;
  provider?: string;
  enabled?: boolean;
}

export interface ToolPrice {
  tool: string;
  perCall: DecimalString;
  enabled: boolean;
}

export interface Multiplier {
  name: string;
  factor: DecimalString;
}

/** GET /model-prices/export, POST /model-prices/import: the pricing file. */
export interface PricingFile {
  version: 1;
  currency: string;
  models: ModelPriceInput[];
  tools: ToolPrice[];
  multipliers: Multiplier[];
}

/**
 * One entry of an import diff, named by `model` (models) or `name` (tools, multipliers): `changed` items
 * carry `before` and `after`, `new` items `after` (the price, tool price or factor they will get);
 * `unchanged` lists names only.
 */
export type DiffName = string | Record<string, unknown>;
export interface DiffChange {
  model?: string;
  tool?: string;
  name?: string;
  before?: unknown;
  after?: unknown;
}

export interface DiffSection {
  new: DiffChange[];
  changed: DiffChange[];
  unchanged: DiffName[];
}

export interface ImportResult {
  dryRun: boolean;
  applied: boolean;
  models: DiffSection;
  /** Models of the file the catalog does not know (an import adds them only when allowed). */
  unknown: string[];
  tools: DiffSection;
  multipliers: DiffSection;
}

export interface ImportQuery {
  dryRun: boolean;
  allowUnknown: boolean;
}

/* ----------------------------------------------------------------------------------------------
 * Accounts: /accounts, /accounts/:userId, /accounts/:userId/ledger, /accounts/:userId/adjust, /reconcile
 * --------------------------------------------------------------------------------------------*/

/**
 * A subscription as the admin and the user view show it. Amounts are this period's: `credit` is restored at
 * each new period, `used` counts what calls consumed, `remaining` = credit − used (negative after a bill
 * larger than what was left). `periodEnd` and `endsAt` are null for a lifetime plan.
 */
export interface SubscriptionSummary {
  id: number;
  planId: number;
  planName: string;
  interval: PlanInterval;
  status: SubscriptionStatus;
  /** When the first period began. */
  startedAt: string;
  periodStart: string;
  periodEnd: string | null;
  /** When the entitlement ends (the end of the last period paid or granted). */
  endsAt: string | null;
  credit: DecimalString;
  used: DecimalString;
  remaining: DecimalString;
  /** Set when the subscription was cancelled: it runs to `endsAt`, then ends as `cancelled`. */
  cancelledAt: string | null;
  /** A switch waiting for the next period: the plan it will run on. */
  nextPlanId: number | null;
  nextPlanName: string | null;
  /** Who started it: `admin:<id>`, `code:<code>`, `order:<orderNo>`. */
  source: string | null;
  /** When it stopped being active (expired, cancelled, replaced). */
  endedAt: string | null;
}

export interface Account {
  userId: string;
  balance: DecimalString;
  available: DecimalString;
  held: DecimalString;
  status: AccountStatus;
  subscription: SubscriptionSummary | null;
  createdAt: string;
  updatedAt: string;
}

export interface AccountListQuery extends PageQuery {
  search?: string;
}

export interface Hold {
  holdId: string;
  amount: DecimalString;
  status: HoldStatus;
  expiresAt: string;
  requestId: string | null;
}

/**
 * POST /api/usage-billing/holds/:holdId/extend (content API, gateways): the hold after reserving `added` more.
 * `held` is everything the hold now reserves; `available` (usage mode) or `remainingCredit` (period mode) is
 * what is left to reserve beyond every open hold.
 */
export interface HoldExtension {
  holdId: string;
  status: 'open';
  held: DecimalString;
  added: DecimalString;
  expiresAt: string;
  available?: DecimalString;
  remainingCredit?: DecimalString;
}

/**
 * POST /api/usage-billing/usage answer (`data`), stored with the log and answered again for a replay; also each
 * recorded item of /usage/batch. `balance` in usage mode, `remainingCredit` in period mode.
 */
export interface UsageResult {
  requestId: string;
  userId: string;
  mode: BillingMode;
  model: string;
  currency: string;
  cost: DecimalString;
  charged: DecimalString;
  lines: BillLine[];
  balance?: DecimalString;
  remainingCredit?: DecimalString;
  status: UsageStatus;
  flags: string[];
  logId: string;
}

export interface AccountDetail {
  userId: string;
  balance: DecimalString;
  available: DecimalString;
  held: DecimalString;
  status: AccountStatus;
  holds: Hold[];
  createdAt: string;
  subscription?: SubscriptionSummary | null;
}

export interface LedgerEntry {
  id: number | string;
  kind: LedgerKind;
  amount: DecimalString;
  balanceAfter: DecimalString;
  reference: string | null;
  actor: string | null;
  note: string | null;
  createdAt: string;
}

/** POST /accounts/:userId/adjust: a signed amount ("-2.5" debits) and why. */
export interface AdjustInput {
  amount: DecimalString;
  reason: string;
  reference?: string;
}

export interface AdjustResult {
  userId: string;
  balance: DecimalString;
  entry: LedgerEntry;
}

export interface ReconcileResult {
  accounts: number;
  mismatches: Array<{ userId: string; balance: DecimalString; ledgerSum: DecimalString; difference: DecimalString }>;
}

/* ----------------------------------------------------------------------------------------------
 * Usage logs: /usage-logs, /usage-logs/stats, /usage-logs/export (CSV)
 * --------------------------------------------------------------------------------------------*/

/** A usage log: every token count (a 64-bit count, as a string) and the rest. */
export interface UsageLog extends Record<TokenCountField, string> {
  id: number | string;
  requestId: string;
  userId: string;
  model: string;
  pricingMode: string | null;
  billingMode: BillingMode;
  routeSource: string | null;
  serviceTier: string | null;
  durationSeconds: string;
  calls: number;
  tools: Array<{ tool: string; calls?: number }> | null;
  cost: DecimalString;
  charged: DecimalString;
  currency: string;
  lines: BillLine[] | null;
  /** The prices, tools, multipliers, version and bill the call was rated with. */
  snapshot: Record<string, unknown> | null;
  flags: string[] | null;
  latencyMs: number | null;
  status: UsageStatus;
  /** The gateway's reason for a failed call (report field `errorMessage`), null when none was reported. */
  errorMessage: string | null;
  occurredAt: string;
}

/**
 * `meta.totals` of GET /usage-logs: the sums over every log the filters select. `source` says how they were
 * read: `rollups` (exact, from the daily totals: whole-day ranges filtered by user and model at most),
 * `logs` (exact, summed over the logs), `estimate` (too many logs to sum in time: `calls` is the database's
 * row estimate and the sums are null).
 */
export interface UsageTotals {
  calls: number;
  cost: DecimalString | null;
  charged: DecimalString | null;
  /** Every kind of token, as the charts count them. */
  tokens: string | null;
  source: 'rollups' | 'logs' | 'estimate';
}

/**
 * Logs past the first USAGE_LOG_MAX_OFFSET rows are read by keyset: `?cursor=` with `meta.cursor.next` of
 * the page before (offsets that deep would scan every row they skip).
 */
export const USAGE_LOG_MAX_OFFSET = 10_000;

/** Filters of the logs list, its CSV export and its stats; dates are whole UTC days (yyyy-mm-dd) or instants. */
export interface UsageLogFilters {
  from?: string;
  to?: string;
  userId?: string;
  model?: string;
  billingMode?: string;
  routeSource?: string;
  status?: string;
}

export type UsageLogList = Paginated<UsageLog, { totals?: UsageTotals; cursor: { next: string | null } }>;

export const STATS_GROUP_BY = ['day', 'month', 'model', 'user'] as const;
export type StatsGroupBy = (typeof STATS_GROUP_BY)[number];

export interface StatsQuery extends UsageLogFilters {
  groupBy: StatsGroupBy;
  limit?: number;
}

export interface StatsPoint {
  key: string;
  calls: number | string;
  tokens: number | string;
  cost: DecimalString;
  charged: DecimalString;
}

export interface UsageStats {
  groupBy: StatsGroupBy;
  points: StatsPoint[];
}

/* ----------------------------------------------------------------------------------------------
 * Plans: /plans, /plans/:id; subscriptions: /accounts/:userId/subscription(s)
 * --------------------------------------------------------------------------------------------*/

/** POST /plans (every field but `name`, `price`, `interval`, `periodCredit` optional); PUT /plans/:id (any subset). */
export interface PlanInput {
  name: string;
  description?: string | null;
  price: DecimalString;
  /** Must be the billing currency (settings); defaults to it. */
  currency?: string;
  interval: PlanInterval;
  /** Credit of one period, in the billing currency. */
  periodCredit: DecimalString;
  /** Percent off `price` ("20" = 20 % off). */
  discount?: DecimalString;
  enabled?: boolean;
  sortOrder?: number;
  /** Lines shown to users under the plan ("Free models do not count against credit"). */
  notes?: string[];
}

export interface Plan {
  id: number;
  name: string;
  description: string | null;
  price: DecimalString;
  currency: string;
  interval: PlanInterval;
  periodCredit: DecimalString;
  discount: DecimalString;
  /** price less discount, rounded half-up to the currency's minor unit: what a buyer pays. */
  finalPrice: DecimalString;
  enabled: boolean;
  sortOrder: number;
  notes: string[];
  /** Active subscriptions on this plan (or switching to it): whom an edit or a disable touches from their next period. */
  activeSubscriptions: number;
  /** Subscriptions ever started on it: a plan with any cannot be deleted, only disabled. */
  subscriptions: number;
  createdAt: string;
  updatedAt: string;
}

/** PUT /plans/:id answers the plan and how many active subscriptions the edit touches (from their next period). */
export interface PlanUpdateResult {
  data: Plan;
  meta: { activeSubscriptions: number };
}

/** POST /accounts/:userId/subscription: start (or replace) the user's subscription now, by an administrator. */
export interface SubscriptionGrantInput {
  planId: number;
}

/** A plan as the period-mode user view lists it, with what it offers this user. */
export interface UserPlan {
  id: number;
  name: string;
  description: string | null;
  interval: PlanInterval;
  price: DecimalString;
  discount: DecimalString;
  finalPrice: DecimalString;
  currency: string;
  periodCredit: DecimalString;
  notes: string[];
  action: PlanAction;
}

/* ----------------------------------------------------------------------------------------------
 * Audit trail: GET /audit?page=&pageSize=
 * --------------------------------------------------------------------------------------------*/

/** One configuration edit: who (`admin:<id> (<email>)`), what (`settings.update`, `model-prices.update`…), on what, leaving which value. */
export interface AuditEntry {
  id: number;
  actor: string;
  action: string;
  subject: string | null;
  /** The entry as it was saved (settings: the changed part, secrets masked); null for a deletion. */
  after: unknown;
  createdAt: string;
}

/* ----------------------------------------------------------------------------------------------
 * Redemption codes: /codes, /codes/:id, /codes/:id/redemptions, /codes/export
 * --------------------------------------------------------------------------------------------*/

/** POST /codes: one code or a batch. `amount` for a usage code; `planId` + `durationDays` for a period code. */
export interface CodeCreateInput {
  mode: CodeMode;
  amount?: DecimalString;
  planId?: number;
  durationDays?: number;
  /** How many codes (1–10,000); default 1. */
  count?: number;
  /** Redemptions each code allows in all; default 1. */
  totalUses?: number;
  /** Redemptions of one code by one user; default 1. */
  perUserLimit?: number;
  /** ISO date-time after which the code is refused. */
  expiresAt?: string | null;
  description?: string;
  /** Label grouping the codes (generated when absent). */
  batch?: string;
  /** A chosen code text such as "WELCOME-5" (count 1 only). */
  code?: string;
}

export interface CodeCreateResult {
  batch: string;
  codes: string[];
}

export interface RedemptionCode {
  id: number;
  code: string;
  mode: CodeMode;
  amount: DecimalString | null;
  planId: number | null;
  planName: string | null;
  durationDays: number | null;
  totalUses: number;
  usedCount: number;
  perUserLimit: number;
  expiresAt: string | null;
  description: string | null;
  batch: string;
  enabled: boolean;
  status: CodeStatus;
  createdAt: string;
}

export interface CodeListQuery extends PageQuery {
  batch?: string;
  status?: CodeStatus;
  mode?: CodeMode;
  /** Matches the code (ignoring case, spaces and dashes), its description or its batch. */
  q?: string;
}

/** One redemption of a code: who, when, and what it produced (a ledger entry or a subscription). */
export interface Redemption {
  id: number;
  codeId: number;
  code: string;
  userId: string;
  mode: CodeMode;
  amount: DecimalString | null;
  planId: number | null;
  durationDays: number | null;
  /** The ledger entry's reference (usage codes). */
  ledgerReference: string | null;
  /** The subscription started or extended (period codes). */
  subscriptionId: number | null;
  createdAt: string;
}

