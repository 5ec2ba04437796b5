import type { ZodIssue } from 'zod';
import type { ValidationError } from './types';

/** Path of the document itself, for errors that are about the whole input. */
export const ROOT_PATH = '(root)';

/** `['models', 1, 'tiers', 0, 'upTo']` → `models[1].tiers[0].upTo`. */
export function jsonPath(path: readonly (string | number)[]): string {
  const joined = path.reduce<string>(
    (acc, part) => (typeof part === 'number' ? `${acc}[${part}]` : acc ? `${acc}.${part}` : part),
    '',
  );
  return joined || ROOT_PATH;
}

/** Says why a field is not allowed, given the path of its object and its name. */
export type UnknownFieldMessage = (objectPath: readonly (string | number)[], key: string) => string;

/**
 * Flattens zod issues into `{ path, message }`. An unknown-keys issue names its object, not the
 * field; it is split into one error per field so every error points at the exact offending path.
 */
export function issuesToErrors(
  issues: readonly ZodIssue[],
  unknownFieldMessage: UnknownFieldMessage = () => 'unknown field',
): ValidationError[] {
  const errors: ValidationError[] = [];
  for (const issue of issues) {
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) {
        errors.push({ path: jsonPath([...issue.path, key]), message: unknownFieldMessage(issue.path, key) });
      }
    } else {
      errors.push({ path: jsonPath(issue.path), message: issue.message });
    }
  }
  return errors;
}

/** Drops exact repeats, keeping first-seen order. */
export function uniqueErrors(errors: readonly ValidationError[]): ValidationError[] {
  const seen = new Set<string>();
  return errors.filter((error) => {
    const key = `${error.path}\u0000${error.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
