// A broken pricing file is reported by line and column (issue 15), whatever the engine's message says:
// an offset ("at position N"), a line and column, or the end of the input.
import { lineAndColumn, parseJsonWithLocation } from '../../../admin/src/utils/json';

test('line and column of an offset', () => {
  expect(lineAndColumn('ab\ncd\nef', 0)).toEqual({ line: 1, column: 1 });
  expect(lineAndColumn('ab\ncd\nef', 4)).toEqual({ line: 2, column: 2 });
  expect(lineAndColumn('ab\ncd\nef', 99)).toEqual({ line: 3, column: 3 });
});

test('a missing comma on line 3 is reported there', () => {
  const text = '{\n  "currency": "USD",\n  "prices": [] "x": 1\n}';
  const result = parseJsonWithLocation(text);
  expect(result.ok).toBe(false);
  expect(result.line).toBe(3);
  expect(result.column).toBe(16);
  expect(result.message).not.toMatch(/position|line \d/);
});

test('a cut file points at its end', () => {
  const result = parseJsonWithLocation('{\n  "prices": [\n');
  expect(result).toMatchObject({ ok: false, line: 3, column: 1 });
});

test('valid JSON parses', () => {
  expect(parseJsonWithLocation('{"a": [1]}')).toEqual({ ok: true, value: { a: [1] } });
});
