// The Usage logs page's periods: whole UTC days, today included, sent as plain dates (which the server
// reads as whole UTC days for the logs totals and the chart stats alike).
import { daysBetween, rangeOf, toApiFilters } from '../../../admin/src/pages/UsageLogs/filters';

const NOW = Date.parse('2025-03-10T23:30:00.000Z');

describe('toApiFilters', () => {
  test.each([
    ['today', '2025-03-10', '2025-03-10'],
    ['7d', '2025-03-04', '2025-03-10'],
    ['30d', '2025-02-09', '2025-03-10'],
    ['90d', '2024-12-11', '2025-03-10'],
  ] as const)('%s → %s through %s (today included)', (range, from, to) => {
    expect(toApiFilters({ range }, NOW)).toMatchObject({ from, to });
    expect(daysBetween(from, to)).toHaveLength({ today: 1, '7d': 7, '30d': 30, '90d': 90 }[range]);
  });

  test('custom: both chosen dates, as they are; one bound alone is allowed', () => {
    expect(toApiFilters({ range: 'custom', fromDate: '2025-03-01', toDate: '2025-03-02' }, NOW)).toMatchObject({ from: '2025-03-01', to: '2025-03-02' });
    expect(daysBetween('2025-03-01', '2025-03-02')).toEqual(['2025-03-01', '2025-03-02']);
    const open = toApiFilters({ range: 'custom', toDate: '2025-03-02' }, NOW);
    expect([open.from, open.to]).toEqual([undefined, '2025-03-02']);
  });

  test('no range → last 7 days; an old "24h" link → today; an unknown range → last 7 days', () => {
    expect(toApiFilters({}, NOW)).toMatchObject({ from: '2025-03-04', to: '2025-03-10' });
    expect(rangeOf('24h')).toBe('today');
    expect(rangeOf('week')).toBe('7d');
  });
});
