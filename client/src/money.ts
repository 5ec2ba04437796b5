// Exact comparisons of decimal amounts without a decimal library (the client has no runtime dependency):
// amounts are the server's decimal strings with at most 9 decimals, read as bigint nanos.

const SCALE = 9;

/** "0.0125" → 12_500_000n; throws on anything that is not a plain decimal. */
export function toNanos(amount: string): bigint {
  const match = /^(-?)(\d+)(?:\.(\d{1,9}))?$/.exec(String(amount).trim());
  if (!match) throw new Error(`not a decimal amount: ${JSON.stringify(amount)}`);
  const value = BigInt(match[2]) * 10n ** BigInt(SCALE) + BigInt((match[3] ?? '').padEnd(SCALE, '0'));
  return match[1] ? -value : value;
}

/** A fraction such as 0.8 as parts per million (the headroom's precision). */
export const toPpm = (fraction: number): bigint => BigInt(Math.round(fraction * 1_000_000));

/** Whether cost ≥ fraction × held, exactly (fraction to the millionth). */
export function reaches(cost: string, fraction: number, held: string): boolean {
  return toNanos(cost) * 1_000_000n >= toNanos(held) * toPpm(fraction);
}
