// The gateway's hot path (services/hot-path-pg.ts on PostgreSQL; the general path on SQLite): the answer of
// a report, the answer stored on its log (completed by SQL with the balance after the charge on PostgreSQL)
// and its replay agree to the nano whatever the balance (fractional, zero, negative, whole), and a pair costs
// the statements it is meant to cost.
import { bootForTests } from '../helpers/boot';
import { balanceOf, fund, gatewaySuite, ledgerRows, logRow, service, validatedReport } from '../helpers/metering';

const ctx = bootForTests();

describe(`metering hot path (${process.env.TEST_DB})`, () => {
  const suite = gatewaySuite(ctx, { mode: 'usage', prepaidAmount: '0.1' });

  test('each answer, its stored copy and its replay carry the same balance: fractional, zero, negative, whole', async () => {
    const userId = 'hp-user';
    await fund(ctx.strapi, userId, '1');
    const bodies = {
      'hp-1': { model: 'claude-sonnet-4-5', usage: { inputTokens: 18000 } }, // 0.054
      'hp-2': { model: 'sora-2', usage: { durationSeconds: 9.46 } }, // 0.946
      'hp-3': { model: 'gpt-image-1', usage: { calls: 2 } }, // 0.08
      'hp-4': { model: 'claude-sonnet-4-5', usage: { inputTokens: 1 } }, // 0.000003
    };
    const report = async (requestId: keyof typeof bodies, balance: string) => {
      const res = await suite.post('/usage', { requestId, userId, ...bodies[requestId] });
      expect(res.status).toBe(201);
      expect(res.body.data.balance).toBe(balance);
      // The answer stored for replays (a JSON column: text on SQLite and through Strapi's PostgreSQL driver).
      const stored = (await logRow(ctx.strapi, requestId))!.response;
      expect(typeof stored === 'string' ? JSON.parse(stored) : stored).toEqual(res.body.data);
      return res.body.data;
    };
    const answers = { 'hp-1': await report('hp-1', '0.946'), 'hp-2': await report('hp-2', '0'), 'hp-3': await report('hp-3', '-0.08') };
    await fund(ctx.strapi, userId, '1000.08');
    const all = { ...answers, 'hp-4': await report('hp-4', '999.999997') };

    for (const [requestId, answer] of Object.entries(all)) {
      const replay = await suite.post('/usage', { requestId, userId, ...bodies[requestId as keyof typeof bodies] });
      expect(replay.status).toBe(200);
      expect(replay.body.data).toEqual(answer);
    }
    const entries = await ledgerRows(ctx.strapi, { user_id: userId, kind: 'usage' });
    expect(entries.map((e) => [e.reference, e.amount, e.balance_after])).toEqual([
      ['hp-1', '-0.054', '0.946'], ['hp-2', '-0.946', '0'], ['hp-3', '-0.08', '-0.08'], ['hp-4', '-0.000003', '999.999997'],
    ]);
    expect(await balanceOf(ctx.strapi, userId)).toBe('999.999997');
  });

  test("a user's first report creates the account and charges the bill in full; an unfunded first authorize is a 402 that writes nothing", async () => {
    const res = await suite.post('/usage', { requestId: 'hp-new-1', userId: 'hp-new', model: 'claude-sonnet-4-5', usage: { inputTokens: 1000 } });
    expect(res.status).toBe(201);
    expect(res.body.data).toMatchObject({ charged: '0.003', balance: '-0.003' });
    expect(await balanceOf(ctx.strapi, 'hp-new')).toBe('-0.003');
    const auth = await suite.post('/authorize', { userId: 'hp-fresh', model: 'claude-sonnet-4-5', requestId: 'hp-fresh-1' });
    expect(auth.status).toBe(402);
    expect(auth.body.error.details).toEqual({ required: '0.1', available: '0' });
    // A refusal writes nothing, not even the account.
    expect(await balanceOf(ctx.strapi, 'hp-fresh')).toBeNull();
  });

  test('PostgreSQL: an authorize + usage pair of an existing account is 7 statements (it was 16)', async () => {
    await fund(ctx.strapi, 'hp-count', '1');
    const metering = service(ctx.strapi, 'metering');
    const pair = async (requestId: string) => {
      const auth = await metering.authorize({ userId: 'hp-count', model: 'claude-sonnet-4-5', requestId });
      await metering.report(validatedReport({ requestId, userId: 'hp-count', model: 'claude-sonnet-4-5', holdId: auth.holdId, usage: { inputTokens: 10 } }));
    };
    await pair('hp-count-warm');
    const statements: string[] = [];
    const listener = (query: { sql: string }) => {
      // The settings are read from memory, re-read at most once a second: that read is not the pair's.
      if (!query.sql.includes('strapi_core_store_settings')) statements.push(query.sql.trim().split(/\s+/).slice(0, 3).join(' '));
    };
    ctx.strapi.db.connection.on('query', listener);
    try {
      await pair('hp-count-1');
    } finally {
      ctx.strapi.db.connection.removeListener('query', listener);
    }
    if (ctx.kind !== 'postgres') return;
    // authorize: the model's price and catalog switch; BEGIN; lock the account; holds check + new hold; COMMIT.
    // usage: the model's prices; settle + charge + ledger + log + rollup in one statement.
    expect(statements).toHaveLength(7);
    expect(statements.filter((s) => /^(BEGIN|COMMIT)/.test(s))).toEqual(['BEGIN;', 'COMMIT;']);
    expect(await balanceOf(ctx.strapi, 'hp-count')).toBe('0.99994');
  });
});
