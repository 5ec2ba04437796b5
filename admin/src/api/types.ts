/** A decimal amount as the server sends it ("0.01485"). Never converted to a JS number. */
export type Decimal = string;

export type BillingMode = 'self' | 'period' | 'usage';

export interface Pagination {
  page: number;
  pageSize: number;
  pageCount: number;
  total: number;
}

export interface Paginated<T, Meta = object> {
  data: T[];
  meta: { pagination: Pagination } & Meta;
}

/* ----------------------------------------------------------------------------------------------
 * Settings
 * --------------------------------------------------------------------------------------------*/

export interface StripeSettings {
  enabled: boolean;
  publishableKey: string;
  secretKey: string;
  webhookSecret: string;
  successUrl: string;
  cancelUrl: string;
  apiBase: string;
}

export interface EpaySettings {
  enabled: boolean;
  gatewayUrl: string;
  merchantId: string;
  key: string;
  payTypes: string[];
  returnUrl: string;
}

export interface BillingSettings {
  mode: BillingMode;
  currency: string;
  prepaidAmount: Decimal;
  holdTtlSeconds: number;
  allowUnpricedModels: boolean;
  toolBilling: boolean;
  payments: {
    usdToCnyRate: Decimal;
    publicUrl: string;
    stripe: StripeSettings;
    epay: EpaySettings;
  };
}

export type SettingsPatch = Partial<Omit<BillingSettings, 'payments'>> & {
  payments?: Partial<Omit<BillingSettings['payments'], 'stripe' | 'epay'>> & {
    stripe?: Partial<StripeSettings>;
    epay?: Partial<EpaySettings>;
  };
};

export interface ModeImpact {
  mode: BillingMode;
  accountsWithBalance: number;
  activeSubscriptions: number;
  openHolds: number;
}

/* ----------------------------------------------------------------------------------------------
 * Pricing
 * --------------------------------------------------------------------------------------------*/

export type PricingMode = 'token' | 'per_call' | 'per_second' | 'tiered' | 'free';

export const PRICING_MODES: PricingMode[] = ['token', 'tiered', 'per_call', 'per_second', 'free'];

export interface TokenPrices {
  input?: Decimal;
  output?: Decimal;
  cacheRead?: Decimal;
  cacheWrite?: Decimal;
}

export const TOKEN_PRICE_FIELDS = ['input', 'output', 'cacheRead', 'cacheWrite'] as const;
export type TokenPriceField = (typeof TOKEN_PRICE_FIELDS)[number];

export interface PriceTier extends TokenPrices {
  /** Inclusive upper bound in tokens; null for the last, open tier. */
  upTo: number | null;
}

export interface ModelPriceInput extends TokenPrices {
  model: string;
  mode: PricingMode;
  perCall?: Decimal;
  perSecond?: Decimal;
  tiers?: PriceTier[];
  enabled?: boolean;
}

export interface ModelPrice extends ModelPriceInput {
  enabled: boolean;
  version: number;
  updatedAt: string;
  inCatalog: boolean;
}

/** The sample call of a price preview: the content-API /quote body without `model`. */
export interface QuoteSample {
  /** Counts as JSON numbers; a value that is not a number is sent as typed, for the server to name. */
  usage: Partial<Record<'inputTokens' | 'outputTokens' | 'cacheReadTokens' | 'cacheWriteTokens' | 'calls' | 'durationSeconds', number | string>>;
  tools?: Array<{ tool: string; calls?: number | string }>;
  serviceTier?: string;
}

/** A bill as /quote prices it: exact line items and totals. */
export interface Bill {
  model: string;
  mode: PricingMode | 'unpriced';
  /** Index of the tier used (tiered prices). */
  tier?: number;
  currency: string;
  lines: BillLine[];
  modelCost: Decimal;
  multiplier: Decimal;
  toolCost: Decimal;
  total: Decimal;
  flags: string[];
}

export type ModelSource = 'admin' | 'gateway' | 'auto' | 'import';

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
  perCall: Decimal;
  enabled: boolean;
}

export interface Multiplier {
  name: string;
  factor: Decimal;
}

export interface PricingFile {
  version: 1;
  currency: string;
  models: ModelPriceInput[];
  tools: ToolPrice[];
  multipliers: Multiplier[];
}

/** One entry of an import diff: `new`/`unchanged` list names; `changed` items carry before/after. */
export type DiffName = string | Record<string, unknown>;
export interface DiffChange {
  model?: string;
  tool?: string;
  name?: string;
  before?: unknown;
  after?: unknown;
}

export interface DiffSection {
  new: DiffName[];
  changed: DiffChange[];
  unchanged: DiffName[];
}

export interface ImportResult {
  dryRun: boolean;
  applied: boolean;
  models: DiffSection;
  unknown: string[];
  tools: DiffSection;
  multipliers: DiffSection;
}

/* ----------------------------------------------------------------------------------------------
 * Accounts
 * --------------------------------------------------------------------------------------------*/

export type AccountStatus = 'active' | 'suspended' | string;

export interface SubscriptionSummary {
  planName: string;
  periodEnd: string;
  credit: Decimal;
  used: Decimal;
  remaining: Decimal;
}

export interface Account {
  userId: string;
  balance: Decimal;
  available: Decimal;
  held: Decimal;
  status: AccountStatus;
  subscription: SubscriptionSummary | null;
  createdAt: string;
  updatedAt: string;
}

export interface Hold {
  holdId: string;
  amount: Decimal;
  status: string;
  expiresAt: string;
  requestId: string | null;
}

export interface AccountDetail {
  userId: string;
  balance: Decimal;
  available: Decimal;
  held: Decimal;
  status: AccountStatus;
  holds: Hold[];
  createdAt: string;
  subscription?: SubscriptionSummary | null;
}

export type LedgerKind = 'usage' | 'topup' | 'redemption' | 'adjustment' | 'refund' | 'subscription';

export interface LedgerEntry {
  id: number | string;
  kind: LedgerKind;
  amount: Decimal;
  balanceAfter: Decimal;
  reference: string | null;
  actor: string | null;
  note: string | null;
  createdAt: string;
}

export interface AdjustResult {
  userId: string;
  balance: Decimal;
  entry: LedgerEntry;
}

export interface ReconcileResult {
  accounts: number;
  mismatches: Array<{ userId: string; balance: Decimal; ledgerSum: Decimal; difference: Decimal }>;
}

/* ----------------------------------------------------------------------------------------------
 * Usage logs
 * --------------------------------------------------------------------------------------------*/

export type UsageStatus = 'success' | 'error' | 'unpriced';

export interface BillLine {
  item: string;
  quantity: string;
  unitPrice: Decimal;
  unit: string;
  amount: Decimal;
}

export interface UsageLog {
  id: number | string;
  requestId: string;
  userId: string;
  model: string;
  pricingMode: string | null;
  billingMode: BillingMode;
  routeSource: string | null;
  serviceTier: string | null;
  inputTokens: string;
  outputTokens: string;
  cacheReadTokens: string;
  cacheWriteTokens: string;
  durationSeconds: string;
  calls: number;
  tools: Array<{ tool: string; calls?: number }> | null;
  cost: Decimal;
  charged: Decimal;
  currency: string;
  lines: BillLine[] | null;
  snapshot: Record<string, unknown> | null;
  flags: string[] | null;
  latencyMs: number | null;
  status: UsageStatus;
  occurredAt: string;
}

export interface UsageTotals {
  calls: number | string;
  cost: Decimal;
  charged: Decimal;
  inputTokens: string;
  outputTokens: string;
}

export interface UsageLogFilters {
  from?: string;
  to?: string;
  userId?: string;
  model?: string;
  billingMode?: string;
  routeSource?: string;
  status?: string;
}

export type StatsGroupBy = 'day' | 'model' | 'user';

export interface StatsPoint {
  key: string;
  calls: number | string;
  tokens: number | string;
  cost: Decimal;
  charged: Decimal;
}

export interface UsageStats {
  groupBy: StatsGroupBy;
  points: StatsPoint[];
}
