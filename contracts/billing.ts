/**
 * Billing modes and the states of the records the admin shows. Each list is in the order the admin
 * offers or lists its values; the content-type schemas use the same lists for their enumerations.
 */

/** How calls are paid: `usage` (prepaid balance), `period` (subscription credit), `self` (record only). */
export const BILLING_MODES = ['usage', 'period', 'self'] as const;
export type BillingMode = (typeof BILLING_MODES)[number];

export const isBillingMode = (value: unknown): value is BillingMode => (BILLING_MODES as readonly unknown[]).includes(value);

/** Why a ledger entry changed a balance. */
export const LEDGER_KINDS = ['usage', 'topup', 'redemption', 'adjustment', 'refund', 'subscription'] as const;
export type LedgerKind = (typeof LEDGER_KINDS)[number];

/** A hold's life: open → settled / released / expired. */
export const HOLD_STATUSES = ['open', 'settled', 'released', 'expired'] as const;
export type HoldStatus = (typeof HOLD_STATUSES)[number];

export const ACCOUNT_STATUSES = ['active', 'suspended'] as const;
export type AccountStatus = (typeof ACCOUNT_STATUSES)[number];

/** The outcome of a reported call, as its usage log records it. */
export const USAGE_STATUSES = ['success', 'error', 'unpriced'] as const;
export type UsageStatus = (typeof USAGE_STATUSES)[number];
