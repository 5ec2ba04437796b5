import { z } from 'zod';
import { BILLING_MODES, EPAY_MODES, SETTINGS_RULES, type BillingSettings, type SettingsPatch } from '../../../contracts';
import { moneyString, priceString } from '../rating/fields';
import { parseWith } from './zod-issues';

// The zod schema of `PUT /settings`, built from the settings contract (contracts/settings.ts): its modes,
// rules and decimal kinds come from there (decimals from contracts/money.ts), and its type must match the
// contract (checked below), so a setting added to the contract without a rule here does not compile.
// Messages complete a sentence that starts with the field's path.

const url = z.string().url().max(SETTINGS_RULES.maxUrlLength);
const urlOrEmpty = url.or(z.literal(''));
const key = z.string().max(SETTINGS_RULES.maxKeyLength);
const positiveMoney = () => moneyString().refine((value) => /[1-9]/.test(value), 'must be greater than 0');

// Every field optional: PUT /settings is a partial update merged over the stored settings.
const stripeSettings = z
  .object({
    enabled: z.boolean(),
    publishableKey: key,
    secretKey: key,
    webhookSecret: key,
    successUrl: urlOrEmpty,
    cancelUrl: urlOrEmpty,
    /** Override of the Stripe API endpoint (e.g. http://127.0.0.1:12111 for a local fake); empty = Stripe. */
    apiBase: urlOrEmpty,
  })
  .strict()
  .partial();

const epaySettings = z
  .object({
    enabled: z.boolean(),
    gatewayUrl: urlOrEmpty,
    merchantId: z.string().max(SETTINGS_RULES.maxMerchantIdLength),
    key,
    payTypes: z
      .array(z.string().regex(SETTINGS_RULES.payType, 'must be lowercase letters, digits or _'))
      .max(SETTINGS_RULES.maxPayTypes),
    returnUrl: urlOrEmpty,
    mode: z.enum(EPAY_MODES),
  })
  .strict()
  .partial();

export const settingsPatchSchema = z
  .object({
    mode: z.enum(BILLING_MODES),
    currency: z.string().regex(SETTINGS_RULES.currency, 'must be a 3-letter ISO code in capitals'),
    prepaidAmount: moneyString(),
    holdTtlSeconds: z.number().int().min(SETTINGS_RULES.holdTtlSeconds.min).max(SETTINGS_RULES.holdTtlSeconds.max),
    allowUnpricedModels: z.boolean(),
    toolBilling: z.boolean(),
    payments: z
      .object({
        usdToCnyRate: priceString().refine((rate) => /[1-9]/.test(rate), 'must be greater than 0'),
        publicUrl: urlOrEmpty,
        topupMinimum: positiveMoney(),
        topupPresets: z.array(positiveMoney()).max(SETTINGS_RULES.maxTopupPresets),
        stripe: stripeSettings,
        epay: epaySettings,
      })
      .strict()
      .partial(),
  })
  .strict()
  .partial();

/**
 * Compile-time proof that the schema covers exactly the contract's settings (every field, of the same
 * type, and no other) and that what it parses is a `SettingsPatch`.
 */
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
type DeepRequired<T> = T extends readonly unknown[] ? T : T extends object ? { [K in keyof T]-?: DeepRequired<T[K]> } : T;
type Parsed = z.infer<typeof settingsPatchSchema>;
const schemaMatchesContract: [Same<DeepRequired<Parsed>, BillingSettings>, Same<Parsed, SettingsPatch>] = [true, true];
void schemaMatchesContract;

export type { SettingsPatch };

/** `PUT /settings` body → a valid patch, or the 400 naming each offending field. No body is an empty patch. */
export const parseSettingsPatch = (body: unknown): SettingsPatch => parseWith(settingsPatchSchema, body ?? {}, 'Invalid settings');
