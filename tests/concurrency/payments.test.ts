// Stripe webhooks delivered many times at once on PostgreSQL, over real HTTP, to one and to two Strapi
// instances on the same database: Stripe delivers at least once and retries in parallel, so every copy must
// be acknowledged and exactly one may move money.
import { postJson } from '../helpers/http';
import { service } from '../helpers/services';
import { twoInstances } from '../helpers/two-instances';
import { chargeRefundedEvent, completedSession, sessionEvent, signWebhook, startFakeStripe, webhookSecret, type FakeStripe } from '../helpers/fake-stripe';

const WHSEC = webhookSecret();
let fake: FakeStripe;

const race = twoInstances('pay_race', ['account.checkout'], async (strapi) => {
  // Before the second instance starts: it reads the same settings (and the same fake) from the database.
  fake = await startFakeStripe();
  await service(strapi, 'settings').update({
    mode: 'usage',
    payments: {
      publicUrl: 'https://billing.example.com',
      stripe: { enabled: true, secretKey: fake.secretKey, webhookSecret: WHSEC, apiBase: fake.url },
    },
  });
});
afterAll(async () => fake?.close());

const knex = () => race.strapi.db.connection;

/** A top-up checkout through instance A: its order number and the fake's session. */
async function topup(userId: string, amount: string) {
  const res = await postJson(`${race.urlA}/api/usage-billing/accounts/${userId}/checkout`, { channel: 'stripe', kind: 'topup', amount }, race.token);
  expect(res.status).toBe(201);
  const session = fake.sessions().find((s) => s.client_reference_id === res.body.data.orderNo);
  return { orderNo: res.body.data.orderNo as string, session };
}

/** The exact signed bytes posted to `baseUrl`'s webhook, as Stripe posts them. */
async function deliver(baseUrl: string, signed: { body: string; signature: string }) {
  const res = await fetch(`${baseUrl}/api/usage-billing/webhooks/stripe`, {
    method: 'POST',
    headers: { 'content-type': 'application/json; charset=utf-8', 'stripe-signature': signed.signature },
    body: signed.body,
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : null };
}

/** Ledger entries of a user (amounts in nanos, as text) and the cached balance. */
async function money(userId: string) {
  const entries = await knex()('ub_ledger_entries')
    .select('kind', 'reference', knex().raw('CAST(amount AS TEXT) AS amount'))
    .where({ user_id: userId })
    .orderBy('id');
  const account = await knex()('ub_accounts').select(knex().raw('CAST(balance AS TEXT) AS b')).where({ user_id: userId }).first();
  return { entries, balance: account ? String(account.b) : null };
}

const outcomes = (results: Array<{ status: number; body: any }>) =>
  results.reduce<Record<string, number>>((acc, r) => {
    const key = `${r.status} ${r.body?.outcome ?? r.body?.error?.name}`;
    acc[key] = (acc[key] ?? 0) + 1;
    return acc;
  }, {});

describe('Stripe webhooks under concurrency (PostgreSQL)', () => {
  test.each([
    ['one instance', () => [race.urlA]],
    ['two instances', () => [race.urlA, race.urlB]],
  ])('20 concurrent copies of one paid event (%s): all acknowledged, one credit', async (label, urls) => {
    const userId = `pay-copies-${label.replace(/ /g, '-')}`;
    const { orderNo, session } = await topup(userId, '9.99');
    const signed = signWebhook(sessionEvent('checkout.session.completed', completedSession(session)), WHSEC);
    const targets = urls();
    const results = await Promise.all(Array.from({ length: 20 }, (_, i) => deliver(targets[i % targets.length], signed)));
    expect(outcomes(results)).toEqual({ '200 applied': 1, '200 duplicate': 19 });
    expect(await money(userId)).toEqual({ entries: [{ kind: 'topup', reference: orderNo, amount: '9990000000' }], balance: '9990000000' });
    const order = await knex()('ub_orders').select('status').where({ order_no: orderNo }).first();
    expect(order.status).toBe('paid');
  }, 120000);

  test('20 distinct paid events for one order at once (completed + async_payment_succeeded copies, two instances): one credit', async () => {
    const userId = 'pay-distinct';
    const { orderNo, session } = await topup(userId, '15');
    const paid = completedSession(session);
    const events = Array.from({ length: 20 }, (_, i) =>
      signWebhook(sessionEvent(i % 2 ? 'checkout.session.async_payment_succeeded' : 'checkout.session.completed', paid), WHSEC),
    );
    const results = await Promise.all(events.map((signed, i) => deliver(i % 2 ? race.urlB : race.urlA, signed)));
    // Each event id is new, so none is a duplicate delivery; all but the first find the order already paid.
    expect(outcomes(results)).toEqual({ '200 applied': 1, '200 duplicate': 19 });
    expect(await money(userId)).toEqual({ entries: [{ kind: 'topup', reference: orderNo, amount: '15000000000' }], balance: '15000000000' });
  }, 120000);

  test('20 concurrent copies of a refund (two instances): reversed once', async () => {
    const userId = 'pay-refund';
    const { orderNo, session } = await topup(userId, '10');
    const paid = completedSession(session, { paymentIntent: 'pi_race_refund' });
    expect((await deliver(race.urlA, signWebhook(sessionEvent('checkout.session.completed', paid), WHSEC))).body.outcome).toBe('applied');
    const refund = signWebhook(chargeRefundedEvent({ paymentIntent: 'pi_race_refund', amount: 1000, amountRefunded: 400, currency: 'usd' }), WHSEC);
    const results = await Promise.all(Array.from({ length: 20 }, (_, i) => deliver(i % 2 ? race.urlB : race.urlA, refund)));
    expect(outcomes(results)).toEqual({ '200 applied': 1, '200 duplicate': 19 });
    expect(await money(userId)).toEqual({
      entries: [
        { kind: 'topup', reference: orderNo, amount: '10000000000' },
        { kind: 'refund', reference: `${orderNo}:400`, amount: '-4000000000' },
      ],
      balance: '6000000000',
    });
  }, 120000);
});
