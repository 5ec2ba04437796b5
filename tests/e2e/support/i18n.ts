// The plugin's own translation files, formatted with the ICU engine react-intl uses in the admin
// (intl-messageformat), so expected texts are exactly what the page shows for a key and its values.
import fs from 'node:fs';
import path from 'node:path';
import { IntlMessageFormat } from 'intl-messageformat';

// eslint-disable-next-line @typescript-eslint/no-var-requires
const { TRANSLATIONS_DIR } = require('./constants');

export type Locale = 'en' | 'zh-Hans';
type Values = Record<string, string | number>;

const load = (locale: Locale): Record<string, string> =>
  JSON.parse(fs.readFileSync(path.join(TRANSLATIONS_DIR, `${locale}.json`), 'utf8'));

export const messages: Record<Locale, Record<string, string>> = { en: load('en'), 'zh-Hans': load('zh-Hans') };

/** The text of `key` in `locale` (the plugin falls back to English for a key missing from a locale). */
export function t(key: string, values: Values = {}, locale: Locale = 'en'): string {
  const message = messages[locale][key] ?? messages.en[key];
  if (message === undefined) throw new Error(`no translation key ${key} in admin/src/translations/en.json`);
  return String(new IntlMessageFormat(message, locale).format(values));
}

/** Chinese text for `key`; fails when zh-Hans.json lacks it or merely copies the English text. */
export function zh(key: string, values: Values = {}): string {
  const message = messages['zh-Hans'][key];
  if (!message) throw new Error(`admin/src/translations/zh-Hans.json has no ${key}`);
  if (message === messages.en[key]) throw new Error(`zh-Hans.json's ${key} is the English text`);
  return t(key, values, 'zh-Hans');
}
