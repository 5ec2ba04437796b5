import { PassThrough } from 'node:stream';

/** A cell that is a plain number ("12", "-0.5") is written as it is: spreadsheets read it as a number. */
const PLAIN_NUMBER = /^-?\d+(?:\.\d+)?$/;
/** What a spreadsheet would run as a formula: =, +, - or @ first (after any blanks), or a leading tab or CR. */
const FORMULA_START = /^\s*[=+\-@]|^[\t\r]/;

/**
 * The CSV every export writes (usage logs, model prices, codes): comma-separated, a cell quoted when it
 * holds a comma, quote or line break. Text reaches the exports from gateways and end users (model names,
 * request and user ids, route sources, descriptions), so every cell a spreadsheet could run as a formula
 * — anything starting with a formula character that is not a plain number, e.g. `-1+cmd|' /C calc'!A0` —
 * is prefixed with ' so it stays text.
 */
export const csvCell = (value: unknown): string => {
  const s = value === null || value === undefined ? '' : Array.isArray(value) ? value.join(' ') : String(value);
  const safe = FORMULA_START.test(s) && !PLAIN_NUMBER.test(s) ? `'${s}` : s;
  return /[",\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
};

/** One CSV line, without its line break. */
export const csvLine = (values: readonly unknown[]): string => values.map(csvCell).join(',');

/**
 * A CSV download of every row a query matches, streamed in keyset pages so memory stays flat however many
 * rows match. `page(after, limit)` reads the next rows in the export's order, those after the row `after`
 * (the last one written; from the start when null) — e.g. `id < after.id` for an export by descending id;
 * `cells` turns a row into its cells in `header` order.
 * A failure mid-way destroys the stream (the client sees a cut download) after `onError` logged it; a
 * stream destroyed by its reader stops the reading.
 */
export function streamCsv<Row>({
  header,
  page,
  cells,
  onError,
  chunk = 1000,
}: {
  header: readonly string[];
  page: (after: Row | null, limit: number) => Promise<Row[]>;
  cells: (row: Row) => readonly unknown[];
  onError: (error: Error) => void;
  chunk?: number;
}): PassThrough {
  const out = new PassThrough();
  (async () => {
    out.write(`${csvLine(header)}\n`);
    let after: Row | null = null;
    for (;;) {
      const rows = await page(after, chunk);
      if (rows.length === 0) break;
      const text = rows.map((row) => csvLine(cells(row))).join('\n');
      // A client that aborts the download destroys the stream (Koa does, when the response closes): stop
      // reading then, instead of waiting forever for a 'drain' that never comes.
      if (!out.write(`${text}\n`)) await new Promise((resolve) => out.once('drain', resolve).once('close', resolve));
      if (out.destroyed) return;
      after = rows[rows.length - 1];
      if (rows.length < chunk) break;
    }
    out.end();
  })().catch((error: Error) => {
    onError(error);
    out.destroy(error);
  });
  return out;
}
