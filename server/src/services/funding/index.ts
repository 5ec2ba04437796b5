import type { BillingMode } from '../../../../contracts/billing';
import { periodFunding } from './period';
import { selfFunding } from './self';
import { usageFunding } from './usage';
import type { FundingSource } from './types';

export type { FundingSource } from './types';

/** The funding source of each billing mode: what authorizing and paying for a call means in it. */
export const FUNDING_SOURCES: Record<BillingMode, FundingSource> = {
  self: selfFunding,
  usage: usageFunding,
  period: periodFunding,
};
