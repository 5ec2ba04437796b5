/**
 * Redemption codes: what a code grants, the states the admin filters by, and the one rule for writing and
 * matching code strings (the server stores the normalized key; the admin shows codes grouped).
 */

/** What a code grants: `usage` → an amount credited to the balance; `period` → a plan for a number of days. */
export const CODE_MODES = ['usage', 'period'] as const;
export type CodeMode = (typeof CODE_MODES)[number];

/**
 * A code's state, derived (never stored): `disabled` by an admin, `expired` past its expiry, `exhausted` when
 * every use is spent, `active` otherwise (in that order of precedence). Soft-deleted codes are in no list.
 */
export const CODE_STATUSES = ['active', 'disabled', 'expired', 'exhausted'] as const;
export type CodeStatus = (typeof CODE_STATUSES)[number];

/**
 * The letters of generated codes: digits and capitals without the look-alikes 0/O and 1/I/L (31 symbols,
 * 4.95 bits each). A generated code is 20 of them in groups of 4 (`K7QM-W2XD-9FHT-PB4N-R8TV`): 99 bits.
 */
export const CODE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
export const CODE_GROUPS = 5;
export const CODE_GROUP_LENGTH = 4;

/** Longest code an admin may choose, and the most codes one request creates. */
export const CODE_MAX_LENGTH = 64;
export const CODES_PER_REQUEST = 10_000;

/**
 * The key a code is stored and looked up by: upper case, without spaces and dashes, so `k7qm w2xd-9fht`
 * matches `K7QM-W2XD-9FHT`. One indexed equality finds it.
 */
export const codeKey = (code: string): string => code.toUpperCase().replace(/[\s-]+/g, '');
