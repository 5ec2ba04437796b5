import { z } from 'zod';

const decimalString = (what: string) =>
  z.string().regex(/^\d{1,12}(\.\d{1,9})?$/, `${what} must be a non-negative decimal string with at most 9 decimals`);

const url = z.string().url().max(2048);

// Every field optional: PUT /settings is a partial update merged over the stored settings.
const stripeSettings = z
  .object({
    enabled: z.boolean(),
    publishableKey: z.string().max(255),
    secretKey: z.string().max(255),
    webhookSecret: z.string().max(255),
    successUrl: url.or(z.literal('')),
    cancelUrl: url.or(z.literal('')),
    /** Override of the Stripe API endpoint (e.g. http://127.0.0.1:12111 for a local fake); empty = Stripe. */
    apiBase: url.or(z.literal('')),
  })
  .strict()
  .partial();

const epaySettings = z
  .object({
    enabled: z.boolean(),
    gatewayUrl: url.or(z.literal('')),
    merchantId: z.string().max(64),
    key: z.string().max(255),
    payTypes: z.array(z.string().regex(/^[a-z0-9_]{1,32}$/, 'payment type must be lowercase letters, digits or _')).max(16),
    returnUrl: url.or(z.literal('')),
  })
  .strict()
  .partial();

export const settingsPatchSchema = z
  .object({
    mode: z.enum(['self', 'period', 'usage']),
    currency: z.string().regex(/^[A-Z]{3}$/, 'currency must be a 3-letter ISO code'),
    prepaidAmount: decimalString('prepaidAmount'),
    holdTtlSeconds: z.number().int().min(10).max(7 * 24 * 3600),
    allowUnpricedModels: z.boolean(),
    toolBilling: z.boolean(),
    payments: z
      .object({
        usdToCnyRate: decimalString('usdToCnyRate').refine((v) => Number(v) > 0, 'usdToCnyRate must be greater than 0'),
        publicUrl: url.or(z.literal('')),
        stripe: stripeSettings,
        epay: epaySettings,
      })
      .strict()
      .partial(),
  })
  .strict()
  .partial();

export type SettingsPatch = z.infer<typeof settingsPatchSchema>;
