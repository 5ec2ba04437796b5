/*
 * Where a JSON text is broken, as an editor says it: line and column (1-based). Browsers report only an
 * offset ("at position 1234") or, in newer engines, a line and column too; an admin fixing a pasted
 * pricing file needs the line. No React here: unit-tested as is.
 */

export interface JsonParseResult {
  ok: boolean;
  value?: unknown;
  /** The engine's message, without its position. */
  message?: string;
  line?: number;
  column?: number;
}

/** Line and column (1-based) of the character at `offset` in `text`. */
export const lineAndColumn = (text: string, offset: number) => {
  const before = text.slice(0, Math.max(0, Math.min(offset, text.length)));
  const lines = before.split('\n');
  return { line: lines.length, column: lines[lines.length - 1].length + 1 };
};

/** Parses `text`; on failure, the engine's message and the line and column it points at (when it says). */
export const parseJsonWithLocation = (text: string): JsonParseResult => {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch (error) {
    const raw = error instanceof Error ? error.message : String(error);
    const explicit = /\(line (\d+) column (\d+)\)/.exec(raw);
    const position = /at position (\d+)/.exec(raw);
    const location = explicit
      ? { line: Number(explicit[1]), column: Number(explicit[2]) }
      : position
        ? lineAndColumn(text, Number(position[1]))
        : /Unexpected end of JSON input/.test(raw)
          ? lineAndColumn(text, text.length)
          : {};
    const message = raw.replace(/\s*\(line \d+ column \d+\)/, '').replace(/\s*in JSON at position \d+/, '').trim();
    return { ok: false, message, ...location };
  }
};
