/**
 * The CSV every export writes (usage logs, model prices): comma-separated, a cell quoted when it holds a
 * comma, quote or line break. A cell that a spreadsheet would run as a formula (a leading =, +, - or @
 * that does not start a number) is prefixed with ' so it stays text.
 */
export const csvCell = (value: unknown): string => {
  const s = value === null || value === undefined ? '' : Array.isArray(value) ? value.join(' ') : String(value);
  const safe = /^[=+\-@]/.test(s) && !/^-?\d/.test(s) ? `'${s}` : s;
  return /[",\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
};

/** One CSV line, without its line break. */
export const csvLine = (values: readonly unknown[]): string => values.map(csvCell).join(',');
