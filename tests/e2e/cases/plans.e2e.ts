// Subscription plans: one created through the form (with its live final-price preview, checked to the
// cent), edited, switched off and deleted; a plan with active subscriptions (granted through the admin
// API) whose disable confirmation states the impact and which cannot be deleted; a plan granted and
// cancelled on an account's page; the Plans page in 中文. Every plan name is new to this run (suffix), and
// the accounts used here are used by no other case.
import Decimal from 'decimal.js';
import type { Locator, Page } from 'playwright-core';

import { adminApi, ApiError, type AdminApi } from '../support/api';
import {
  eventually,
  labelledValue,
  loginThroughForm,
  openBillingPage,
  openSession,
  quiet,
  readTable,
  rowStartingWith,
  screenshot,
  sectionByTitle,
  textOf,
  waitForApi,
  type Session,
} from '../support/browser';
import { messages, t, zh } from '../support/i18n';
import { formatMoney } from '../support/money';
import { billingUrl, state } from '../support/state';

let session: Session;
let api: AdminApi;
const extraSessions: Session[] = [];
const suffix = Date.now().toString(36);

beforeAll(async () => {
  session = await openSession();
  api = await adminApi();
});

afterAll(async () => {
  // The 中文 case changes the admin's interface language: put it back whatever happened.
  if (api) await api.put('/admin/users/me', { preferedLanguage: 'en' });
  for (const extra of extraSessions) await extra.close();
  await session?.close();
});

interface Plan {
  id: number;
  name: string;
  description: string | null;
  price: string;
  currency: string;
  interval: string;
  periodCredit: string;
  discount: string;
  finalPrice: string;
  enabled: boolean;
  sortOrder: number;
  notes: string[];
  activeSubscriptions: number;
  subscriptions: number;
}

interface Subscription {
  id: number;
  planName: string;
  status: string;
  periodStart: string;
  periodEnd: string | null;
  endsAt: string | null;
  credit: string;
  used: string;
  remaining: string;
  cancelledAt: string | null;
  source: string | null;
}

const listPlans = async (): Promise<Plan[]> => (await api.get('/usage-billing/plans')).data;
const createPlan = async (body: Record<string, unknown>): Promise<Plan> => (await api.post('/usage-billing/plans', body)).data;
const grant = async (userId: string, planId: number): Promise<Subscription> =>
  (await api.post(`/usage-billing/accounts/${userId}/subscription`, { planId })).data;

/** What a buyer pays, worked out here (price less the discount, half-up to the cent), not by the admin's code. */
const expectedFinal = (price: string, discount: string) =>
  new Decimal(price).times(new Decimal(100).minus(discount)).dividedBy(100).toDecimalPlaces(2, Decimal.ROUND_HALF_UP).toFixed(2);

/** A date as the admin writes it in a subscription (react-intl, medium date style; the browser runs in UTC). */
const date = (iso: string) => new Intl.DateTimeFormat('en', { dateStyle: 'medium', timeZone: 'UTC' }).format(new Date(iso));

async function openPlans(page: Page): Promise<Plan[]> {
  const loaded = waitForApi(page, '/plans');
  await openBillingPage(page, 'plans', t('nav.plans'));
  const plans = (await (await loaded).json()).data as Plan[];
  await page.getByRole('heading', { level: 1, name: t('plans.title') }).waitFor();
  return plans;
}

/** The plans table as { column header: cell } for the plan named `name`. */
async function planRow(page: Page, name: string) {
  await rowStartingWith(page, name).waitFor();
  const table = await readTable(page.getByRole('grid'));
  const row = table.rows.find((r) => r[t('plans.column.name')].split('\n')[0] === name);
  if (!row) throw new Error(`no row for plan ${name}`);
  return row;
}

const textbox = (dialog: Locator, key: string) => dialog.getByRole('textbox', { name: t(key), exact: true });

async function choose(page: Page, scope: Locator, comboboxLabel: string, optionLabel: string) {
  await scope.getByRole('combobox', { name: comboboxLabel }).click();
  await page.getByRole('option', { name: optionLabel, exact: true }).click();
}

const createdName = `E2E Starter ${suffix}`;

test('a plan created through the form: live final price to the cent, field errors, list row and server', async () => {
  const { page, watch } = session;
  const before = await openPlans(page);
  expect(before.some((plan) => plan.name === createdName)).toBe(false);

  await page.getByRole('button', { name: t('plans.add'), exact: true }).first().click();
  const dialog = page.getByRole('dialog', { name: t('plans.modal.createTitle') });
  await dialog.waitFor();
  // The currency is the billing currency, shown but not editable.
  expect(await textbox(dialog, 'plans.field.currency').inputValue()).toBe('USD');
  expect(await textbox(dialog, 'plans.field.currency').isDisabled()).toBe(true);
  expect(await textOf(dialog.getByRole('combobox', { name: t('plans.field.interval') }))).toBe(t('plans.interval.monthly'));
  await dialog.getByText(t('plans.preview.invalid'), { exact: true }).waitFor();

  // The preview follows every keystroke, rounded half-up to the cent as a checkout charges: 10.01 at 50 % off is 5.005 → $5.01.
  await textbox(dialog, 'plans.field.price').fill('10.01');
  await textbox(dialog, 'plans.field.discount').fill('50');
  expect(expectedFinal('10.01', '50')).toBe('5.01');
  await dialog
    .getByText(t('plans.preview.discounted', { final: '$5.01', price: '$10.01', discount: '50', interval: 'monthly' }), { exact: true })
    .waitFor();
  // 9.99 at 20 % off is 7.992 → $7.99.
  await textbox(dialog, 'plans.field.price').fill('9.99');
  await textbox(dialog, 'plans.field.discount').fill('20');
  expect(expectedFinal('9.99', '20')).toBe('7.99');
  await dialog
    .getByText(t('plans.preview.discounted', { final: '$7.99', price: '$9.99', discount: '20', interval: 'monthly' }), { exact: true })
    .waitFor();

  await textbox(dialog, 'plans.field.name').fill(createdName);
  await textbox(dialog, 'plans.field.description').fill('For small teams trying things out');
  await textbox(dialog, 'plans.field.periodCredit').fill('12.5');
  await textbox(dialog, 'plans.field.notes').fill('Every model\n\n   Email support  \n');

  // A discount above 100 % is caught before anything is sent.
  await textbox(dialog, 'plans.field.discount').fill('120');
  await dialog.getByRole('button', { name: t('common.save'), exact: true }).click();
  await dialog.getByText(t('plans.errors.discount'), { exact: true }).waitFor();
  await textbox(dialog, 'plans.field.discount').fill('20');

  // A sort order the server refuses (beyond ±1,000,000): its message lands on the field.
  watch.allow(
    (p) => (p.kind === 'console' && /status of 400/.test(p.text)) || (p.kind === 'http' && p.status === 400 && (p.url ?? '').endsWith('/usage-billing/plans')),
    'this case sends a sort order the server refuses on purpose: POST /usage-billing/plans answers 400 and the browser logs it',
  );
  await textbox(dialog, 'plans.field.sortOrder').fill('5000000');
  const refused = waitForApi(page, '/plans', { method: 'POST' });
  await dialog.getByRole('button', { name: t('common.save'), exact: true }).click();
  const refusal = await refused;
  expect(refusal.status()).toBe(400);
  const issue = ((await refusal.json()).error.details.errors as Array<{ path: string | string[]; message: string }>).find((e) =>
    [e.path].flat().join('.').startsWith('sortOrder'),
  );
  expect(issue).toBeDefined();
  await dialog.getByText(issue!.message, { exact: true }).waitFor();
  expect(await textbox(dialog, 'plans.field.sortOrder').getAttribute('aria-invalid')).toBe('true');
  await textbox(dialog, 'plans.field.sortOrder').fill('50');
  await screenshot(page, '70-plan-form');

  const created = waitForApi(page, '/plans', { method: 'POST' });
  await dialog.getByRole('button', { name: t('common.save'), exact: true }).click();
  const response = await created;
  expect(response.status()).toBe(201);
  // Amounts travel as the typed decimal strings; the notes as lines, empty ones dropped.
  expect(response.request().postDataJSON()).toEqual({
    name: createdName,
    description: 'For small teams trying things out',
    price: '9.99',
    interval: 'monthly',
    periodCredit: '12.5',
    discount: '20',
    enabled: true,
    sortOrder: 50,
    notes: ['Every model', 'Email support'],
  });
  await dialog.waitFor({ state: 'detached' });
  await page.getByText(t('common.saved', { name: createdName }), { exact: true }).first().waitFor();

  const row = await planRow(page, createdName);
  expect(row[t('plans.column.name')]).toBe(`${createdName}\nFor small teams trying things out`);
  expect(row[t('plans.column.interval')]).toBe(t('plans.interval.monthly'));
  expect(row[t('plans.column.price')]).toBe('$9.99');
  expect(row[t('plans.column.discount')]).toBe(t('plans.discount', { discount: '20' }));
  expect(row[t('plans.column.finalPrice')]).toBe('$7.99');
  expect(row[t('plans.column.periodCredit')]).toBe('$12.50');
  expect(row[t('plans.column.enabled')]).toBe(t('common.enabled'));
  expect(row[t('plans.column.sortOrder')]).toBe('50');
  expect(row[t('plans.column.activeSubscriptions')]).toBe(t('plans.column.subscriptionsActive', { count: 0 }));

  // The server priced it the same way, and the list is in its order (sort order, then id).
  const saved = (await listPlans()).find((plan) => plan.name === createdName);
  expect(saved).toMatchObject({ price: '9.99', discount: '20', finalPrice: '7.99', periodCredit: '12.5', currency: 'USD', sortOrder: 50, enabled: true });
  expect(saved!.notes).toEqual(['Every model', 'Email support']);
  const plans = await listPlans();
  const names = (await readTable(page.getByRole('grid'))).rows.map((r) => r[t('plans.column.name')].split('\n')[0]);
  expect(names).toEqual(plans.map((plan) => plan.name));
  const orders = plans.map((plan) => plan.sortOrder);
  expect(orders).toEqual([...orders].sort((a, b) => a - b));

  await screenshot(page, '71-plan-created');
  watch.expectClean();
});

test('editing a plan: its values in the form, the change saved and listed', async () => {
  const { page, watch } = session;
  await openPlans(page);
  const plan = (await listPlans()).find((p) => p.name === createdName)!;
  await rowStartingWith(page, createdName).click();
  const dialog = page.getByRole('dialog', { name: t('plans.modal.editTitle', { name: createdName }) });
  await dialog.waitFor();
  expect(await textbox(dialog, 'plans.field.price').inputValue()).toBe('9.99');
  expect(await textbox(dialog, 'plans.field.notes').inputValue()).toBe('Every model\nEmail support');
  // Nobody subscribes to it: no note about running subscriptions.
  expect(await dialog.getByText(t('plans.modal.activeNote', { count: 0 })).count()).toBe(0);

  await textbox(dialog, 'plans.field.price').fill('19.99');
  await choose(page, dialog, t('plans.field.interval'), t('plans.interval.yearly'));
  expect(expectedFinal('19.99', '20')).toBe('15.99');
  await dialog
    .getByText(t('plans.preview.discounted', { final: '$15.99', price: '$19.99', discount: '20', interval: 'yearly' }), { exact: true })
    .waitFor();

  const updated = waitForApi(page, `/plans/${plan.id}`, { method: 'PUT' });
  await dialog.getByRole('button', { name: t('common.save'), exact: true }).click();
  const response = await updated;
  expect(response.status()).toBe(200);
  expect(response.request().postDataJSON()).toMatchObject({ price: '19.99', interval: 'yearly', discount: '20' });
  expect((await response.json()).meta).toEqual({ activeSubscriptions: 0 });
  await dialog.waitFor({ state: 'detached' });

  const row = await planRow(page, createdName);
  expect(row[t('plans.column.interval')]).toBe(t('plans.interval.yearly'));
  expect(row[t('plans.column.price')]).toBe('$19.99');
  expect(row[t('plans.column.finalPrice')]).toBe('$15.99');
  expect((await listPlans()).find((p) => p.id === plan.id)).toMatchObject({ price: '19.99', interval: 'yearly', finalPrice: '15.99' });
  watch.expectClean();
});

test('a plan without subscriptions is switched off at once and deleted after confirmation', async () => {
  const { page, watch } = session;
  await openPlans(page);
  const plan = (await listPlans()).find((p) => p.name === createdName)!;
  expect(plan.activeSubscriptions).toBe(0);
  const row = rowStartingWith(page, createdName);

  // No subscription runs on it: disabling asks nothing.
  const disabled = waitForApi(page, `/plans/${plan.id}`, { method: 'PUT' });
  await row.getByRole('button', { name: t('common.disable'), exact: true }).click();
  expect((await disabled).request().postDataJSON()).toEqual({ enabled: false });
  await page.getByText(t('plans.toggle.disabled', { name: createdName }), { exact: true }).first().waitFor();
  await row.getByRole('button', { name: t('common.enable'), exact: true }).waitFor();
  expect((await planRow(page, createdName))[t('plans.column.enabled')]).toBe(t('common.disabled'));

  await row.getByRole('button', { name: t('common.delete'), exact: true }).click();
  const dialog = page.getByRole('alertdialog', { name: t('plans.deleteTitle') });
  await dialog.getByText(t('plans.deleteBody', { name: createdName }), { exact: true }).waitFor();
  const deleted = waitForApi(page, `/plans/${plan.id}`, { method: 'DELETE' });
  await dialog.getByRole('button', { name: t('common.delete'), exact: true }).click();
  expect((await deleted).status()).toBe(200);
  await dialog.waitFor({ state: 'detached' });
  await page.getByText(t('common.deleted', { name: createdName }), { exact: true }).first().waitFor();
  await row.waitFor({ state: 'detached' });
  expect((await listPlans()).some((p) => p.id === plan.id)).toBe(false);
  watch.expectClean();
});

test('a plan with active subscriptions: the impact in the disable confirmation and the edit form, delete refused', async () => {
  const { page, watch } = session;
  const name = `E2E Team ${suffix}`;
  const plan = await createPlan({ name, price: '30', interval: 'monthly', periodCredit: '40', sortOrder: 60 });
  // Two accounts subscribe (administrator grants through the API): no other case uses them.
  await grant('hooli-search', plan.id);
  await grant('soylent-health', plan.id);

  await openPlans(page);
  const row = rowStartingWith(page, name);
  const cells = await planRow(page, name);
  expect(cells[t('plans.column.activeSubscriptions')]).toBe(
    `${t('plans.column.subscriptionsActive', { count: 2 })}\n${t('plans.column.subscriptionsEver', { count: 2 })}`,
  );

  // Delete is disabled, saying why; the server refuses it too.
  const blocked = row.getByRole('button', { name: t('plans.deleteBlocked', { count: 2 }), exact: true });
  expect(await blocked.getAttribute('aria-disabled')).toBe('true');
  await blocked.hover();
  await page.getByRole('tooltip').getByText(t('plans.deleteBlocked', { count: 2 }), { exact: true }).first().waitFor();
  expect(await row.getByRole('button', { name: t('common.delete'), exact: true }).count()).toBe(0);
  const refusal = await api.delete(`/usage-billing/plans/${plan.id}`).catch((error: unknown) => error);
  expect(refusal).toBeInstanceOf(ApiError);
  expect((refusal as ApiError).status).toBe(409);
  expect((refusal as ApiError).body).toMatchObject({ error: { name: 'PlanInUseError', details: { planId: plan.id, subscriptions: 2 } } });

  // Editing it says that changes reach those subscriptions from their next period.
  await row.click();
  const form = page.getByRole('dialog', { name: t('plans.modal.editTitle', { name }) });
  await form.getByText(t('plans.modal.activeNote', { count: 2 }), { exact: true }).waitFor();
  await screenshot(page, '72-plan-edit-active');
  await form.getByRole('button', { name: t('common.cancel'), exact: true }).click();
  await form.waitFor({ state: 'detached' });

  // Disabling asks first, stating how many subscriptions it touches; cancelling sends nothing.
  await row.getByRole('button', { name: t('common.disable'), exact: true }).click();
  let confirm = page.getByRole('alertdialog', { name: t('plans.disable.title', { name }) });
  await confirm.getByText(t('plans.disable.body', { count: 2 }), { exact: true }).waitFor();
  await screenshot(page, '73-plan-disable-confirm');
  await confirm.getByRole('button', { name: t('common.cancel'), exact: true }).click();
  await confirm.waitFor({ state: 'detached' });
  expect((await listPlans()).find((p) => p.id === plan.id)!.enabled).toBe(true);

  await row.getByRole('button', { name: t('common.disable'), exact: true }).click();
  confirm = page.getByRole('alertdialog', { name: t('plans.disable.title', { name }) });
  const disabled = waitForApi(page, `/plans/${plan.id}`, { method: 'PUT' });
  await confirm.getByRole('button', { name: t('common.disable'), exact: true }).click();
  const response = await disabled;
  expect(response.request().postDataJSON()).toEqual({ enabled: false });
  expect((await response.json()).meta).toEqual({ activeSubscriptions: 2 });
  await confirm.waitFor({ state: 'detached' });
  await row.getByRole('button', { name: t('common.enable'), exact: true }).waitFor();
  expect((await planRow(page, name))[t('plans.column.enabled')]).toBe(t('common.disabled'));
  expect((await listPlans()).find((p) => p.id === plan.id)).toMatchObject({ enabled: false, activeSubscriptions: 2 });

  // Enabling asks nothing.
  const enabled = waitForApi(page, `/plans/${plan.id}`, { method: 'PUT' });
  await row.getByRole('button', { name: t('common.enable'), exact: true }).click();
  expect((await enabled).request().postDataJSON()).toEqual({ enabled: true });
  await row.getByRole('button', { name: t('common.disable'), exact: true }).waitFor();
  watch.expectClean();
});

test('granting a plan on an account’s page shows the subscription and its history; cancelling it', async () => {
  const { page, watch } = session;
  // An account no other case changes (the seed may or may not have given it a subscription: both are handled).
  const userId = 'umbrella-labs';
  const name = `E2E Grant ${suffix}`;
  const hidden = `E2E Hidden ${suffix}`;
  await createPlan({ name, price: '15', interval: 'monthly', periodCredit: '20', sortOrder: 70 });
  await createPlan({ name: hidden, price: '15', interval: 'monthly', periodCredit: '20', sortOrder: 71, enabled: false });
  const current: Subscription | null = (await api.get(`/usage-billing/accounts/${userId}`)).data.subscription;
  const pastCount = ((await api.get(`/usage-billing/accounts/${userId}/subscriptions`)).data as Subscription[]).length;

  const historyLoaded = waitForApi(page, `/accounts/${userId}/subscriptions`);
  await page.goto(billingUrl(`accounts/${userId}`));
  await historyLoaded;
  await page.getByRole('heading', { level: 1, name: t('accounts.detail.title', { userId }) }).waitFor();
  const section = sectionByTitle(page, t('subscriptions.title'));
  const history = sectionByTitle(page, t('subscriptions.history.title'));
  if (current) await labelledValue(section, t('subscriptions.field.plan')).getByText(current.planName, { exact: true }).waitFor();
  else await section.getByText(t('subscriptions.none'), { exact: true }).waitFor();
  if (pastCount === 0) await history.getByText(t('subscriptions.history.empty'), { exact: true }).waitFor();

  await section.getByRole('button', { name: t('subscriptions.grant'), exact: true }).click();
  const dialog = page.getByRole('dialog', { name: t('subscriptions.grant.title', { userId }) });
  // It says what happens to a subscription already running.
  const explanation = current ? t('subscriptions.grant.replaces', { plan: current.planName }) : t('subscriptions.grant.explain');
  await dialog.getByText(explanation, { exact: true }).waitFor();
  const option = t('subscriptions.grant.option', { name, interval: t('plans.interval.monthly'), credit: '$20.00' });
  await dialog.getByRole('combobox', { name: t('subscriptions.grant.plan') }).click();
  await page.getByRole('option', { name: option, exact: true }).waitFor();
  // A disabled plan is not offered.
  expect(await page.getByRole('option', { name: new RegExp(hidden) }).count()).toBe(0);
  await page.getByRole('option', { name: option, exact: true }).click();
  await screenshot(page, '74-grant-plan');

  const plan = (await listPlans()).find((p) => p.name === name)!;
  const granted = waitForApi(page, `/accounts/${userId}/subscription`, { method: 'POST' });
  const historyReloaded = waitForApi(page, `/accounts/${userId}/subscriptions`);
  await dialog.getByRole('button', { name: t('subscriptions.grant.submit'), exact: true }).click();
  const response = await granted;
  expect(response.status()).toBe(201);
  expect(response.request().postDataJSON()).toEqual({ planId: plan.id });
  const subscription = (await response.json()).data as Subscription;
  // The plan's credit, plus what a replaced subscription had left (never less than nothing).
  const carried = current && new Decimal(current.remaining).greaterThan(0) ? current.remaining : '0';
  expect(new Decimal(subscription.credit).equals(new Decimal('20').plus(carried))).toBe(true);
  expect(subscription).toMatchObject({ planName: name, status: 'active', used: '0', cancelledAt: null });
  await dialog.waitFor({ state: 'detached' });
  await page.getByText(t('subscriptions.grant.done', { plan: name, userId }), { exact: true }).first().waitFor();
  await historyReloaded;

  // The subscription block.
  const value = (key: string) => textOf(labelledValue(section, t(key)));
  await labelledValue(section, t('subscriptions.field.plan')).getByText(name, { exact: true }).waitFor();
  expect(await value('subscriptions.field.status')).toBe(t('subscriptions.status.active'));
  expect(await value('subscriptions.field.interval')).toBe(t('plans.interval.monthly'));
  expect(await value('subscriptions.field.period')).toBe(
    t('subscriptions.period.range', { start: date(subscription.periodStart), end: date(subscription.periodEnd!) }),
  );
  expect(await value('subscriptions.field.credit')).toBe(formatMoney(subscription.credit));
  expect(await value('subscriptions.field.used')).toBe(formatMoney(subscription.used));
  expect(await value('subscriptions.field.remaining')).toBe(formatMoney(subscription.remaining));
  expect(await value('subscriptions.field.endsAt')).toBe(date(subscription.endsAt!));
  expect(await value('subscriptions.field.nextPlan')).toBe('—');
  expect(await value('subscriptions.field.source')).toBe(t('subscriptions.source.admin', { admin: state().email }));

  // Its history: the new subscription first, then the ones before (a replaced one has expired).
  await eventually(async () => expect((await readTable(history.getByRole('grid'))).rows).toHaveLength(pastCount + 1));
  const rows = (await readTable(history.getByRole('grid'))).rows;
  expect(rows[0]).toMatchObject({
    [t('subscriptions.field.plan')]: name,
    [t('subscriptions.field.status')]: t('subscriptions.status.active'),
    [t('subscriptions.field.interval')]: t('plans.interval.monthly'),
    [t('subscriptions.field.source')]: t('subscriptions.source.admin', { admin: state().email }),
  });
  if (current) {
    expect(rows[1]).toMatchObject({ [t('subscriptions.field.plan')]: current.planName, [t('subscriptions.field.status')]: t('subscriptions.status.expired') });
  }
  await screenshot(page, '75-account-subscription');

  // Cancelling: it runs to the end of the period.
  await section.getByRole('button', { name: t('subscriptions.cancel'), exact: true }).click();
  const confirm = page.getByRole('alertdialog', { name: t('subscriptions.cancel.title') });
  await confirm.getByText(t('subscriptions.cancel.body', { plan: name, endsAt: date(subscription.periodEnd!) }), { exact: true }).waitFor();
  const cancelled = waitForApi(page, `/accounts/${userId}/subscription/cancel`, { method: 'POST' });
  await confirm.getByRole('button', { name: t('subscriptions.cancel'), exact: true }).click();
  const cancelResponse = await cancelled;
  expect(cancelResponse.status()).toBe(200);
  const afterCancel = (await cancelResponse.json()).data as Subscription;
  expect(afterCancel.cancelledAt).not.toBeNull();
  await confirm.waitFor({ state: 'detached' });
  await section
    .getByText(t('subscriptions.cancelledNote', { cancelledAt: date(afterCancel.cancelledAt!), endsAt: date(afterCancel.endsAt!) }), { exact: true })
    .waitFor();
  expect(await section.getByRole('button', { name: t('subscriptions.cancel'), exact: true }).count()).toBe(0);
  const account = (await api.get(`/usage-billing/accounts/${userId}`)).data;
  expect(account.subscription).toMatchObject({ id: subscription.id, status: 'active', cancelledAt: afterCancel.cancelledAt });
  watch.expectClean();
});

test('the Plans page in 中文: navigation, table, form and preview, with no missing translation', async () => {
  // Every key of the plans and subscriptions screens has a Chinese text of its own.
  const keys = Object.keys(messages.en).filter((key) => /^(plans|subscriptions)\./.test(key) || ['nav.plans', 'nav.section.subscriptions'].includes(key));
  const untranslated = keys.filter((key) => !messages['zh-Hans'][key] || messages['zh-Hans'][key] === messages.en[key]);
  expect(untranslated).toEqual([]);

  await api.put('/admin/users/me', { preferedLanguage: 'zh-Hans' });
  const fresh = await openSession({ login: false });
  extraSessions.push(fresh);
  const { page, watch } = fresh;
  await loginThroughForm(page, { menuLabel: zh('plugin.name') });

  const loaded = quiet(page.waitForResponse((r) => new URL(r.url()).pathname === '/usage-billing/plans' && r.request().method() === 'GET'));
  await page.goto(billingUrl('plans'));
  const plans = (await (await loaded).json()).data as Plan[];
  await page.getByRole('heading', { level: 1, name: zh('plans.title') }).waitFor();
  const subNav = page.getByRole('navigation', { name: zh('plugin.name') });
  await subNav.getByText(zh('nav.section.subscriptions'), { exact: true }).waitFor();
  expect(await subNav.getByRole('link', { name: zh('nav.plans'), exact: true }).getAttribute('aria-current')).toBe('page');

  const table = await readTable(page.getByRole('grid'));
  expect(table.headers.slice(0, 9)).toEqual(
    [
      'plans.column.name',
      'plans.column.interval',
      'plans.column.price',
      'plans.column.discount',
      'plans.column.finalPrice',
      'plans.column.periodCredit',
      'plans.column.enabled',
      'plans.column.sortOrder',
      'plans.column.activeSubscriptions',
    ].map((key) => zh(key)),
  );
  expect(table.rows).toHaveLength(plans.length);
  plans.forEach((plan, i) => {
    expect(table.rows[i][zh('plans.column.interval')]).toBe(zh(`plans.interval.${plan.interval}`));
    expect(table.rows[i][zh('plans.column.enabled')]).toBe(zh(plan.enabled ? 'common.enabled' : 'common.disabled'));
  });

  await page.getByRole('button', { name: zh('plans.add'), exact: true }).first().click();
  const dialog = page.getByRole('dialog', { name: zh('plans.modal.createTitle') });
  await dialog.getByText(zh('plans.preview.invalid'), { exact: true }).waitFor();
  await dialog.getByRole('textbox', { name: zh('plans.field.price'), exact: true }).fill('20');
  await dialog.getByText(zh('plans.preview.full', { final: '$20.00', interval: 'monthly' }), { exact: true }).waitFor();
  await dialog.getByRole('textbox', { name: zh('plans.field.discount'), exact: true }).fill('12.5');
  await dialog.getByText(zh('plans.preview.discounted', { final: '$17.50', price: '$20.00', discount: '12.5', interval: 'monthly' }), { exact: true }).waitFor();
  for (const key of ['plans.field.name', 'plans.field.periodCredit', 'plans.field.sortOrder', 'plans.field.notes']) {
    await dialog.getByRole('textbox', { name: zh(key), exact: true }).waitFor();
  }
  await screenshot(page, '76-zh-plans');
  // The form was typed in: Cancel asks before dropping it, in Chinese too.
  await dialog.getByRole('button', { name: zh('common.cancel'), exact: true }).click();
  const discard = page.getByRole('alertdialog', { name: zh('common.discard.title') });
  await discard.getByText(zh('common.discard.body'), { exact: true }).waitFor();
  await discard.getByRole('button', { name: zh('common.discard.confirm'), exact: true }).click();
  await dialog.waitFor({ state: 'detached' });
  watch.expectClean();
});
