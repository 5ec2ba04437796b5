import type { Bill } from '../../rating';
import type { BillingSettings, BillingMode } from '../settings';
import type { LockedAccount } from '../ledger';
import type { Trx } from '../db';

export interface AuthorizeContext {
  trx: Trx;
  account: LockedAccount;
  settings: BillingSettings;
  model: string;
  requestId?: string;
  /** Free models never reserve or consume anything. */
  free: boolean;
}

export interface AuthorizeOutcome {
  allowed: true;
  mode: BillingMode;
  holdId?: string;
  held?: string;
  available?: string;
  remainingCredit?: string;
}

export interface ChargeContext {
  trx: Trx;
  userId: string;
  settings: BillingSettings;
  bill: Bill;
  requestId: string;
  holdId?: string;
}

export interface ChargeOutcome {
  /** Nanos actually deducted. */
  charged: bigint;
  balance?: string;
  remainingCredit?: string;
  flags?: string[];
}

/** One per billing mode: what authorizing and paying for a call means in that mode. */
export interface FundingSource {
  authorize(ctx: AuthorizeContext): Promise<AuthorizeOutcome>;
  charge(ctx: ChargeContext): Promise<ChargeOutcome>;
}
