/*
 * The checks every form shares for a required decimal field. An empty field is told "required", not
 * "Enter a non-negative decimal": nothing was mistyped, something is missing.
 */
import { isAmountInput, isPriceInput } from './decimal';
import type { TFunction } from './translations';

/** The error of a required field holding a decimal `valid` accepts; undefined when it is fine. */
export const requiredDecimalError = (value: string, valid: (value: string) => boolean, t: TFunction): string | undefined => {
  if (!value.trim()) return t('errors.required');
  return valid(value) ? undefined : t('errors.decimal');
};

/** A required money amount (at most the money scale's decimals). */
export const requiredAmountError = (value: string, t: TFunction) => requiredDecimalError(value, isAmountInput, t);

/** A required price (a price per unit, at most the price scale's decimals). */
export const requiredPriceError = (value: string, t: TFunction) => requiredDecimalError(value, isPriceInput, t);
