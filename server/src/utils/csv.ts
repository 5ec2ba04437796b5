import { PassThrough } from 'node:stream';

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

/**
 * A CSV download of every row a query matches, streamed in keyset pages (by descending `id`) so memory
 * stays flat however many rows match. `page(beforeId, limit)` reads the next rows with an id below
 * `beforeId` (all when null), newest first; `cells` turns a row into its cells in `header` order.
 * A failure mid-way destroys the stream (the client sees a cut download) after `onError` logged it.
 */
export function streamCsv<Row extends { id: number | string }>({
  header,
  page,
  cells,
  onError,
  chunk = 1000,
}: {
  header: readonly string[];
  page: (beforeId: number | null, limit: number) => Promise<Row[]>;
  cells: (row: Row) => readonly unknown[];
  onError: (error: Error) => void;
  chunk?: number;
}): PassThrough {
  const out = new PassThrough();
  (async () => {
    out.write(`${csvLine(header)}\n`);
    let beforeId: number | null = null;
    for (;;) {
      const rows = await page(beforeId, chunk);
      if (rows.length === 0) break;
      const text = rows.map((row) => csvLine(cells(row))).join('\n');
      if (!out.write(`${text}\n`)) await new Promise((resolve) => out.once('drain', resolve));
      beforeId = Number(rows[rows.length - 1].id);
      if (rows.length < chunk) break;
    }
    out.end();
  })().catch((error: Error) => {
    onError(error);
    out.destroy(error);
  });
  return out;
}
