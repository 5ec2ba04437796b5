// Period arithmetic and what time does to a subscription (pure: no Strapi, no database).
import { addMonths, isPeriodBoundary, periodEndAfter } from '../../../server/src/services/subscriptions/calendar';
import { advance, boundedPeriodEnd, extendEnd, type PeriodState, type PlanTerms } from '../../../server/src/services/subscriptions/period-state';
import { planActionFor } from '../../../server/src/services/subscriptions/plan-actions';
import type { PlanRecord } from '../../../server/src/services/plans';

const at = (iso: string) => new Date(iso);
const isoOf = (d: Date | null) => d?.toISOString() ?? null;

describe('calendar months in UTC', () => {
  test.each([
    ['2025-01-31T10:00:00.000Z', 1, '2025-02-28T10:00:00.000Z'],
    ['2024-01-31T10:00:00.000Z', 1, '2024-02-29T10:00:00.000Z'],
    ['2025-01-31T10:00:00.000Z', 2, '2025-03-31T10:00:00.000Z'],
    ['2025-01-30T00:00:00.000Z', 1, '2025-02-28T00:00:00.000Z'],
    ['2025-03-31T23:59:59.999Z', 1, '2025-04-30T23:59:59.999Z'],
    ['2025-12-15T08:30:00.000Z', 1, '2026-01-15T08:30:00.000Z'],
    ['2025-11-30T00:00:00.000Z', 3, '2026-02-28T00:00:00.000Z'],
    ['2024-02-29T12:00:00.000Z', 12, '2025-02-28T12:00:00.000Z'],
    ['2024-02-29T12:00:00.000Z', 48, '2028-02-29T12:00:00.000Z'],
  ])('%s + %i months = %s', (from, months, expected) => {
    expect(addMonths(at(from), months).toISOString()).toBe(expected);
  });

  test('monthly periods stay anchored: Jan 31 → Feb 28 → Mar 31 → Apr 30 (no drift to the 28th)', () => {
    const anchor = at('2025-01-31T09:00:00.000Z');
    const ends: string[] = [];
    let start = anchor;
    for (let i = 0; i < 4; i += 1) {
      const end = periodEndAfter(anchor, start, 'monthly')!;
      ends.push(end.toISOString().slice(0, 10));
      start = end;
    }
    expect(ends).toEqual(['2025-02-28', '2025-03-31', '2025-04-30', '2025-05-31']);
  });

  test('yearly from Feb 29: Feb 28 in common years, Feb 29 again in the next leap year', () => {
    const anchor = at('2024-02-29T00:00:00.000Z');
    const ends: string[] = [];
    let start = anchor;
    for (let i = 0; i < 4; i += 1) {
      const end = periodEndAfter(anchor, start, 'yearly')!;
      ends.push(end.toISOString().slice(0, 10));
      start = end;
    }
    expect(ends).toEqual(['2025-02-28', '2026-02-28', '2027-02-28', '2028-02-29']);
  });

  test('lifetime has no period end', () => {
    expect(periodEndAfter(at('2025-01-01T00:00:00Z'), at('2025-01-01T00:00:00Z'), 'lifetime')).toBeNull();
  });

  test('boundaries: an anchored month end is one, a day in between is not', () => {
    const anchor = at('2025-01-31T09:00:00.000Z');
    expect(isPeriodBoundary(anchor, at('2025-02-28T09:00:00.000Z'))).toBe(true);
    expect(isPeriodBoundary(anchor, at('2025-03-02T09:00:00.000Z'))).toBe(false);
  });

  test('a period is cut at the end of the entitlement (a 10-day grant of a monthly plan)', () => {
    const start = at('2025-05-01T00:00:00.000Z');
    expect(isoOf(boundedPeriodEnd(start, start, 'monthly', at('2025-05-11T00:00:00.000Z')))).toBe('2025-05-11T00:00:00.000Z');
    expect(isoOf(boundedPeriodEnd(start, start, 'lifetime', null))).toBeNull();
  });

  test('a renewal extends the end by one interval, from a boundary or from a day in between', () => {
    const anchor = at('2025-01-31T00:00:00.000Z');
    expect(extendEnd(anchor, at('2025-02-28T00:00:00.000Z'), 'monthly').toISOString()).toBe('2025-03-31T00:00:00.000Z');
    expect(extendEnd(anchor, at('2025-02-28T00:00:00.000Z'), 'yearly').toISOString()).toBe('2026-02-28T00:00:00.000Z');
    expect(extendEnd(anchor, at('2025-02-10T00:00:00.000Z'), 'monthly').toISOString()).toBe('2025-03-10T00:00:00.000Z');
  });
});

const terms = (over: Partial<PlanTerms> = {}): PlanTerms => ({
  planId: 1, name: 'Pro', price: '10', currency: 'USD', interval: 'monthly', periodCredit: '10', discount: '0', finalPrice: '10.00', ...over,
});

const state = (over: Partial<PeriodState> = {}): PeriodState => ({
  status: 'active',
  terms: terms(),
  startedAt: at('2025-01-31T00:00:00.000Z'),
  periodStart: at('2025-01-31T00:00:00.000Z'),
  periodEnd: at('2025-02-28T00:00:00.000Z'),
  endsAt: at('2025-03-31T00:00:00.000Z'),
  credit: 10_000_000_000n,
  used: 7_500_000_000n,
  cancelledAt: null,
  nextPlanId: null,
  endedAt: null,
  ...over,
});

describe('advance: what time does to a subscription', () => {
  test('inside its period nothing changes', () => {
    const s = state();
    expect(advance(s, at('2025-02-27T23:59:59.999Z'), terms())).toBe(s);
  });

  test('a new period (paid ahead) restores the credit in full: unused credit does not roll over', () => {
    const next = advance(state(), at('2025-02-28T00:00:00.000Z'), terms());
    expect(next).toMatchObject({ status: 'active', used: 0n, credit: 10_000_000_000n, nextPlanId: null });
    expect([isoOf(next.periodStart), isoOf(next.periodEnd)]).toEqual(['2025-02-28T00:00:00.000Z', '2025-03-31T00:00:00.000Z']);
  });

  test('the new period runs on the renewal terms (the plan as edited since, or the plan a switch chose)', () => {
    const edited = terms({ planId: 2, name: 'Lite', periodCredit: '4.5' });
    const next = advance(state({ nextPlanId: 2 }), at('2025-03-01T00:00:00.000Z'), edited);
    expect(next.terms).toEqual(edited);
    expect(next.credit).toBe(4_500_000_000n);
  });

  test('several periods passed at once: lands in the period that contains now', () => {
    const s = state({ endsAt: at('2025-06-30T00:00:00.000Z'), used: 1n });
    const next = advance(s, at('2025-05-15T00:00:00.000Z'), terms());
    expect([isoOf(next.periodStart), isoOf(next.periodEnd), next.used]).toEqual(['2025-04-30T00:00:00.000Z', '2025-05-31T00:00:00.000Z', 0n]);
  });

  test('at its end it expires; a cancelled one ends as cancelled; ended ones stay as they are', () => {
    const end = at('2025-03-31T00:00:00.000Z');
    expect(advance(state(), end, terms())).toMatchObject({ status: 'expired', endedAt: end });
    expect(advance(state({ cancelledAt: at('2025-02-01T00:00:00Z') }), end, terms())).toMatchObject({ status: 'cancelled', endedAt: end });
    const expired = state({ status: 'expired' });
    expect(advance(expired, at('2030-01-01T00:00:00Z'), terms())).toBe(expired);
  });

  test('lifetime: one credit that never resets and never ends', () => {
    const lifetime = state({ terms: terms({ interval: 'lifetime' }), periodEnd: null, endsAt: null });
    expect(advance(lifetime, at('2099-01-01T00:00:00Z'), terms())).toBe(lifetime);
  });
});

const plan = (id: number, interval: PlanRecord['interval'], price: string): PlanRecord => ({
  id, name: `p${id}`, description: null, price: BigInt(Math.round(Number(price) * 100)) * 10_000_000n, currency: 'USD', interval,
  periodCredit: 1n, discount: '0', enabled: true, sortOrder: 0, notes: [], createdAt: new Date(0), updatedAt: new Date(0),
});

describe('plan actions for a user', () => {
  const monthly10 = plan(1, 'monthly', '10');
  const monthly20 = plan(2, 'monthly', '20');
  const yearly100 = plan(3, 'yearly', '100'); // 8.33 a month
  const yearly240 = plan(4, 'yearly', '240'); // 20 a month: equal to monthly20
  const lifetime = plan(5, 'lifetime', '300');

  test('no subscription: subscribe to anything', () => {
    expect([monthly10, lifetime].map((p) => planActionFor(p, null))).toEqual(['subscribe', 'subscribe']);
  });

  test('a recurring plan: renew it; dearer per month → upgrade; cheaper or equal → switch; lifetime → upgrade', () => {
    expect([monthly10, monthly20, yearly100, yearly240, lifetime].map((p) => planActionFor(p, monthly20))).toEqual([
      'switch', 'renew', 'switch', 'switch', 'upgrade',
    ]);
    expect(planActionFor(yearly240, yearly100)).toBe('upgrade');
  });

  test('a lifetime plan: it is current, nothing else is offered', () => {
    expect([lifetime, monthly20].map((p) => planActionFor(p, lifetime))).toEqual(['current', 'unavailable']);
  });
});
