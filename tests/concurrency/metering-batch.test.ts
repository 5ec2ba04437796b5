// Batches racing single reports of the same requestIds, on PostgreSQL, over real HTTP, against two Strapi
// instances (two processes) sharing the database: every requestId is charged exactly once, whichever writer
// wins it, and each account's ledger sums to its balance.
import { nanosToString, toNanos } from '../../server/src/rating';
import { validPricingFile } from '../helpers/fixtures';
import { postJson, type JsonResponse } from '../helpers/http';
import { twoInstances } from '../helpers/two-instances';
import { service } from '../helpers/services';

const race = twoInstances('batchrace', ['gateway.authorize', 'gateway.usage', 'gateway.usageBatch'], async (strapi) => {
  await service(strapi, 'settings').update({ mode: 'usage', prepaidAmount: '0.01' });
  await service(strapi, 'pricingFile').importFile(
    validPricingFile({ version: 1, currency: 'USD', models: [{ model: 'image-call', mode: 'per_call', perCall: '0.01' }] }),
    { dryRun: false, allowUnknown: true },
  );
});

const knex = () => race.strapi.db.connection;
const text = async (sql: string, bindings: string[]) => String(Object.values((await knex().raw(sql, bindings)).rows[0])[0]);
const balanceOf = (userId: string) => text('SELECT CAST(balance AS TEXT) FROM ub_accounts WHERE user_id = ?', [userId]);
const ledgerSum = (userId: string) => text('SELECT CAST(COALESCE(SUM(amount), 0) AS TEXT) FROM ub_ledger_entries WHERE user_id = ?', [userId]);

/** Every report, whichever way it was sent, with the status and data it got. */
interface Outcome {
  requestId: string;
  status: number;
  data?: { charged: string; requestId: string };
}

const fromBatch = (res: JsonResponse): Outcome[] => {
  expect(res.status).toBe(200);
  return res.body.data;
};
const fromSingle = (requestId: string, res: JsonResponse): Outcome => ({ requestId, status: res.status, data: res.body?.data });

describe('usage batches racing single reports (PostgreSQL, two instances)', () => {
  test('4 batches and 80 single reports of the same 80 requestIds over 5 accounts, some held, some conflicting: each charged once', async () => {
    const users = ['br-0', 'br-1', 'br-2', 'br-3', 'br-4'];
    for (const userId of users) await service(race.strapi, 'ledger').adjust({ userId, amount: '10', reason: 'race', actor: 'test' });
    const ids = Array.from({ length: 80 }, (_, i) => `br-req-${i}`);
    const userOf = (i: number) => users[i % users.length];
    // Every fourth call was authorized first: its report names the hold.
    const holds = new Map<number, string>();
    for (let i = 0; i < ids.length; i += 4) {
      const auth = await postJson(`${race.urlA}/api/usage-billing/authorize`, { userId: userOf(i), model: 'image-call', requestId: ids[i] }, race.token);
      expect(auth.status).toBe(200);
      holds.set(i, auth.body.data.holdId);
    }
    const body = (i: number, calls = 1 + (i % 3)) => ({
      requestId: ids[i], userId: userOf(i), model: 'image-call', usage: { calls }, ...(holds.has(i) ? { holdId: holds.get(i) } : {}),
    });
    // Each batch in another order (so that batches lock accounts and holds while others hold theirs), the
    // last one with another body for the first ten requestIds.
    const orders = [ids.map((_, i) => i), ids.map((_, i) => ids.length - 1 - i), ids.map((_, i) => (i * 7) % ids.length), ids.map((_, i) => (i * 13 + 5) % ids.length)];
    const batches = orders.map((order, b) =>
      postJson(`${b % 2 ? race.urlB : race.urlA}/api/usage-billing/usage/batch`, { reports: order.map((i) => (b === 3 && i < 10 ? body(i, 9) : body(i))) }, race.token),
    );
    const singles = ids.map((id, i) => postJson(`${i % 2 ? race.urlA : race.urlB}/api/usage-billing/usage`, body(i), race.token).then((res) => fromSingle(id, res)));
    const outcomes: Outcome[] = [...(await Promise.all(batches)).flatMap(fromBatch), ...(await Promise.all(singles))];
    expect(outcomes).toHaveLength(ids.length * 5);

    const charged = new Map<string, bigint>(users.map((u) => [u, 0n]));
    for (const [i, id] of ids.entries()) {
      const mine = outcomes.filter((o) => o.requestId === id);
      const created = mine.filter((o) => o.status === 201);
      // Exactly one writer recorded it; the others replayed that answer, or conflicted with its body.
      expect(created).toHaveLength(1);
      const winner = created[0].data!;
      for (const o of mine.filter((m) => m.status !== 201)) {
        if (i >= 10) expect(o.status).toBe(200);
        if (o.status === 200) expect(o.data).toEqual(winner);
        else expect(o.status).toBe(409);
      }
      charged.set(userOf(i), charged.get(userOf(i))! + toNanos(winner.charged));
    }
    // The requestIds with two bodies: whichever won, its price (0.01 per call) is what was charged.
    const winners = ids.slice(0, 10).map((id) => outcomes.find((o) => o.requestId === id && o.status === 201)!.data!.charged);
    for (const [i, amount] of winners.entries()) expect(['0.09', nanosToString(BigInt(1 + (i % 3)) * toNanos('0.01'))]).toContain(amount);

    for (const userId of users) {
      expect(await balanceOf(userId)).toBe(String(toNanos('10') - charged.get(userId)!));
      expect(await ledgerSum(userId)).toBe(await balanceOf(userId));
    }
    const [{ entries, references }] = (
      await knex().raw(`SELECT COUNT(*)::int AS entries, COUNT(DISTINCT reference)::int AS "references" FROM ub_ledger_entries WHERE kind = 'usage' AND reference LIKE 'br-req-%'`)
    ).rows;
    expect([entries, references]).toEqual([ids.length, ids.length]);
    expect(Number((await knex().raw(`SELECT COUNT(*) AS c FROM ub_usage_logs WHERE request_id LIKE 'br-req-%'`)).rows[0].c)).toBe(ids.length);
    expect(Number((await knex().raw(`SELECT COUNT(*) AS c FROM ub_holds WHERE request_id LIKE 'br-req-%' AND status <> 'settled'`)).rows[0].c)).toBe(0);
    // The daily rollups counted each call once, at the price it was charged.
    const [rollups] = (
      await knex().raw(`SELECT CAST(SUM(calls) AS TEXT) AS calls, CAST(SUM(charged) AS TEXT) AS charged FROM ub_usage_rollups WHERE user_id IN (${users.map(() => '?').join(', ')})`, users)
    ).rows;
    expect(rollups).toEqual({ calls: String(ids.length), charged: String([...charged.values()].reduce((a, b) => a + b, 0n)) });
  }, 180000);
});
