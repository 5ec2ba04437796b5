import type { Bill } from '../../rating';
import type { BillingSettings, BillingMode } from '../settings';
import type { LockedAccount } from '../ledger';
import type { Trx } from '../db';
import type { HoldRow } from '../holds';

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

export interface ExtendContext {
  trx: Trx;
  /** The hold's account, its row locked (after the hold's: the order a usage report locks them in). */
  account: LockedAccount;
  settings: BillingSettings;
  /** The open hold, its row locked. */
  hold: HoldRow;
  /** Nanos to add, more than 0. */
  amount: bigint;
}

export interface ExtendOutcome {
  hold: HoldRow;
  available?: string;
  remainingCredit?: string;
}

/** One per billing mode: what authorizing and paying for a call means in that mode. */
export interface FundingSource {
  authorize(ctx: AuthorizeContext): Promise<AuthorizeOutcome>;
  charge(ctx: ChargeContext): Promise<ChargeOutcome>;
  /** Reserves `amount` more on an open hold under the mode's funds rule (the authorize rule), or refuses with a 402. */
  extendHold(ctx: ExtendContext): Promise<ExtendOutcome>;
}
