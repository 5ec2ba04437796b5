/*
 * The Configuration page as data: one list describing every block of the settings form (as
 * users-permissions' advanced settings page lists its fields), section by section. The page renders the
 * list (ConfigSections.tsx); the form state, the client-side checks and the patch sent on save all come
 * from it (below). A new setting is one entry here (its label and hint in translations/*.json), once it
 * is in the settings contract (contracts/settings.ts) and the server's schema.
 */
import {
  EPAY_MODES,
  SETTINGS_RULES,
  isSecretSetting,
  type BillingMode,
  type BillingSettings,
  type SettingsPatch,
} from '../../../../contracts';
import { isAmountInput, isPriceInput, isZeroDecimal } from '../../utils/decimal';
import type { FieldErrors } from '../../utils/errors';
import type { TFunction, TranslationKey } from '../../utils/translations';

/** The dotted path of every setting that is not an object: `prepaidAmount`, `payments.stripe.secretKey`. */
type Leaves<T, Prefix extends string = ''> = {
  [K in keyof T & string]: T[K] extends readonly unknown[] | string | number | boolean
    ? `${Prefix}${K}`
    : Leaves<T[K], `${Prefix}${K}.`>;
}[keyof T & string];

export type SettingPath = Leaves<BillingSettings>;

/**
 * A check of the typed value: the translation key of its error (with the values its text needs), or
 * undefined when it is fine.
 */
type Check = (value: string) => TranslationKey | { key: TranslationKey; values: Record<string, string | number> } | undefined;

/** A decimal as contracts/money.ts defines it: a money amount, or a factor. Empty is "required", not malformed. */
const decimal =
  (valid: (value: string) => boolean): Check =>
  (value) =>
    !value.trim() ? 'errors.required' : valid(value) ? undefined : 'errors.decimal';
const matches =
  (pattern: RegExp, error: TranslationKey): Check =>
  (value) =>
    pattern.test(value) ? undefined : error;
/** A money amount greater than 0 (a top-up minimum). */
const isPositiveAmount = (value: string) => isAmountInput(value) && !isZeroDecimal(value);
const positiveAmount: Check = (value) => (isPositiveAmount(value) ? undefined : 'config.errors.positiveAmount');
/** A list of money amounts greater than 0, at most `max` of them (the top-up presets). */
const positiveAmounts =
  (max: number): Check =>
  (value) => {
    const items = splitList(value);
    return items.length <= max && items.every(isPositiveAmount) ? undefined : { key: 'config.errors.topupPresets', values: { max } };
  };
const wholeNumber =
  ({ min, max }: { min: number; max: number }, error: TranslationKey): Check =>
  (value) => {
    const number = parseWholeNumber(value);
    return Number.isInteger(number) && number >= min && number <= max ? undefined : error;
  };

/** How a field is edited: the input, and how its text becomes the setting's value. */
export type FieldKind =
  /** Free text. */
  | 'text'
  /** A decimal amount, typed and sent as text (never a JS number). */
  | 'decimal'
  /** A whole number typed as text. */
  | 'integer'
  /** A list typed as comma- or space-separated words. */
  | 'list'
  /** One of a few choices (`options`). */
  | 'select'
  /** On/off. */
  | 'toggle';

/** Half the form's width, or a quarter (half on a small screen). */
export type Width = 'half' | 'quarter';

export interface FieldBlock {
  kind: FieldKind;
  name: SettingPath;
  label: TranslationKey;
  /** The hint under the input; a secret setting (contracts/settings.ts) says so by itself. */
  hint?: TranslationKey;
  placeholder?: string;
  width: Width;
  required?: boolean;
  /** Upper-cases the text as it is typed (codes). */
  uppercase?: boolean;
  /** Checked before saving; the server checks again (and more). */
  check?: Check;
  /** The choices of a `select`, with their labels. */
  options?: Array<{ value: string; label: TranslationKey }>;
}

/** An explanation beside the fields (a callout): a title and lines. */
export interface NoteBlock {
  kind: 'note';
  title: TranslationKey;
  lines: TranslationKey[];
  width: Width;
}

/** The billing mode, as selectable cards. */
export interface ModeBlock {
  kind: 'mode';
  name: 'mode';
}

export type Block = FieldBlock | NoteBlock | ModeBlock;

export interface ConfigSection {
  id: string;
  title: TranslationKey;
  subtitle: TranslationKey;
  /** An on/off switch in the section's header (a payment channel), labelled `config.enabled`. */
  toggle?: SettingPath;
  blocks: Block[];
}

export const SECTIONS: ConfigSection[] = [
  {
    id: 'mode',
    title: 'config.mode.title',
    subtitle: 'config.mode.subtitle',
    blocks: [{ kind: 'mode', name: 'mode' }],
  },
  {
    id: 'charging',
    title: 'config.charging.title',
    subtitle: 'config.charging.subtitle',
    blocks: [
      {
        kind: 'decimal',
        name: 'prepaidAmount',
        label: 'config.prepaidAmount',
        hint: 'config.prepaidAmount.hint',
        width: 'half',
        required: true,
        check: decimal(isAmountInput),
      },
      {
        kind: 'note',
        title: 'config.prepaidAmount.explainTitle',
        lines: ['config.prepaidAmount.explainHigh', 'config.prepaidAmount.explainLow'],
        width: 'half',
      },
      {
        kind: 'text',
        name: 'currency',
        label: 'config.currency',
        hint: 'config.currency.hint',
        width: 'quarter',
        uppercase: true,
        check: matches(SETTINGS_RULES.currency, 'config.errors.currency'),
      },
      {
        kind: 'integer',
        name: 'holdTtlSeconds',
        label: 'config.holdTtlSeconds',
        hint: 'config.holdTtlSeconds.hint',
        width: 'quarter',
        check: wholeNumber(SETTINGS_RULES.holdTtlSeconds, 'config.errors.holdTtl'),
      },
      {
        kind: 'toggle',
        name: 'allowUnpricedModels',
        label: 'config.allowUnpricedModels',
        hint: 'config.allowUnpricedModels.hint',
        width: 'quarter',
      },
      { kind: 'toggle', name: 'toolBilling', label: 'config.toolBilling', hint: 'config.toolBilling.hint', width: 'quarter' },
    ],
  },
  {
    id: 'payments',
    title: 'config.payments.title',
    subtitle: 'config.payments.subtitle',
    blocks: [
      {
        kind: 'text',
        name: 'payments.publicUrl',
        label: 'config.publicUrl',
        hint: 'config.publicUrl.hint',
        placeholder: 'https://api.example.com',
        width: 'half',
      },
      {
        kind: 'decimal',
        name: 'payments.usdToCnyRate',
        label: 'config.usdToCnyRate',
        hint: 'config.usdToCnyRate.hint',
        width: 'half',
        check: decimal(isPriceInput),
      },
      {
        kind: 'decimal',
        name: 'payments.topupMinimum',
        label: 'config.topupMinimum',
        hint: 'config.topupMinimum.hint',
        placeholder: '1',
        width: 'half',
        required: true,
        check: positiveAmount,
      },
      {
        kind: 'list',
        name: 'payments.topupPresets',
        label: 'config.topupPresets',
        hint: 'config.topupPresets.hint',
        placeholder: '5, 10, 20, 50',
        width: 'half',
        check: positiveAmounts(SETTINGS_RULES.maxTopupPresets),
      },
    ],
  },
  {
    id: 'stripe',
    title: 'config.stripe.title',
    subtitle: 'config.stripe.subtitle',
    toggle: 'payments.stripe.enabled',
    blocks: [
      {
        kind: 'text',
        name: 'payments.stripe.publishableKey',
        label: 'config.stripe.publishableKey',
        placeholder: 'pk_live_…',
        width: 'half',
      },
      {
        kind: 'text',
        name: 'payments.stripe.secretKey',
        label: 'config.stripe.secretKey',
        placeholder: 'sk_live_…',
        width: 'half',
      },
      {
        kind: 'text',
        name: 'payments.stripe.webhookSecret',
        label: 'config.stripe.webhookSecret',
        placeholder: 'whsec_…',
        width: 'half',
      },
      {
        kind: 'text',
        name: 'payments.stripe.apiBase',
        label: 'config.stripe.apiBase',
        hint: 'config.stripe.apiBase.hint',
        placeholder: 'https://api.stripe.com',
        width: 'half',
      },
      {
        kind: 'text',
        name: 'payments.stripe.successUrl',
        label: 'config.stripe.successUrl',
        placeholder: 'https://app.example.com/billing/success',
        width: 'half',
      },
      {
        kind: 'text',
        name: 'payments.stripe.cancelUrl',
        label: 'config.stripe.cancelUrl',
        placeholder: 'https://app.example.com/billing/cancel',
        width: 'half',
      },
    ],
  },
  {
    id: 'epay',
    title: 'config.epay.title',
    subtitle: 'config.epay.subtitle',
    toggle: 'payments.epay.enabled',
    blocks: [
      {
        kind: 'text',
        name: 'payments.epay.gatewayUrl',
        label: 'config.epay.gatewayUrl',
        placeholder: 'https://pay.example.com',
        width: 'half',
      },
      { kind: 'text', name: 'payments.epay.merchantId', label: 'config.epay.merchantId', width: 'half' },
      { kind: 'text', name: 'payments.epay.key', label: 'config.epay.key', width: 'half' },
      {
        kind: 'list',
        name: 'payments.epay.payTypes',
        label: 'config.epay.payTypes',
        hint: 'config.epay.payTypes.hint',
        placeholder: 'alipay, wxpay',
        width: 'half',
      },
      {
        kind: 'text',
        name: 'payments.epay.returnUrl',
        label: 'config.epay.returnUrl',
        placeholder: 'https://app.example.com/billing/return',
        width: 'half',
      },
      {
        kind: 'select',
        name: 'payments.epay.mode',
        label: 'config.epay.mode',
        hint: 'config.epay.mode.hint',
        width: 'half',
        options: EPAY_MODES.map((mode) => ({ value: mode, label: `config.epay.mode.${mode}` as const })),
      },
    ],
  },
];

/** The hint of a field: its own, or the secret hint for a secret setting. */
export const hintOf = (field: FieldBlock): TranslationKey | undefined =>
  isSecretSetting(field.name) ? 'config.secret.hint' : field.hint;

/* ----------------------------------------------------------------------------------------------
 * Form state: every field's value by path, text inputs as typed
 * --------------------------------------------------------------------------------------------*/

export type FormValue = string | boolean;
export type FormState = Record<string, FormValue>;

const FIELDS: Array<FieldBlock | ModeBlock> = SECTIONS.flatMap((section) => [
  ...section.blocks.filter((block): block is FieldBlock | ModeBlock => block.kind !== 'note'),
  ...(section.toggle ? [{ kind: 'toggle', name: section.toggle, label: 'config.enabled', width: 'quarter' } as FieldBlock] : []),
]);

const getAt = (root: unknown, path: string): unknown =>
  path.split('.').reduce<unknown>((value, key) => (value as Record<string, unknown> | undefined)?.[key], root);

const setAt = (root: Record<string, unknown>, path: string, value: unknown) => {
  const keys = path.split('.');
  const last = keys.pop()!;
  const holder = keys.reduce((object, key) => (object[key] ??= {}) as Record<string, unknown>, root);
  holder[last] = value;
};

function parseWholeNumber(text: string) {
  return /^\d+$/.test(text.trim()) ? Number.parseInt(text, 10) : Number.NaN;
}

const LIST_SEPARATOR = /[\s,]+/;

/** The items of a list typed as comma- or space-separated words. */
function splitList(text: string) {
  return text
    .split(LIST_SEPARATOR)
    .map((item) => item.trim())
    .filter(Boolean);
}

/** A setting's value → the form's (text inputs hold text). */
const toFormValue = (kind: (FieldBlock | ModeBlock)['kind'], value: unknown): FormValue => {
  if (kind === 'toggle') return Boolean(value);
  if (kind === 'list') return ((value as string[] | undefined) ?? []).join(', ');
  return String(value ?? '');
};

/** The form's value → the setting's (an integer that is not one is NaN, which the checks refuse). */
const fromFormValue = (kind: (FieldBlock | ModeBlock)['kind'], value: FormValue): unknown => {
  if (kind === 'integer') return parseWholeNumber(String(value));
  if (kind === 'list') return splitList(String(value));
  return value;
};

export const toForm = (settings: BillingSettings): FormState =>
  Object.fromEntries(FIELDS.map((field) => [field.name, toFormValue(field.kind, getAt(settings, field.name))]));

/** The settings the form describes: `base` with every field of the form written over it. */
export const fromForm = (form: FormState, base: BillingSettings): BillingSettings => {
  const settings = JSON.parse(JSON.stringify(base)) as BillingSettings;
  for (const field of FIELDS)
    setAt(settings as unknown as Record<string, unknown>, field.name, fromFormValue(field.kind, form[field.name]));
  return settings;
};

export const modeOf = (form: FormState) => form.mode as BillingMode;

/** The client-side errors of the form, by path (empty when it may be sent). */
export const validateForm = (form: FormState, t: TFunction): FieldErrors => {
  const errors: FieldErrors = {};
  for (const field of FIELDS) {
    const value = String(form[field.name]);
    // A required field left empty says so, whatever its own check would call the empty text.
    const error = field.kind !== 'mode' && (field.required && !value.trim() ? 'errors.required' : field.check?.(value));
    if (error) errors[field.name] = typeof error === 'string' ? t(error) : t(error.key, error.values);
  }
  return errors;
};

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** The fields of `next` that differ from `prev` (nested objects recursively, arrays as a whole). */
const diff = (prev: unknown, next: unknown): unknown => {
  if (isPlainObject(prev) && isPlainObject(next)) {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(next)) {
      const changed = diff(prev[key], next[key]);
      if (changed !== undefined) out[key] = changed;
    }
    return Object.keys(out).length ? out : undefined;
  }
  return JSON.stringify(prev) === JSON.stringify(next) ? undefined : next;
};

/** What saving sends: only the settings the form changed, or undefined when it changed none. */
export const patchOf = (form: FormState, saved: BillingSettings) =>
  diff(saved, fromForm(form, saved)) as SettingsPatch | undefined;

/** A field's error: the one of its path, or the first of an item below it (`payments.epay.payTypes[1]`). */
export const errorOf = (errors: FieldErrors, name: string): string | undefined =>
  errors[name] ?? Object.entries(errors).find(([key]) => key.startsWith(`${name}[`) || key.startsWith(`${name}.`))?.[1];
