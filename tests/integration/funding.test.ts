// The funding source of each billing mode, called directly inside a real transaction of the booted
// Strapi: what each one charges and answers for a bill, in exact nanos, and what it writes (account,
// ledger entry, hold). The sources are the TypeScript sources (compiled by ts-jest); the services they
// call (ledger, holds) are the ones Strapi loaded.
import { DEFAULT_SETTINGS, type BillingSettings } from '../../contracts/settings';
import type { Bill } from '../../server/src/rating';
import { withTransaction, type Trx } from '../../server/src/services/db';
import { FUNDING_SOURCES } from '../../server/src/services/funding';
import { bootForTests } from '../helpers/boot';
import { balanceOf, expectLedgerConsistent, fund, holdRow, ledgerRows, service, tableCounts } from '../helpers/metering';

const ctx = bootForTests();

const SETTINGS: BillingSettings = { ...DEFAULT_SETTINGS, mode: 'usage', prepaidAmount: '0.1', holdTtlSeconds: 900 };

/** A bill as rate() makes it; the funding sources read its total and its mode. */
const bill = (total: string, mode: Bill['mode'] = 'per_call'): Bill => ({
  model: 'some-model',
  mode,
  currency: 'USD',
  lines: total === '0' ? [] : [{ item: 'call', quantity: '1', unitPrice: total, unit: 'call', amount: total }],
  modelCost: total,
  multiplier: '1',
  toolCost: '0',
  total,
  flags: [],
});

const inTransaction = <T>(work: (trx: Trx) => Promise<T>) => withTransaction(ctx.strapi, work);

const charge = (mode: keyof typeof FUNDING_SOURCES, userId: string, theBill: Bill, ids: { requestId: string; holdId?: string }) =>
  inTransaction((trx) => FUNDING_SOURCES[mode].charge({ trx, userId, settings: { ...SETTINGS, mode }, bill: theBill, ...ids }));

/** Usage mode's authorize, with the account row locked first as metering.authorize() does. */
const authorizeUsage = (userId: string, { requestId, free = false, settings = SETTINGS }: { requestId?: string; free?: boolean; settings?: BillingSettings } = {}) =>
  inTransaction(async (trx) => {
    const account = await service(ctx.strapi, 'ledger').lockAccount(trx, userId);
    return FUNDING_SOURCES.usage.authorize({ trx, account, settings, model: 'some-model', requestId, free });
  });

/** Resolves to what the promise rejected with (null when it resolved). */
const rejection = (promise: Promise<unknown>) => promise.then(() => null, (error: unknown) => error);

afterEach(async () => expectLedgerConsistent(ctx.strapi));

describe(`usage funding (prepaid balance) (${process.env.TEST_DB})`, () => {
  test('charge: the bill total to the nano is posted to the ledger and answered with the new balance', async () => {
    const userId = 'fund-usage-charge';
    await fund(ctx.strapi, userId, '1');
    const outcome = await charge('usage', userId, bill('0.123456789'), { requestId: 'fu-1' });
    expect(outcome).toEqual({ charged: 123456789n, balance: '0.876543211' });
    expect(await balanceOf(ctx.strapi, userId)).toBe('0.876543211');
    expect(await ledgerRows(ctx.strapi, { user_id: userId })).toEqual([
      { user_id: userId, kind: 'adjustment', reference: null, actor: 'test', note: 'test funding', amount: '1', balance_after: '1' },
      { user_id: userId, kind: 'usage', reference: 'fu-1', actor: 'gateway', note: null, amount: '-0.123456789', balance_after: '0.876543211' },
    ]);
  });

  test('charge: one nano is charged as one nano', async () => {
    const userId = 'fund-usage-nano';
    await fund(ctx.strapi, userId, '1');
    expect(await charge('usage', userId, bill('0.000000001'), { requestId: 'fu-nano' })).toEqual({ charged: 1n, balance: '0.999999999' });
  });

  test('charge: a bill above the balance is charged in full and the balance goes negative', async () => {
    const userId = 'fund-usage-over';
    await fund(ctx.strapi, userId, '0.05');
    expect(await charge('usage', userId, bill('0.2'), { requestId: 'fu-over' })).toEqual({ charged: 200000000n, balance: '-0.15' });
    expect(await balanceOf(ctx.strapi, userId)).toBe('-0.15');
  });

  test('charge: a bill of 0 posts no ledger entry and answers the unchanged balance', async () => {
    const userId = 'fund-usage-zero';
    await fund(ctx.strapi, userId, '0.3');
    const ledgerBefore = (await tableCounts(ctx.strapi)).ledger;
    expect(await charge('usage', userId, bill('0', 'free'), { requestId: 'fu-zero' })).toEqual({ charged: 0n, balance: '0.3' });
    expect((await tableCounts(ctx.strapi)).ledger).toBe(ledgerBefore);
  });

  test('charge: a first call of a new user costing 0 creates the account at balance 0', async () => {
    const userId = 'fund-usage-new';
    expect(await balanceOf(ctx.strapi, userId)).toBeNull();
    expect(await charge('usage', userId, bill('0', 'unpriced'), { requestId: 'fu-new' })).toEqual({ charged: 0n, balance: '0' });
    expect(await balanceOf(ctx.strapi, userId)).toBe('0');
    expect(await ledgerRows(ctx.strapi, { user_id: userId })).toEqual([]);
  });

  test('authorize: reserves the prepaid amount with an open hold and answers what is left available', async () => {
    const userId = 'fund-usage-auth';
    await fund(ctx.strapi, userId, '1');
    const first = await authorizeUsage(userId, { requestId: 'fa-1' });
    expect(first).toEqual({ allowed: true, mode: 'usage', holdId: expect.stringMatching(/^hold_[0-9a-f]{24}$/), held: '0.1', available: '0.9' });
    expect(await holdRow(ctx.strapi, first.holdId!)).toMatchObject({ user_id: userId, request_id: 'fa-1', status: 'open', amount: '100000000' });

    // The open hold lowers what the next call sees as available.
    const second = await authorizeUsage(userId, { requestId: 'fa-2' });
    expect(second).toMatchObject({ held: '0.1', available: '0.8' });
    expect(second.holdId).not.toBe(first.holdId);
    expect(await balanceOf(ctx.strapi, userId)).toBe('1');
  });

  test('authorize: available exactly the prepaid amount is enough; one nano less is 402 and writes nothing', async () => {
    const userId = 'fund-usage-edge';
    await fund(ctx.strapi, userId, '0.25');
    const settings = { ...SETTINGS, prepaidAmount: '0.125' };
    expect(await authorizeUsage(userId, { requestId: 'fe-1', settings })).toMatchObject({ held: '0.125', available: '0.125' });
    expect(await authorizeUsage(userId, { requestId: 'fe-2', settings })).toMatchObject({ held: '0.125', available: '0' });

    await fund(ctx.strapi, 'fund-usage-short', '0.124999999');
    const before = await tableCounts(ctx.strapi);
    const error = await rejection(authorizeUsage('fund-usage-short', { requestId: 'fe-3', settings }));
    expect(error).toMatchObject({ status: 402, name: 'InsufficientFundsError', details: { required: '0.125', available: '0.124999999' } });
    expect(await tableCounts(ctx.strapi)).toEqual(before);
  });

  test('authorize: a free model reserves nothing and is allowed even with nothing available', async () => {
    const userId = 'fund-usage-free';
    const before = (await tableCounts(ctx.strapi)).holds;
    expect(await authorizeUsage(userId, { requestId: 'ff-1', free: true })).toEqual({ allowed: true, mode: 'usage', available: '0' });
    expect((await tableCounts(ctx.strapi)).holds).toBe(before);
  });

  test('charge settles the hold named by holdId, or the one held for the requestId', async () => {
    const userId = 'fund-usage-settle';
    await fund(ctx.strapi, userId, '1');
    const byId = await authorizeUsage(userId, { requestId: 'fs-1' });
    const byRequest = await authorizeUsage(userId, { requestId: 'fs-2' });
    expect(await charge('usage', userId, bill('0.03'), { requestId: 'fs-1', holdId: byId.holdId })).toEqual({ charged: 30000000n, balance: '0.97' });
    expect(await charge('usage', userId, bill('0.04'), { requestId: 'fs-2' })).toEqual({ charged: 40000000n, balance: '0.93' });
    expect([(await holdRow(ctx.strapi, byId.holdId!)).status, (await holdRow(ctx.strapi, byRequest.holdId!)).status]).toEqual(['settled', 'settled']);
    // Nothing is held any more: the whole balance is available again.
    expect(await authorizeUsage(userId, { free: true })).toEqual({ allowed: true, mode: 'usage', available: '0.93' });
  });
});

describe(`self funding (record only) (${process.env.TEST_DB})`, () => {
  test('charge: nothing is charged, whatever the bill; a new user gets an account at 0 and no ledger entry', async () => {
    const userId = 'fund-self-new';
    expect(await charge('self', userId, bill('0.5'), { requestId: 'fself-1' })).toEqual({ charged: 0n });
    expect(await balanceOf(ctx.strapi, userId)).toBe('0');
    expect(await ledgerRows(ctx.strapi, { user_id: userId })).toEqual([]);
  });

  test('charge: an existing balance is left as it is', async () => {
    const userId = 'fund-self-funded';
    await fund(ctx.strapi, userId, '2');
    expect(await charge('self', userId, bill('1.999999999'), { requestId: 'fself-2' })).toEqual({ charged: 0n });
    expect(await balanceOf(ctx.strapi, userId)).toBe('2');
    expect((await ledgerRows(ctx.strapi, { user_id: userId })).map((e) => e.kind)).toEqual(['adjustment']);
  });
});

describe(`period funding without a subscription (${process.env.TEST_DB})`, () => {
  test('charge: a priced bill is charged 0 and flagged no_active_subscription; the account exists, no ledger entry', async () => {
    const userId = 'fund-period-priced';
    expect(await charge('period', userId, bill('0.5'), { requestId: 'fp-1' })).toEqual({ charged: 0n, flags: ['no_active_subscription'] });
    expect(await balanceOf(ctx.strapi, userId)).toBe('0');
    expect(await ledgerRows(ctx.strapi, { user_id: userId })).toEqual([]);
  });

  test.each([
    ['a free model', bill('0', 'free')],
    ['a priced call that cost 0', bill('0', 'token')],
  ])('charge: %s is not flagged', async (_, theBill) => {
    expect(await charge('period', 'fund-period-zero', theBill, { requestId: `fp-${theBill.mode}` })).toEqual({ charged: 0n, flags: [] });
  });
});
