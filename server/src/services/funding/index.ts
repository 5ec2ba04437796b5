import type { Core } from '@strapi/strapi';
import type { BillingMode } from '../settings';
import { periodFunding } from './period';
import { selfFunding } from './self';
import { usageFunding } from './usage';
import type { FundingSource } from './types';

export type { FundingSource } from './types';

export const fundingSources = (strapi: Core.Strapi): Record<BillingMode, FundingSource> => ({
  self: selfFunding(strapi),
  usage: usageFunding(strapi),
  period: periodFunding(strapi),
});
