/**
 * The runtime settings (Strapi's plugin store, `GET/PUT /usage-billing/settings`): their shape, defaults,
 * which ones are secrets, and the rules a value must follow. The server validates them with a zod schema
 * checked against these types (server/src/validation/settings.ts); the admin form checks the same rules
 * before sending.
 */
import type { DecimalString } from './api';
import { BILLING_MODES, isBillingMode, type BillingMode } from './billing';
import { isMoneyDecimal, isPriceDecimal } from './money';
import type { EpayMode } from './payments';

export interface StripeSettings {
  enabled: boolean;
  publishableKey: string;
  /** Secret: stored encrypted, returned masked. */
  secretKey: string;
  /** Secret: stored encrypted, returned masked. */
  webhookSecret: string;
  successUrl: string;
  cancelUrl: string;
  /** Override of the Stripe API endpoint (e.g. a local fake); empty = Stripe. */
  apiBase: string;
}

export interface EpaySettings {
  enabled: boolean;
  gatewayUrl: string;
  merchantId: string;
  /** Secret: stored encrypted, returned masked. */
  key: string;
  payTypes: string[];
  returnUrl: string;
  /** `page`: the user opens a signed submit.php URL; `api`: the server asks mapi.php for the pay URL. */
  mode: EpayMode;
}

export interface PaymentSettings {
  /** EPay charges yuan: the price of one unit of the billing currency in CNY (ignored when billing in CNY). */
  usdToCnyRate: DecimalString;
  /** The app's public base URL (https://api.example.com): webhook and return URLs are built on it. */
  publicUrl: string;
  /** The smallest top-up a user may buy, in the billing currency. */
  topupMinimum: DecimalString;
  /** Top-up amounts a front end offers as buttons (the user view lists them). */
  topupPresets: DecimalString[];
  stripe: StripeSettings;
  epay: EpaySettings;
}

export interface BillingSettings {
  mode: BillingMode;
  /** ISO 4217 code of the billing currency. */
  currency: string;
  /** Usage mode: the available balance a call needs, and the amount its hold reserves. */
  prepaidAmount: DecimalString;
  /** How long an unreleased hold reserves money. */
  holdTtlSeconds: number;
  /** Authorize models without a price (logged as `unpriced`, cost 0). */
  allowUnpricedModels: boolean;
  /** Charge native tool calls at their per-call prices. */
  toolBilling: boolean;
  payments: PaymentSettings;
}

/** `PUT /settings` body: any subset, merged over the stored settings (arrays replace as a whole). */
export type SettingsPatch = Partial<Omit<BillingSettings, 'payments'>> & {
  payments?: Partial<Omit<PaymentSettings, 'stripe' | 'epay'>> & {
    stripe?: Partial<StripeSettings>;
    epay?: Partial<EpaySettings>;
  };
};

export const DEFAULT_SETTINGS: BillingSettings = {
  mode: 'usage',
  currency: 'USD',
  prepaidAmount: '0.1',
  holdTtlSeconds: 900,
  allowUnpricedModels: false,
  toolBilling: true,
  payments: {
    usdToCnyRate: '7.2',
    publicUrl: '',
    topupMinimum: '1',
    topupPresets: ['5', '10', '20', '50'],
    stripe: { enabled: false, publishableKey: '', secretKey: '', webhookSecret: '', successUrl: '', cancelUrl: '', apiBase: '' },
    epay: { enabled: false, gatewayUrl: '', merchantId: '', key: '', payTypes: ['alipay', 'wxpay'], returnUrl: '', mode: 'page' },
  },
};

/**
 * The settings that are secrets, by path: stored encrypted, returned masked, never logged. A masked value
 * sent back (as the admin form does) keeps the stored secret; an empty string clears it.
 */
export const SECRET_SETTINGS = ['payments.stripe.secretKey', 'payments.stripe.webhookSecret', 'payments.epay.key'] as const;
export type SecretSettingPath = (typeof SECRET_SETTINGS)[number];

export const isSecretSetting = (path: string): path is SecretSettingPath => (SECRET_SETTINGS as readonly string[]).includes(path);

/**
 * The rules of the values, beyond their types. Decimals follow contracts/money.ts: `prepaidAmount` is a
 * money amount (never negative), `payments.usdToCnyRate` a factor (a price decimal) greater than 0.
 */
export const SETTINGS_RULES = {
  /** A 3-letter ISO code in capitals. */
  currency: /^[A-Z]{3}$/,
  /** Whole seconds, from 10 s to 7 days. */
  holdTtlSeconds: { min: 10, max: 7 * 24 * 3600 },
  /** An EPay payment type ("alipay"), at most `maxPayTypes` of them. */
  payType: /^[a-z0-9_]{1,32}$/,
  maxPayTypes: 16,
  maxTopupPresets: 12,
  /** Longest key, secret or name the store keeps; URLs may be longer. */
  maxKeyLength: 255,
  maxMerchantIdLength: 64,
  maxUrlLength: 2048,
} as const;

export interface SettingsViolation {
  /** The setting's path: `holdTtlSeconds`, `payments.usdToCnyRate`. */
  path: string;
  /** Completes a sentence that starts with the path: "must be greater than 0". */
  message: string;
}

/**
 * The settings of `settings` that break a rule of SETTINGS_RULES (the ones its type cannot express).
 * The server refuses to store such settings whoever calls it; the API reports each field in a 400.
 */
export const settingsViolations = (settings: BillingSettings): SettingsViolation[] => {
  const out: SettingsViolation[] = [];
  const check = (ok: boolean, path: string, message: string) => void (ok || out.push({ path, message }));
  const { currency, holdTtlSeconds: ttl, payType, maxPayTypes } = SETTINGS_RULES;
  const { usdToCnyRate, epay, topupMinimum, topupPresets } = settings.payments;
  check(isBillingMode(settings.mode), 'mode', `must be one of ${BILLING_MODES.join(', ')}`);
  check(currency.test(settings.currency), 'currency', 'must be a 3-letter ISO code in capitals');
  check(isMoneyDecimal(settings.prepaidAmount), 'prepaidAmount', 'must be a non-negative money amount');
  check(
    Number.isInteger(settings.holdTtlSeconds) && settings.holdTtlSeconds >= ttl.min && settings.holdTtlSeconds <= ttl.max,
    'holdTtlSeconds',
    `must be a whole number of seconds from ${ttl.min} to ${ttl.max}`,
  );
  check(isPriceDecimal(usdToCnyRate) && /[1-9]/.test(usdToCnyRate), 'payments.usdToCnyRate', 'must be a decimal greater than 0');
  check(
    epay.payTypes.length <= maxPayTypes && epay.payTypes.every((type) => payType.test(type)),
    'payments.epay.payTypes',
    `must be at most ${maxPayTypes} types of lowercase letters, digits or _`,
  );
  const positiveMoney = (value: string) => isMoneyDecimal(value) && !value.startsWith('-') && /[1-9]/.test(value);
  check(positiveMoney(topupMinimum), 'payments.topupMinimum', 'must be a money amount greater than 0');
  check(
    topupPresets.length <= SETTINGS_RULES.maxTopupPresets && topupPresets.every(positiveMoney),
    'payments.topupPresets',
    `must be at most ${SETTINGS_RULES.maxTopupPresets} money amounts greater than 0`,
  );
  return out;
};
