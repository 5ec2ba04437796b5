import * as React from 'react';
import { useIntl } from 'react-intl';

import en from '../translations/en.json';
import { PLUGIN_ID } from '../pluginId';

/** Every key of the plugin's translations: en.json is the reference list and the default messages. */
export type TranslationKey = keyof typeof en;

export type MessageValues = Record<string, string | number | boolean | null | undefined | Date>;

export const getTranslation = (id: TranslationKey) => `${PLUGIN_ID}.${id}`;

/** True for a key the translations have (for keys built from data, such as an audit action's parts). */
export const isTranslationKey = (key: string): key is TranslationKey => Object.prototype.hasOwnProperty.call(en, key);

/** `t('key', values)`: formatMessage with the plugin prefix and the English text as default. */
export const useT = () => {
  const { formatMessage } = useIntl();
  return React.useCallback(
    (id: TranslationKey, values?: MessageValues) =>
      formatMessage({ id: getTranslation(id), defaultMessage: en[id] }, values as Record<string, string>),
    [formatMessage],
  );
};

export type TFunction = ReturnType<typeof useT>;

/**
 * `tNodes('key', { amount: <Money … /> })`: a message with elements in it (an amount with its exact
 * tooltip inside a sentence), as react-intl formats rich values.
 */
export const useTNodes = () => {
  const { formatMessage } = useIntl();
  return React.useCallback(
    (id: TranslationKey, values: Record<string, React.ReactNode>): React.ReactNode =>
      formatMessage({ id: getTranslation(id), defaultMessage: en[id] }, values),
    [formatMessage],
  );
};
