import { createHash, timingSafeEqual } from 'node:crypto';

/**
 * EPay's v1 MD5 sign (易支付), pure so the unit tests pin it against the known vector:
 * drop `sign`, `sign_type` and empty values; sort the keys by ASCII; join `k=v` with `&` using the raw
 * (not URL-encoded) values; append the merchant key directly (no `&key=`); MD5, lowercase hex.
 */
export function epaySign(params: Record<string, string | undefined>, key: string): string {
  const signed = Object.keys(params)
    .filter((name) => name !== 'sign' && name !== 'sign_type')
    .filter((name) => params[name] !== undefined && params[name] !== '')
    // Plain code-unit order, not localeCompare: the gateway (PHP ksort) sorts bytes, and the keys are ASCII.
    .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
    .map((name) => `${name}=${params[name]}`)
    .join('&');
  return createHash('md5').update(signed + key, 'utf8').digest('hex');
}

/**
 * Whether `params.sign` is the sign of `params` under `key`. Compared in constant time so that a caller
 * probing forged signs learns nothing from response timings; a missing or wrong-length sign is simply false
 * (timingSafeEqual throws on unequal lengths, and the length of an MD5 hex digest is no secret).
 */
export function epaySignatureValid(params: Record<string, string | undefined>, key: string): boolean {
  const given = params.sign;
  if (typeof given !== 'string' || given === '' || key === '') return false;
  const expected = Buffer.from(epaySign(params, key), 'utf8');
  const actual = Buffer.from(given, 'utf8');
  if (actual.length !== expected.length) return false;
  return timingSafeEqual(actual, expected);
}
