// Hold extensions racing each other, new authorizations and the usage report that settles the hold, on
// PostgreSQL across two Strapi instances: never more reserved than the balance, not a nano charged twice.
import { toNanos } from '../../server/src/rating';
import { validPricingFile } from '../helpers/fixtures';
import { postJson } from '../helpers/http';
import { twoInstances } from '../helpers/two-instances';
import { service } from '../helpers/services';

const ACTIONS = ['gateway.authorize', 'gateway.usage', 'gateway.extendHold'];
const PRICING = { version: 1, currency: 'USD', models: [{ model: 'image-call', mode: 'per_call', perCall: '0.01' }] };

const race = twoInstances('extend', ACTIONS, async (strapi) => {
  await service(strapi, 'settings').update({ mode: 'usage', prepaidAmount: '0.1' });
  await service(strapi, 'pricingFile').importFile(validPricingFile(PRICING), { dryRun: false, allowUnknown: true });
});

const knex = () => race.strapi.db.connection;
const post = (i: number, path: string, body: unknown) =>
  postJson(`${i % 2 === 0 ? race.urlA : race.urlB}/api/usage-billing${path}`, body, race.token);
const openHeld = async (userId: string) =>
  BigInt(String((await knex()('ub_holds').select(knex().raw('CAST(COALESCE(SUM(amount), 0) AS TEXT) AS s')).where({ user_id: userId, status: 'open' }).first()).s));
/** The cached balance in nanos. */
const balanceOf = async (userId: string) =>
  BigInt(String((await knex()('ub_accounts').select(knex().raw('CAST(balance AS TEXT) AS b')).where({ user_id: userId }).first()).b));

describe('hold extension under concurrency (PostgreSQL, two instances)', () => {
  test('40 extensions and 10 new authorizations racing for 0.8 left: exactly 8 pass, 1.0 reserved to the nano', async () => {
    const userId = 'ext-race';
    await service(race.strapi, 'ledger').adjust({ userId, amount: '1', reason: 'race', actor: 'test' });
    const holds: string[] = [];
    for (const i of [0, 1]) holds.push((await post(i, '/authorize', { userId, model: 'image-call', requestId: `ext-race-open-${i}` })).body.data.holdId);

    const calls = [
      ...Array.from({ length: 40 }, (_, i) => () => post(i, `/holds/${holds[i % 2]}/extend`, { amount: '0.1' })),
      ...Array.from({ length: 10 }, (_, i) => () => post(i, '/authorize', { userId, model: 'image-call', requestId: `ext-race-new-${i}` })),
    ];
    const results = await Promise.all(calls.map((call) => call()));
    const passed = results.filter((r) => r.status === 200);
    expect(passed).toHaveLength(8);
    expect(results.filter((r) => r.status !== 200).every((r) => r.status === 402 && r.body.error.name === 'InsufficientFundsError')).toBe(true);
    expect(await openHeld(userId)).toBe(toNanos('1'));
    expect(await balanceOf(userId)).toBe(toNanos('1'));
  }, 120000);

  test('an extension racing the report that settles its hold: either lands before the settle or is a 409; nothing stays reserved', async () => {
    const userId = 'ext-settle';
    await service(race.strapi, 'ledger').adjust({ userId, amount: '10', reason: 'race', actor: 'test' });
    const rounds = 20;
    await Promise.all(
      Array.from({ length: rounds }, async (_, i) => {
        const requestId = `ext-settle-${i}`;
        const { holdId } = (await post(i, '/authorize', { userId, model: 'image-call', requestId })).body.data;
        const [extension, usage] = await Promise.all([
          post(i + 1, `/holds/${holdId}/extend`, {}),
          post(i, '/usage', { requestId, userId, model: 'image-call', holdId, usage: { calls: 1 } }),
        ]);
        expect(usage.status).toBe(201);
        expect([200, 409]).toContain(extension.status);
        if (extension.status === 409) expect(extension.body.error.details.status).toBe('settled');
      }),
    );
    expect(await openHeld(userId)).toBe(0n);
    expect(await balanceOf(userId)).toBe(toNanos('10') - BigInt(rounds) * toNanos('0.01'));
    expect(await knex()('ub_holds').where({ user_id: userId, status: 'settled' }).count({ c: '*' })).toEqual([{ c: String(rounds) }]);
  }, 120000);
});
