// The one CSV writer of every export: quoting, and cells a spreadsheet would run as formulas.
import { csvCell, csvLine } from '../../../server/src/utils/csv';

describe('csvCell', () => {
  test.each([
    ['=1+1', "'=1+1"],
    ['+1', "'+1"],
    ['@SUM(A1)', "'@SUM(A1)"],
    ["-1+cmd|' /C calc'!A0", "'-1+cmd|' /C calc'!A0"],
    ['\t=1', "'\t=1"],
    ['\r=1', `"'\r=1"`],
    ['  =HYPERLINK("x")', `"'  =HYPERLINK(""x"")"`],
    ['-', "'-"],
    ['-x', "'-x"],
  ])('a formula-like cell %j is neutralised as %j', (input, expected) => {
    expect(csvCell(input)).toBe(expected);
  });

  test.each([['12'], ['-0.5'], ['0.000000001'], ['-12.75'], ['claude-sonnet-4-5'], ['req-1'], ['']])('a plain number or text %j is written as it is', (input) => {
    expect(csvCell(input)).toBe(input);
  });

  test('quotes cells holding commas, quotes and line breaks; null and undefined are empty; arrays joined', () => {
    expect(csvLine(['a,b', 'say "hi"', 'two\nlines', null, undefined, ['x', 'y']])).toBe('"a,b","say ""hi""","two\nlines",,,x y');
  });
});
