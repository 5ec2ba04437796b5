import crypto from 'node:crypto';
import { CODE_ALPHABET, CODE_GROUP_LENGTH, CODE_GROUPS } from '../../../../contracts/codes';

/**
 * A new code string from the operating system's CSPRNG: CODE_GROUPS groups of CODE_GROUP_LENGTH symbols
 * of CODE_ALPHABET, joined by dashes. `randomInt` draws without modulo bias.
 */
export function generateCode(): string {
  const groups: string[] = [];
  for (let g = 0; g < CODE_GROUPS; g += 1) {
    let group = '';
    for (let i = 0; i < CODE_GROUP_LENGTH; i += 1) group += CODE_ALPHABET[crypto.randomInt(CODE_ALPHABET.length)];
    groups.push(group);
  }
  return groups.join('-');
}

/** A batch label for codes created without one: the day and a short random suffix. */
export const generateBatchLabel = (now = new Date()) => `batch-${now.toISOString().slice(0, 10).replace(/-/g, '')}-${crypto.randomBytes(3).toString('hex')}`;
