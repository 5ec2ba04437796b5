// The example pricing file of the docs (public list prices), shared with the unit tests.
import type { Core } from '@strapi/strapi';
import { validatePricingFile, type PricingFile } from '../../server/src/rating';
import type { SettingsPatch } from '../../server/src/services/settings';
import PRICING_JSON from '../fixtures/example-pricing.json';
import { service } from './services';

/** The example pricing file as written on disk (before validation: defaults not applied). */
export const PRICING = PRICING_JSON;

/** A pricing file as the plugin's services take it: validated (as the import route does), defaults applied. */
export function validPricingFile(raw: unknown): PricingFile {
  const result = validatePricingFile(raw);
  if (!result.ok) throw new Error(`invalid test pricing file: ${JSON.stringify(result.errors)}`);
  return result.file;
}

/** Loads the pricing file and sets billing settings through the plugin's services. */
export async function setupBilling(strapi: Core.Strapi, settings: SettingsPatch = {}, pricing: unknown = PRICING): Promise<void> {
  await service(strapi, 'settings').update({ mode: 'usage', prepaidAmount: '0.1', ...settings });
  await service(strapi, 'pricingFile').importFile(validPricingFile(pricing), { dryRun: false, allowUnknown: true });
}
