import type { ZodIssue } from 'zod';
import type { ValidationError } from './types';

// JSON paths of validation errors, written and read in one place: the rating module, the pricing file,
// the server's request validation and its error responses all use these.

/** Path of the document itself, for errors that are about the whole input. */
export const ROOT_PATH = '(root)';

// A name that reads unambiguously after a dot; any other key (a tool name with a space or a dot, say) is quoted.
const PLAIN_KEY = /^[A-Za-z_$][\w$-]*$/;

/**
 * `['models', 1, 'tiers', 0, 'upTo']` → `models[1].tiers[0].upTo`; `[]` → `rootPath`. A key that is not a
 * plain name is quoted: `['models', 0, 'tools', 'my tool']` → `models[0].tools["my tool"]`.
 */
export function jsonPath(path: readonly (string | number)[], rootPath = ROOT_PATH): string {
  const joined = path.reduce<string>(
    (acc, part) =>
      typeof part === 'number' ? `${acc}[${part}]` : !PLAIN_KEY.test(part) ? `${acc}[${JSON.stringify(part)}]` : acc ? `${acc}.${part}` : part,
    '',
  );
  return joined || rootPath;
}

/** The inverse of jsonPath, as strings: `models[1].upTo` → `['models', '1', 'upTo']`; `''` → `[]`. */
export function pathSegments(path: string): string[] {
  const segments: string[] = [];
  for (const match of path.matchAll(/\[(\d+)\]|\[("(?:[^"\\]|\\.)*")\]|([^.[\]]+)/g)) {
    segments.push(match[1] ?? (match[2] !== undefined ? (JSON.parse(match[2]) as string) : match[3]!));
  }
  return segments;
}

/** `path` seen from inside `prefix`: `models[0].input` → `input`, `models[0]` itself → `''`; other paths unchanged. */
export function relativePath(path: string, prefix: string): string {
  if (path === prefix) return '';
  return path.startsWith(`${prefix}.`) ? path.slice(prefix.length + 1) : path;
}

/** `path` placed under `prefix`: `input` → `price.input`, `''` → `price`. */
export function nestedPath(prefix: string, path: string): string {
  return path ? `${prefix}.${path}` : prefix;
}

/** Says why a field is not allowed, given the path of its object and its name. */
export type UnknownFieldMessage = (objectPath: readonly (string | number)[], key: string) => string;

export interface IssueOptions {
  unknownFieldMessage?: UnknownFieldMessage;
  /** How an error about the whole input is named; ROOT_PATH unless said otherwise. */
  rootPath?: string;
}

/**
 * Flattens zod issues into `{ path, message }`. An unknown-keys issue names its object, not the
 * field; it is split into one error per field so every error points at the exact offending path.
 */
export function issuesToErrors(
  issues: readonly ZodIssue[],
  { unknownFieldMessage = () => 'unknown field', rootPath = ROOT_PATH }: IssueOptions = {},
): ValidationError[] {
  const errors: ValidationError[] = [];
  for (const issue of issues) {
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) {
        errors.push({ path: jsonPath([...issue.path, key], rootPath), message: unknownFieldMessage(issue.path, key) });
      }
    } else {
      errors.push({ path: jsonPath(issue.path, rootPath), message: issue.message });
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
