// Redemption races on PostgreSQL over real HTTP, against one and two Strapi instances: a code with 5 uses
// redeemed by 100 users at once, and one user hitting a per-user-limit-1 code 20 times at once.
import { postJson } from '../helpers/http';
import { service } from '../helpers/services';
import { twoInstances } from '../helpers/two-instances';

const race = twoInstances('code_race', ['account.redeem'], async (strapi) => {
  await service(strapi, 'settings').update({ mode: 'usage' });
});

const knex = () => race.strapi.db.connection;
const redeem = (baseUrl: string, userId: string, code: string) => postJson(`${baseUrl}/api/usage-billing/accounts/${userId}/redeem`, { code }, race.token);
const newCode = async (input: { totalUses: number; perUserLimit: number }) =>
  (await service(race.strapi, 'codes').create({ mode: 'usage', amount: '1.25', count: 1, ...input })).codes[0];

/** Redemptions, ledger credits and the use count of `code`, read from the database. */
async function written(code: string) {
  const row = await knex()('ub_codes').select('id', 'used_count').where({ code }).first();
  const redemptions = await knex()('ub_redemptions').where({ code_id: row.id }).select('user_id', 'ledger_reference');
  const credits = await knex()('ub_ledger_entries')
    .whereIn('reference', redemptions.map((r: { ledger_reference: string }) => r.ledger_reference))
    .select(knex().raw('CAST(COALESCE(SUM(amount), 0) AS TEXT) AS s'), knex().raw('COUNT(*) AS n'))
    .first();
  return { usedCount: Number(row.used_count), redemptions, credited: String(credits.s), entries: Number(credits.n) };
}

describe('redemption under concurrency (PostgreSQL)', () => {
  test.each([
    ['one instance', () => [race.urlA]],
    ['two instances', () => [race.urlA, race.urlB]],
  ])('a code with 5 uses redeemed by 100 users at once (%s): exactly 5 succeed, 95 get 409, ledger exact', async (label, urls) => {
    const code = await newCode({ totalUses: 5, perUserLimit: 1 });
    const targets = urls();
    const users = Array.from({ length: 100 }, (_, i) => `race-${label.replace(/ /g, '-')}-${i}`);
    const results = await Promise.all(users.map((userId, i) => redeem(targets[i % targets.length], userId, code)));
    expect(results.filter((r) => r.status === 200)).toHaveLength(5);
    const refused = results.filter((r) => r.status !== 200);
    expect(refused).toHaveLength(95);
    expect(refused.every((r) => r.status === 409 && r.body.error.name === 'CodeExhaustedError')).toBe(true);
    const state = await written(code);
    expect(state).toMatchObject({ usedCount: 5, entries: 5, credited: String(5n * 1_250_000_000n) });
    expect(new Set(state.redemptions.map((r: { user_id: string }) => r.user_id)).size).toBe(5);
    // Each winner's balance is the code's amount, and equals its ledger.
    for (const r of state.redemptions) {
      const account = await knex()('ub_accounts').select(knex().raw('CAST(balance AS TEXT) AS b')).where({ user_id: r.user_id }).first();
      expect(account.b).toBe('1250000000');
    }
  }, 120000);

  test.each([
    ['one instance', () => [race.urlA]],
    ['two instances', () => [race.urlA, race.urlB]],
  ])('one user hitting a per-user-limit-1 code 20 times at once (%s): exactly 1 succeeds', async (label, urls) => {
    const code = await newCode({ totalUses: 100, perUserLimit: 1 });
    const targets = urls();
    const userId = `same-${label.replace(/ /g, '-')}`;
    const results = await Promise.all(Array.from({ length: 20 }, (_, i) => redeem(targets[i % targets.length], userId, code)));
    expect(results.filter((r) => r.status === 200)).toHaveLength(1);
    // A failure counts towards the user's 429 window (5 by default): once it is full, the rest are 429.
    expect(results.filter((r) => r.status !== 200).every((r) => (r.status === 409 && r.body.error.name === 'CodeLimitReachedError') || r.status === 429)).toBe(true);
    expect(await written(code)).toMatchObject({ usedCount: 1, entries: 1, credited: '1250000000' });
  }, 120000);
});
