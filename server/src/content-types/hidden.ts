// Billing history must not be editable by hand: every content type of this plugin is hidden from the
// Content Manager and the Content-Type Builder. Admins work through the plugin's Billing page, whose
// services keep the ledger and the balances consistent.
export const hiddenFromEditors = {
  'content-manager': { visible: false },
  'content-type-builder': { visible: false },
} as const;

// Money is stored as integers of 1e-9 currency units ("nanos") in `biginteger` columns: exact on
// PostgreSQL (bigint) and in SQLite's integer storage. See server/src/rating/money.ts.
export const money = (required = true) => ({ type: 'biginteger', required, default: '0' }) as const;
