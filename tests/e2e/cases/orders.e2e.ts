// Payments in the admin: the Orders page (the list, its filters in the URL, an order's detail with the
// failure reason an administrator must see) and the Payment channels page (each channel's state and
// problems, the webhook URLs and Stripe's events, a test payment), and the payment settings of the
// Configuration page (top-up minimum and presets, EPay's checkout mode).
//
// Orders are made the way production makes them, with no fake in the server: EPay is configured through
// the admin API (page mode builds a signed submit.php URL locally: the gateway, 127.0.0.1:9, is never
// called), three top-ups are checked out through the content API with the seed's gateway token, and the
// gateway's notifications are sent to the webhook signed with the merchant key as EPay signs them: one
// paid, one with a tampered amount (refused; the finding is kept on the order), one left pending. Stripe
// is switched on without keys, so it has problems. The account used here is used by no other case; the
// payment settings are put back at the end.
import crypto from 'node:crypto';
import Decimal from 'decimal.js';
import type { Page, Response } from 'playwright-core';

import { adminApi, gatewayApi, type AdminApi, type GatewayApi } from '../support/api';
import {
  labelledValue,
  loginThroughForm,
  openBillingPage,
  openSession,
  quiet,
  readTable,
  screenshot,
  sectionByTitle,
  textOf,
  waitForApi,
  type Session,
} from '../support/browser';
import { messages, t, zh } from '../support/i18n';
import { add, formatQuantity, moneyTexts } from '../support/money';
import { billingUrl, state } from '../support/state';

let session: Session;
const extraSessions: Session[] = [];
let api: AdminApi;
let gateway: GatewayApi;
const suffix = Date.now().toString(36);
// Its balance is compared to the cent: no other case changes it.
const USER_ID = 'stark-studio';
const EPAY = {
  enabled: true,
  gatewayUrl: 'http://127.0.0.1:9/epay',
  merchantId: '1001',
  key: `e2e-epay-key-${suffix}`,
  payTypes: ['alipay', 'wxpay'],
  mode: 'page',
};
/** The payment settings this case changes, as they were before it (put back at the end). */
let savedPayments: Record<string, any> | undefined;

interface Order {
  orderNo: string;
  userId: string;
  channel: string;
  kind: string;
  status: string;
  amount: string;
  currency: string;
  payAmount: string;
  payCurrency: string;
  rate: string | null;
  payType: string | null;
  tradeNo: string | null;
  failureReason: string | null;
  test: boolean;
  actor: string | null;
  createdAt: string;
  paidAt: string | null;
}

interface OrderList {
  data: Order[];
  meta: { pagination: { total: number } };
}

interface Checkout {
  orderNo: string;
  amount: string;
  currency: string;
  payAmount: string;
  payCurrency: string;
  url: string;
}

interface ChannelStatus {
  channel: 'stripe' | 'epay';
  enabled: boolean;
  problems: string[];
  webhookUrl: string | null;
  events: string[];
}

beforeAll(async () => {
  session = await openSession();
  // "Copy" writes to the clipboard; the test reads it back.
  await session.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(state().url).origin });
  api = await adminApi();
  gateway = await gatewayApi(api);
  const { payments } = (await api.get('/usage-billing/settings')).data;
  savedPayments = payments;
  // The providers call back on the server's own address; Stripe is on but has no keys (problems).
  await api.put('/usage-billing/settings', { payments: { publicUrl: state().url, epay: EPAY, stripe: { enabled: true } } });
});

afterAll(async () => {
  // The 中文 case changes the admin's interface language: put it back whatever happened.
  if (api) await api.put('/admin/users/me', { preferedLanguage: 'en' });
  for (const extra of extraSessions) await extra.close();
  if (api && savedPayments) {
    const { publicUrl, topupMinimum, topupPresets, epay, stripe } = savedPayments;
    await api.put('/usage-billing/settings', {
      payments: { publicUrl, topupMinimum, topupPresets, epay: { ...epay, key: '' }, stripe: { enabled: stripe.enabled } },
    });
  }
  await session?.close();
});

const json = async <T>(response: Promise<Response>) => (await (await response).json()) as T;

const listOrders = async (query: Record<string, string>): Promise<OrderList> =>
  api.get(`/usage-billing/orders?${new URLSearchParams(query).toString()}`);

/** EPay's v1 MD5 sign: sorted non-empty parameters but sign and sign_type, `k=v` joined by `&`, the key appended. */
function epaySign(params: Record<string, string>, key: string) {
  const text = Object.keys(params)
    .filter((name) => name !== 'sign' && name !== 'sign_type' && params[name] !== '')
    .sort()
    .map((name) => `${name}=${params[name]}`)
    .join('&');
  return crypto.createHash('md5').update(text + key, 'utf8').digest('hex');
}

/** The gateway's notification of a paid order (GET, as EPay sends it), signed with the merchant key. */
async function notifyPaid(orderNo: string, money: string, tradeNo: string) {
  const params: Record<string, string> = {
    pid: EPAY.merchantId,
    trade_no: tradeNo,
    out_trade_no: orderNo,
    type: 'alipay',
    name: 'Top-up',
    money,
    trade_status: 'TRADE_SUCCESS',
  };
  const query = new URLSearchParams({ ...params, sign: epaySign(params, EPAY.key), sign_type: 'MD5' });
  const response = await fetch(`${state().url}/api/usage-billing/webhooks/epay?${query.toString()}`, { signal: AbortSignal.timeout(20000) });
  return { status: response.status, text: await response.text() };
}

interface Seeded {
  paid: Order;
  mismatched: Order;
  pending: Order;
  /** Newest first, as the list shows them. */
  all: Order[];
}

let seeded: Seeded | undefined;

/**
 * Three EPay top-ups of USER_ID, checked out through the content API: one paid (credited), one notified
 * with a tampered amount (refused, the finding kept), one left pending. Made once, by the first case that needs them.
 */
async function seedOrders(): Promise<Seeded> {
  if (seeded) return seeded;
  const { usdToCnyRate } = (await api.get('/usage-billing/settings')).data.payments;
  const before: string = (await api.get(`/usage-billing/accounts/${USER_ID}`)).data.balance;
  const checkouts: Checkout[] = [];
  for (const amount of ['10', '12.5', '20']) {
    const { data } = await gateway.post(`/api/usage-billing/accounts/${USER_ID}/checkout`, { channel: 'epay', kind: 'topup', amount });
    // EPay charges yuan at the configured rate, rounded to the fen.
    expect(data).toMatchObject({ channel: 'epay', currency: 'USD', payCurrency: 'CNY' });
    expect(data.payAmount).toBe(new Decimal(amount).times(usdToCnyRate).toDecimalPlaces(2, Decimal.ROUND_HALF_UP).toFixed(2));
    expect(data.url.startsWith(`${EPAY.gatewayUrl}/submit.php?`)).toBe(true);
    checkouts.push(data);
  }
  const [paid, mismatched, pending] = checkouts;
  expect(await notifyPaid(paid.orderNo, paid.payAmount, `E2E${suffix}1`)).toEqual({ status: 200, text: 'success' });
  const tampered = new Decimal(mismatched.payAmount).minus('0.01').toFixed(2);
  const refused = await notifyPaid(mismatched.orderNo, tampered, `E2E${suffix}2`);
  expect(refused.text).toBe('fail');
  // The paid top-up is credited once; the refused one credits nothing.
  expect((await api.get(`/usage-billing/accounts/${USER_ID}`)).data.balance).toBe(add(before, paid.amount));

  const { data: all } = await listOrders({ userId: USER_ID });
  const byNo = (orderNo: string) => all.find((order) => order.orderNo === orderNo)!;
  expect(all.map((order) => order.orderNo)).toEqual([pending.orderNo, mismatched.orderNo, paid.orderNo]);
  expect(byNo(paid.orderNo)).toMatchObject({ status: 'paid', tradeNo: `E2E${suffix}1`, failureReason: null });
  expect(byNo(mismatched.orderNo)).toMatchObject({ status: 'pending' });
  expect(byNo(mismatched.orderNo).failureReason).toMatch(/amount/);
  expect(byNo(pending.orderNo)).toMatchObject({ status: 'pending', failureReason: null, paidAt: null });
  seeded = { paid: byNo(paid.orderNo), mismatched: byNo(mismatched.orderNo), pending: byNo(pending.orderNo), all };
  return seeded;
}

/** Opens the Orders page (with a URL query, else through the sub-navigation) and returns the list it asked for. */
async function openOrders(page: Page, query = ''): Promise<OrderList> {
  const loaded = waitForApi(page, '/orders');
  if (query) await page.goto(`${billingUrl('orders')}${query}`);
  else await openBillingPage(page, 'orders', t('nav.orders'));
  const list = await json<OrderList>(loaded);
  await page.getByRole('heading', { level: 1, name: t('orders.title') }).waitFor();
  return list;
}

async function pick(page: Page, combobox: string, option: string) {
  await page.getByRole('combobox', { name: combobox }).click();
  await page.getByRole('option', { name: option, exact: true }).click();
}

const column = (key: string) => t(`orders.column.${key}`);

/** The order number of a list row: the first word of its cell (a test order's badge follows it). */
const orderNoIn = (row: Record<string, string>) => row[column('orderNo')].split(/\s+/)[0];

/** Every row of the list shows its order as the API answered it. */
async function expectRows(page: Page, orders: Order[]) {
  if (orders.length) await page.getByRole('grid').getByText(orders[0].orderNo, { exact: true }).waitFor();
  const table = await readTable(page.getByRole('grid'));
  expect(table.headers).toEqual(['orderNo', 'user', 'channel', 'kind', 'amount', 'payAmount', 'status', 'createdAt', 'paidAt'].map(column));
  expect(table.rows.map(orderNoIn)).toEqual(orders.map((order) => order.orderNo));
  orders.forEach((order, index) => {
    const row = table.rows[index];
    expect(row[column('orderNo')].includes(t('orders.test'))).toBe(order.test);
    expect(row[column('user')]).toBe(order.userId);
    expect(row[column('channel')]).toBe(t(`payments.channel.${order.channel}`));
    expect(row[column('kind')]).toBe(t(`orders.kind.${order.kind}`));
    expect(moneyTexts(order.amount, order.currency)).toContain(row[column('amount')]);
    expect(moneyTexts(order.payAmount, order.payCurrency)).toContain(row[column('payAmount')]);
    expect(row[column('status')]).toBe(t(`orders.status.${order.status}`));
    expect(row[column('createdAt')]).not.toBe('—');
    expect(row[column('paidAt')] === '—').toBe(order.paidAt === null);
  });
}

test('the Orders page is in the Billing sub-navigation, and explains where orders come from while there are none', async () => {
  const { page, watch } = session;
  await page.goto(billingUrl('configuration'));
  await page.getByRole('heading', { level: 1, name: t('config.title') }).waitFor();
  const list = await openOrders(page);
  if (list.meta.pagination.total === 0) {
    await page.getByText(t('orders.empty'), { exact: true }).waitFor();
  } else {
    // Another run against the same server (E2E_SERVER_URL) left orders: the list shows them instead.
    await expectRows(page, list.data);
  }
  await screenshot(page, '60-orders-empty');
  watch.expectClean();
});

test('the list shows the orders, filtered by user and then by status through the form, the filters in the URL', async () => {
  const { page, watch } = session;
  const { all, paid } = await seedOrders();
  await openOrders(page);

  await page.getByRole('textbox', { name: t('orders.filter.userId'), exact: true }).fill(USER_ID);
  const byUser = waitForApi(page, '/orders', { query: { userId: USER_ID } });
  await page.getByRole('button', { name: t('orders.filter.apply'), exact: true }).click();
  const list = await json<OrderList>(byUser);
  expect(list.data).toEqual(all);
  expect(new URL(page.url()).searchParams.get('userId')).toBe(USER_ID);
  await page.getByText(t('orders.count', { total: 3 }), { exact: true }).waitFor();
  await expectRows(page, list.data);
  await screenshot(page, '61-orders-by-user');

  const byStatus = waitForApi(page, '/orders', { query: { userId: USER_ID, status: 'paid' } });
  await pick(page, t('orders.filter.status'), t('orders.status.paid'));
  const paidList = await json<OrderList>(byStatus);
  expect(paidList.data.map((order) => order.orderNo)).toEqual([paid.orderNo]);
  const url = new URL(page.url());
  expect([url.searchParams.get('userId'), url.searchParams.get('status')]).toEqual([USER_ID, 'paid']);
  await page.getByText(t('orders.count', { total: 1 }), { exact: true }).waitFor();
  await expectRows(page, paidList.data);

  // A link with the filters opens the same list; Reset clears them.
  await openOrders(page, `?userId=${USER_ID}&status=pending`);
  await expectRows(page, all.filter((order) => order.status === 'pending'));
  // The chosen status (its text is followed by the select's clear button).
  expect(await textOf(page.getByRole('combobox', { name: t('orders.filter.status') }))).toMatch(new RegExp(`^${t('orders.status.pending')}`));
  const cleared = waitForApi(page, '/orders', { query: { page: '1' } });
  await page.getByRole('button', { name: t('common.reset'), exact: true }).click();
  await cleared;
  expect(new URL(page.url()).searchParams.get('userId')).toBeNull();
  expect(await page.getByRole('textbox', { name: t('orders.filter.userId'), exact: true }).inputValue()).toBe('');
  watch.expectClean();
});

test("an order's detail: the failure reason of a refused notification, the amounts, the rate, the provider's references", async () => {
  const { page, watch } = session;
  const { mismatched, paid } = await seedOrders();
  await openOrders(page, `?userId=${USER_ID}`);

  // The order whose notification was refused: the reason stands out at the top.
  await page.getByRole('grid').getByRole('row').filter({ hasText: mismatched.orderNo }).click();
  const dialog = page.getByRole('dialog', { name: t('orders.detail.title', { orderNo: mismatched.orderNo }) });
  await dialog.waitFor();
  await dialog.getByText(t('orders.detail.failureReason'), { exact: true }).waitFor();
  await dialog.getByText(mismatched.failureReason!, { exact: true }).waitFor();
  expect(await textOf(labelledValue(dialog, t('orders.column.status')))).toBe(t('orders.status.pending'));
  expect(await textOf(labelledValue(dialog, t('orders.column.user')))).toBe(USER_ID);
  expect(moneyTexts(mismatched.amount, 'USD')).toContain(await textOf(labelledValue(dialog, t('orders.column.amount'))));
  expect(moneyTexts(mismatched.payAmount, 'CNY')).toContain(await textOf(labelledValue(dialog, t('orders.column.payAmount'))));
  expect(await textOf(labelledValue(dialog, t('orders.detail.rate')))).toBe(
    t('orders.detail.rateValue', { currency: 'USD', rate: formatQuantity(mismatched.rate!), payCurrency: 'CNY' }),
  );
  expect(await textOf(labelledValue(dialog, t('orders.detail.payType')))).toBe(mismatched.payType);
  expect(await textOf(labelledValue(dialog, t('orders.column.paidAt')))).toBe('—');
  await screenshot(page, '62-order-failure');
  await dialog.getByRole('button', { name: t('common.close'), exact: true }).last().click();
  await dialog.waitFor({ state: 'detached' });

  // The paid one: no failure, paid, the gateway's trade number among the references.
  await page.getByRole('grid').getByRole('row').filter({ hasText: paid.orderNo }).click();
  const paidDialog = page.getByRole('dialog', { name: t('orders.detail.title', { orderNo: paid.orderNo }) });
  await paidDialog.waitFor();
  expect(await paidDialog.getByText(t('orders.detail.failureReason'), { exact: true }).count()).toBe(0);
  expect(await textOf(labelledValue(paidDialog, t('orders.column.status')))).toBe(t('orders.status.paid'));
  expect(await textOf(labelledValue(paidDialog, t('orders.column.paidAt')))).not.toBe('—');
  await paidDialog.getByText(paid.tradeNo!, { exact: true }).waitFor();
  expect(await textOf(labelledValue(paidDialog, t('orders.detail.sessionId')))).toBe('—');
  await paidDialog.getByRole('button', { name: t('common.close'), exact: true }).last().click();
  await paidDialog.waitFor({ state: 'detached' });
  watch.expectClean();
});

test('the Payment channels page: problems, webhook URLs, Stripe’s events, and a test payment only where the channel is ready', async () => {
  const { page, watch } = session;
  const loaded = waitForApi(page, '/payments');
  await openBillingPage(page, 'payments', t('nav.payments'));
  const { data: status } = await json<{ data: { publicUrl: string; channels: ChannelStatus[] } }>(loaded);
  await page.getByRole('heading', { level: 1, name: t('payments.title') }).waitFor();
  expect(status.publicUrl).toBe(state().url);
  await page.getByText(t('payments.publicUrl', { url: state().url }), { exact: true }).waitFor();
  await page.getByText(t('payments.setup.title'), { exact: true }).waitFor();
  const channel = (name: 'stripe' | 'epay') => status.channels.find((c) => c.channel === name)!;

  // Stripe: on, but without keys: its problems listed, the test payment disabled with the reason.
  const stripe = sectionByTitle(page, t('payments.channel.stripe'));
  expect(channel('stripe').enabled).toBe(true);
  expect(channel('stripe').problems.length).toBeGreaterThan(0);
  await stripe.getByText(t('payments.state.notReady'), { exact: true }).waitFor();
  await stripe.getByText(t('payments.problems.title'), { exact: true }).waitFor();
  for (const problem of channel('stripe').problems) await stripe.getByText(problem, { exact: true }).waitFor();
  expect(channel('stripe').webhookUrl).toBe(`${state().url}/api/usage-billing/webhooks/stripe`);
  await stripe.getByText(channel('stripe').webhookUrl!, { exact: true }).waitFor();
  expect(channel('stripe').events.length).toBeGreaterThan(0);
  for (const event of channel('stripe').events) await stripe.getByText(event, { exact: true }).waitFor();
  const stripeTest = stripe.getByRole('button', { name: t('payments.test.start'), exact: true });
  expect(await stripeTest.isDisabled()).toBe(true);
  await stripe.getByText(t('payments.test.blockedProblems'), { exact: true }).waitFor();

  // Copy the webhook URL and the events, to paste into Stripe's dashboard.
  await stripe.getByRole('button', { name: t('payments.webhookUrl.copy'), exact: true }).click();
  await page.getByText(t('payments.webhookUrl.copied'), { exact: true }).first().waitFor();
  expect(await page.evaluate(() => (globalThis as any).navigator.clipboard.readText())).toBe(channel('stripe').webhookUrl);
  await stripe.getByRole('button', { name: t('payments.events.copy'), exact: true }).click();
  await page.getByText(t('payments.events.copied'), { exact: true }).first().waitFor();
  expect(await page.evaluate(() => (globalThis as any).navigator.clipboard.readText())).toBe(channel('stripe').events.join('\n'));

  // EPay: ready, no events to pick, its notify URL, and a test payment.
  const epay = sectionByTitle(page, t('payments.channel.epay'));
  expect(channel('epay')).toMatchObject({ enabled: true, problems: [], events: [], webhookUrl: `${state().url}/api/usage-billing/webhooks/epay` });
  await epay.getByText(t('payments.state.ready'), { exact: true }).waitFor();
  await epay.getByText(t('payments.ready'), { exact: true }).waitFor();
  await epay.getByText(channel('epay').webhookUrl!, { exact: true }).waitFor();
  await epay.getByText(t('payments.test.hint', { amount: '$1.00', channel: t('payments.channel.epay') }), { exact: true }).waitFor();
  await screenshot(page, '63-payment-channels');

  const started = waitForApi(page, '/payments/test', { method: 'POST' });
  await epay.getByRole('button', { name: t('payments.test.start'), exact: true }).click();
  const response = await started;
  expect(response.status()).toBe(201);
  expect(response.request().postDataJSON()).toEqual({ channel: 'epay' });
  const result = (await response.json()).data as { orderNo: string; url: string; userId: string };
  await epay.getByText(t('payments.test.created', { orderNo: result.orderNo }), { exact: true }).waitFor();
  await epay.getByText(t('payments.test.user', { userId: result.userId }), { exact: true }).waitFor();
  await epay.getByText(t('payments.test.settles'), { exact: true }).waitFor();
  // The link opens the gateway's page for this order, signed: 1.00 USD in yuan.
  const link = epay.getByRole('link', { name: t('payments.test.open') });
  expect(await link.getAttribute('href')).toBe(result.url);
  const target = new URL(result.url);
  expect(`${target.origin}${target.pathname}`).toBe(`${EPAY.gatewayUrl}/submit.php`);
  const params = Object.fromEntries(target.searchParams);
  expect(params).toMatchObject({ pid: EPAY.merchantId, out_trade_no: result.orderNo, notify_url: channel('epay').webhookUrl });
  expect(params.sign).toBe(epaySign(params, EPAY.key));
  await screenshot(page, '64-test-payment');

  // Its order, on the Orders page: a pending test order for the admin's own test account.
  const listed = waitForApi(page, '/orders', { query: { q: result.orderNo } });
  await epay.getByRole('button', { name: t('payments.test.viewOrder'), exact: true }).click();
  const list = await json<OrderList>(listed);
  await page.getByRole('heading', { level: 1, name: t('orders.title') }).waitFor();
  expect(list.data).toHaveLength(1);
  expect(list.data[0]).toMatchObject({ orderNo: result.orderNo, userId: result.userId, test: true, status: 'pending', amount: expect.any(String) });
  expect(new Decimal(list.data[0].amount).equals('1')).toBe(true);
  await expectRows(page, list.data);
  watch.expectClean();
});

test('the Orders and Payment channels pages in 中文, with no missing translation', async () => {
  // Every key of these pages and of the new settings has a Chinese text of its own (a brand name excepted).
  const keys = Object.keys(messages.en).filter(
    (key) => /^(orders|payments)\./.test(key) || ['nav.section.payments', 'nav.orders', 'nav.payments', 'accounts.detail.orders'].includes(key) || /^config\.(topup|epay\.mode|errors\.(positiveAmount|topupPresets))/.test(key),
  );
  const brands = new Set(['payments.channel.stripe']);
  const hasWords = (text: string) => /[A-Za-z]/.test(text.replace(/\{[^{}]*\}/g, ''));
  const untranslated = keys.filter(
    (key) => !messages['zh-Hans'][key] || (!brands.has(key) && hasWords(messages.en[key]) && messages['zh-Hans'][key] === messages.en[key]),
  );
  expect(untranslated).toEqual([]);

  await api.put('/admin/users/me', { preferedLanguage: 'zh-Hans' });
  const fresh = await openSession({ login: false });
  extraSessions.push(fresh);
  const { page, watch } = fresh;
  await loginThroughForm(page, { menuLabel: zh('plugin.name') });

  const { all } = await seedOrders();
  const loaded = quiet(page.waitForResponse((r) => new URL(r.url()).pathname === '/usage-billing/orders' && r.request().method() === 'GET'));
  await page.goto(`${billingUrl('orders')}?userId=${USER_ID}`);
  await loaded;
  await page.getByRole('heading', { level: 1, name: zh('orders.title') }).waitFor();
  const subNav = page.getByRole('navigation', { name: zh('plugin.name') });
  expect(await subNav.getByRole('link', { name: zh('nav.orders'), exact: true }).getAttribute('aria-current')).toBe('page');
  await subNav.getByRole('link', { name: zh('nav.payments'), exact: true }).waitFor();
  await page.getByText(zh('orders.count', { total: all.length }), { exact: true }).waitFor();
  for (const key of ['orders.filter.q', 'orders.filter.userId']) await page.getByRole('textbox', { name: zh(key), exact: true }).waitFor();
  for (const key of ['orders.filter.status', 'orders.filter.channel', 'orders.filter.kind']) await page.getByRole('combobox', { name: zh(key) }).waitFor();
  await page.getByRole('grid').getByText(all[0].orderNo, { exact: true }).waitFor();
  const table = await readTable(page.getByRole('grid'));
  expect(table.headers).toEqual(['orderNo', 'user', 'channel', 'kind', 'amount', 'payAmount', 'status', 'createdAt', 'paidAt'].map((key) => zh(`orders.column.${key}`)));
  all.forEach((order, i) => {
    expect(table.rows[i][zh('orders.column.status')]).toBe(zh(`orders.status.${order.status}`));
    expect(table.rows[i][zh('orders.column.kind')]).toBe(zh(`orders.kind.${order.kind}`));
    expect(table.rows[i][zh('orders.column.channel')]).toBe(zh(`payments.channel.${order.channel}`));
  });
  await screenshot(page, '78-zh-orders');

  const status = waitForApi(page, '/payments');
  await subNav.getByRole('link', { name: zh('nav.payments'), exact: true }).click();
  await status;
  await page.getByRole('heading', { level: 1, name: zh('payments.title') }).waitFor();
  await page.getByText(zh('payments.setup.title'), { exact: true }).waitFor();
  await sectionByTitle(page, zh('payments.channel.epay')).getByText(zh('payments.state.ready'), { exact: true }).waitFor();
  const stripe = sectionByTitle(page, t('payments.channel.stripe'));
  await stripe.getByText(zh('payments.problems.title'), { exact: true }).waitFor();
  await stripe.getByText(zh('payments.events'), { exact: true }).waitFor();
  await stripe.getByText(zh('payments.test.blockedProblems'), { exact: true }).waitFor();
  await screenshot(page, '79-zh-payments');
  // Back to English for the next case (the language is the admin's, saved on the server).
  await api.put('/admin/users/me', { preferedLanguage: 'en' });
  watch.expectClean();
});

test('the Configuration page edits the top-up minimum and presets and EPay’s checkout mode, checked before saving', async () => {
  const { page, watch } = session;
  // In English whatever the 中文 case left (the admin's language is saved on the server).
  await api.put('/admin/users/me', { preferedLanguage: 'en' });
  const loaded = waitForApi(page, '/settings');
  await page.goto(billingUrl('configuration'));
  const { payments } = (await json<{ data: { payments: Record<string, any> } }>(loaded)).data;
  await page.getByRole('heading', { level: 1, name: t('config.title') }).waitFor();
  const minimum = page.getByRole('textbox', { name: t('config.topupMinimum'), exact: true });
  const presets = page.getByRole('textbox', { name: t('config.topupPresets'), exact: true });
  const mode = page.getByRole('combobox', { name: t('config.epay.mode') });
  expect(await minimum.inputValue()).toBe(payments.topupMinimum);
  expect(await presets.inputValue()).toBe(payments.topupPresets.join(', '));
  expect(await textOf(mode)).toBe(t(`config.epay.mode.${payments.epay.mode}`));

  // Refused before anything is sent: a preset of 0, a minimum of 0.
  let puts = 0;
  const countPuts = (r: { url(): string; method(): string }) => {
    if (r.method() === 'PUT' && new URL(r.url()).pathname === '/usage-billing/settings') puts += 1;
  };
  page.on('request', countPuts);
  await presets.fill('5, 0');
  await minimum.fill('0');
  await page.getByRole('button', { name: t('common.save'), exact: true }).click();
  await page.getByText(t('config.errors.topupPresets', { max: 12 }), { exact: true }).waitFor();
  await page.getByText(t('config.errors.positiveAmount'), { exact: true }).waitFor();
  page.off('request', countPuts);
  expect(puts).toBe(0);

  await presets.fill('5, 10, 25');
  await minimum.fill('2');
  await pick(page, t('config.epay.mode'), t('config.epay.mode.api'));
  const saved = waitForApi(page, '/settings', { method: 'PUT' });
  await page.getByRole('button', { name: t('common.save'), exact: true }).click();
  const response = await saved;
  expect(response.status()).toBe(200);
  expect(response.request().postDataJSON()).toEqual({ payments: { topupMinimum: '2', topupPresets: ['5', '10', '25'], epay: { mode: 'api' } } });
  await page.getByText(t('config.saved'), { exact: true }).first().waitFor();
  const after = (await api.get('/usage-billing/settings')).data.payments;
  expect([after.topupMinimum, after.topupPresets, after.epay.mode]).toEqual(['2', ['5', '10', '25'], 'api']);
  await screenshot(page, '65-configuration-payments');
  watch.expectClean();
});
