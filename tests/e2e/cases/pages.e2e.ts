// Every Billing page renders the seeded data (compared with what the server answered the page and with
// the seed's own data), with no console error and no failed request.
import Decimal from 'decimal.js';
import type { Page } from 'playwright-core';

import { openBillingPage, openSession, readTable, screenshot, sectionByTitle, textOf, tile, tileText, viewportWidth, waitForApi, type Session } from '../support/browser';
import { MORE_TOKEN_PRICE_FIELDS } from '../../../contracts/pricing';
import { t } from '../support/i18n';
import { formatMoney, moneyTexts } from '../support/money';
import { MODEL_INFO, PRICING, SEED_ACCOUNTS, SEED_PLANS, SEED_SETTINGS, UNPRICED_MODELS } from '../support/seed';
import { billingUrl } from '../support/state';

let session: Session;

beforeAll(async () => {
  session = await openSession();
});

afterAll(async () => {
  await session?.close();
});

const count = (value: string | number) => String(value).replace(/\B(?=(\d{3})+(?!\d))/g, ',');

/**
 * The sub-navigation link of the current page is marked as the current page; below 1024 px, where the
 * sub-navigation is one menu button, the button names the current page.
 */
async function expectCurrentNav(page: Page, key: string) {
  const nav = page.getByRole('navigation', { name: t('plugin.name') });
  if (viewportWidth() < 1024) {
    expect(await textOf(nav.getByRole('button'))).toBe(`${t('plugin.name')}: ${t(key)}`);
    return;
  }
  const link = nav.getByRole('link', { name: t(key), exact: true });
  expect(await link.getAttribute('aria-current')).toBe('page');
}

/** "in $3.00 · out $15.00 · cache read $0.30" — the list's price summary (prices are shown exactly). */
function tokenSummary(price: { input?: string; output?: string; cacheRead?: string; cacheWrite?: string }) {
  const parts = (['input', 'output', 'cacheRead', 'cacheWrite'] as const)
    .filter((field) => price[field])
    .map((field) => t(`price.part.${field}`, { price: formatMoney(price[field]!) }));
  // The other kinds of token (1-hour cache writes, audio…), a fee per request and the model's tool prices: counted.
  const rest = price as Record<string, unknown>;
  const more = MORE_TOKEN_PRICE_FIELDS.filter((field) => rest[field]).length + (rest.perRequest ? 1 : 0) + Object.keys(rest.tools ?? {}).length;
  if (more > 0) parts.push(t('price.part.more', { count: more }));
  return parts.length ? parts.join(' · ') : t('price.zero');
}

function expectedPriceCell(model: (typeof PRICING.models)[number]): string {
  switch (model.mode) {
    case 'token':
      return tokenSummary(model);
    case 'per_call':
      return t('price.perCall', { price: formatMoney(model.perCall!) });
    case 'per_second':
      return t('price.perSecond', { price: formatMoney(model.perSecond!) });
    case 'free':
      return t('price.free');
    case 'tiered':
      return (model as any).tiers
        .map((tier: any) => `${tier.upTo === null ? t('price.tier.rest') : t('price.tier.upToShort', { upTo: count(tier.upTo) })} ${tokenSummary(tier)}`)
        .join('\n');
    default:
      throw new Error(`unexpected pricing mode ${model.mode}`);
  }
}

test('Overview & configuration: the seeded settings and the 30-day totals', async () => {
  const { page, watch } = session;
  const settingsResponse = waitForApi(page, '/settings');
  const totalsResponse = waitForApi(page, '/usage-logs', { query: { pageSize: '1' } });
  await openBillingPage(page, 'configuration', t('nav.configuration'));
  const settings = (await (await settingsResponse).json()).data;
  const totals = (await (await totalsResponse).json()).meta.totals;
  await page.getByRole('heading', { level: 1, name: t('config.title') }).waitFor();
  await expectCurrentNav(page, 'nav.configuration');

  // The server holds the seeded settings…
  expect(settings).toMatchObject(SEED_SETTINGS);
  // …and the page shows them.
  await tile(page, t('config.overview.calls30')).getByText(count(totals.calls), { exact: true }).waitFor();
  expect(await tileText(page, t('config.overview.mode'))).toBe(t(`mode.${SEED_SETTINGS.mode}.title`));
  expect(await tileText(page, t('config.overview.currency'))).toBe(SEED_SETTINGS.currency);
  expect(Number(totals.calls)).toBeGreaterThan(1000); // 30 days of seeded usage
  expect(moneyTexts(totals.charged)).toContain(await tileText(page, t('config.overview.charged30')));
  const hint = await textOf(tile(page, t('config.overview.charged30')).locator('xpath=following-sibling::*[1]'));
  expect(moneyTexts(totals.cost).map((cost) => t('config.overview.cost', { cost }))).toContain(hint);

  const modes = page.getByRole('radiogroup', { name: t('config.mode.title') });
  for (const mode of ['usage', 'period', 'self']) {
    const radio = modes.getByRole('radio', { name: new RegExp(`^${t(`mode.${mode}.title`).replace(/[()]/g, '\\$&')}`) });
    expect(await radio.getAttribute('aria-checked')).toBe(String(mode === SEED_SETTINGS.mode));
    expect((await textOf(radio)).includes(t('config.mode.current'))).toBe(mode === SEED_SETTINGS.mode);
  }
  expect(await page.getByRole('textbox', { name: t('config.prepaidAmount') }).inputValue()).toBe(SEED_SETTINGS.prepaidAmount);
  expect(await page.getByRole('textbox', { name: t('config.currency') }).inputValue()).toBe(SEED_SETTINGS.currency);
  expect(await page.getByRole('textbox', { name: t('config.holdTtlSeconds') }).inputValue()).toBe(String(settings.holdTtlSeconds));
  expect(await page.getByRole('checkbox', { name: t('config.allowUnpricedModels') }).isChecked()).toBe(SEED_SETTINGS.allowUnpricedModels);
  expect(await page.getByRole('checkbox', { name: t('config.toolBilling') }).isChecked()).toBe(SEED_SETTINGS.toolBilling);
  // Nothing changed yet: saving is disabled.
  expect(await page.getByRole('button', { name: t('common.save') }).isDisabled()).toBe(true);

  await screenshot(page, '10-configuration');
  watch.expectClean();
});

test('Model pricing: every seeded price, its display name and the unpriced models', async () => {
  const { page, watch } = session;
  const pricesResponse = waitForApi(page, '/model-prices');
  const catalogResponse = waitForApi(page, '/models');
  await openBillingPage(page, 'model-pricing', t('nav.modelPricing'));
  const prices: Array<{ model: string; version: number; enabled: boolean }> = (await (await pricesResponse).json()).data;
  const catalog: Array<{ name: string; priced: boolean }> = (await (await catalogResponse).json()).data;
  await page.getByRole('heading', { level: 1, name: t('modelPricing.title') }).waitFor();
  await expectCurrentNav(page, 'nav.modelPricing');

  const unpriced = catalog.filter((model) => !model.priced).map((model) => model.name).sort();
  expect(unpriced).toEqual([...UNPRICED_MODELS].sort());
  await page.getByRole('tab', { name: t('modelPricing.tab.prices', { count: prices.length }), exact: true }).waitFor();
  const catalogTab = page.getByRole('tab', { name: new RegExp(`^${t('modelPricing.tab.catalog', { count: catalog.length }).replace(/[()]/g, '\\$&')}`) });
  expect(await textOf(catalogTab)).toContain(t('modelPricing.tab.unpriced', { count: unpriced.length }));
  const callout = page.getByText(t('modelPricing.unpriced.title', { count: unpriced.length }), { exact: true });
  await callout.waitFor();
  for (const name of UNPRICED_MODELS) await page.getByRole('tabpanel').getByText(name, { exact: false }).first().waitFor();

  const table = await readTable(page.getByRole('tabpanel').getByRole('grid'));
  expect(table.headers.slice(0, 5)).toEqual([
    t('price.column.model'),
    t('price.column.mode'),
    t('price.column.price'),
    t('price.column.enabled'),
    t('price.column.version'),
  ]);
  expect(table.rows).toHaveLength(prices.length);
  const byModel = new Map(table.rows.map((row) => [row[t('price.column.model')].split('\n')[0], row]));
  for (const seeded of PRICING.models) {
    const row = byModel.get(seeded.model);
    const api = prices.find((price) => price.model === seeded.model);
    expect({ model: seeded.model, row: Boolean(row), api: Boolean(api) }).toEqual({ model: seeded.model, row: true, api: true });
    expect(row![t('price.column.model')]).toBe(`${seeded.model}\n${MODEL_INFO[seeded.model][0]}`);
    expect(row![t('price.column.mode')]).toBe(t(`pricingMode.${seeded.mode}`));
    expect(row![t('price.column.price')]).toBe(expectedPriceCell(seeded));
    expect(row![t('price.column.enabled')]).toBe(t('common.enabled'));
    expect(row![t('price.column.version')].split('\n')[0]).toBe(`v${api!.version}`);
  }

  await screenshot(page, '20-model-pricing');
  watch.expectClean();
});

test('Tools & multipliers: the seeded tool prices and service multipliers', async () => {
  const { page, watch } = session;
  const toolsResponse = waitForApi(page, '/tool-prices');
  const multipliersResponse = waitForApi(page, '/multipliers');
  await openBillingPage(page, 'tool-pricing', t('nav.toolPricing'));
  const tools: Array<{ tool: string; perCall: string; enabled: boolean }> = (await (await toolsResponse).json()).data;
  const multipliers: Array<{ name: string; factor: string }> = (await (await multipliersResponse).json()).data;
  await page.getByRole('heading', { level: 1, name: t('toolPricing.title') }).waitFor();
  await expectCurrentNav(page, 'nav.toolPricing');
  await page.getByRole('heading', { level: 2, name: t('tools.title') }).waitFor();
  await page.getByRole('heading', { level: 2, name: t('multipliers.title') }).waitFor();

  const [toolGrid, multiplierGrid] = [page.getByRole('grid').nth(0), page.getByRole('grid').nth(1)];
  await multiplierGrid.waitFor();
  const toolTable = await readTable(toolGrid);
  expect(toolTable.headers.slice(0, 3)).toEqual([t('tools.column.tool'), t('tools.column.perCall'), t('tools.column.enabled')]);
  expect(toolTable.rows).toHaveLength(tools.length);
  for (const seeded of PRICING.tools) {
    const row = toolTable.rows.find((r) => r[t('tools.column.tool')] === seeded.tool);
    expect(row).toBeDefined();
    expect(row![t('tools.column.perCall')]).toBe(formatMoney(seeded.perCall));
    expect(row![t('tools.column.enabled')]).toBe(seeded.enabled === false ? t('common.disabled') : t('common.enabled'));
  }

  const multiplierTable = await readTable(multiplierGrid);
  expect(multiplierTable.headers.slice(0, 2)).toEqual([t('multipliers.column.name'), t('multipliers.column.factor')]);
  expect(multiplierTable.rows).toHaveLength(multipliers.length);
  for (const seeded of PRICING.multipliers) {
    const row = multiplierTable.rows.find((r) => r[t('multipliers.column.name')] === seeded.name);
    expect(row).toBeDefined();
    expect(row![t('multipliers.column.factor')]).toBe(`× ${new Decimal(seeded.factor).toFixed()}`);
  }

  await screenshot(page, '30-tools-multipliers');
  watch.expectClean();
});

test('Plans: the seeded plans in their sort order, with what buyers pay', async () => {
  const { page, watch } = session;
  const plansResponse = waitForApi(page, '/plans');
  await openBillingPage(page, 'plans', t('nav.plans'));
  const plans: Array<{ name: string; interval: string; price: string; discount: string; finalPrice: string; periodCredit: string; enabled: boolean; sortOrder: number }> =
    (await (await plansResponse).json()).data;
  await page.getByRole('heading', { level: 1, name: t('plans.title') }).waitFor();
  await expectCurrentNav(page, 'nav.plans');

  const table = await readTable(page.getByRole('grid'));
  expect(table.headers.slice(0, 9)).toEqual([
    t('plans.column.name'),
    t('plans.column.interval'),
    t('plans.column.price'),
    t('plans.column.discount'),
    t('plans.column.finalPrice'),
    t('plans.column.periodCredit'),
    t('plans.column.enabled'),
    t('plans.column.sortOrder'),
    t('plans.column.activeSubscriptions'),
  ]);
  // The rows in the server's order: sort order, then id.
  expect(table.rows.map((row) => row[t('plans.column.name')].split('\n')[0])).toEqual(plans.map((plan) => plan.name));
  expect(plans.map((plan) => plan.sortOrder)).toEqual([...plans.map((plan) => plan.sortOrder)].sort((a, b) => a - b));
  for (const seeded of SEED_PLANS) {
    const row = table.rows.find((r) => r[t('plans.column.name')].split('\n')[0] === seeded.name);
    const api = plans.find((plan) => plan.name === seeded.name);
    expect({ plan: seeded.name, row: Boolean(row), api: Boolean(api) }).toEqual({ plan: seeded.name, row: true, api: true });
    // Price less the discount, half-up to the cent.
    const finalPrice = new Decimal(seeded.price).times(new Decimal(100).minus(seeded.discount)).dividedBy(100).toDecimalPlaces(2, Decimal.ROUND_HALF_UP);
    expect(new Decimal(api!.finalPrice).equals(finalPrice)).toBe(true);
    expect(row![t('plans.column.name')]).toBe(`${seeded.name}\n${seeded.description}`);
    expect(row![t('plans.column.interval')]).toBe(t(`plans.interval.${seeded.interval}`));
    expect(row![t('plans.column.price')]).toBe(formatMoney(seeded.price));
    expect(row![t('plans.column.discount')]).toBe(new Decimal(seeded.discount).isZero() ? '—' : t('plans.discount', { discount: seeded.discount }));
    expect(row![t('plans.column.finalPrice')]).toBe(formatMoney(api!.finalPrice));
    expect(row![t('plans.column.periodCredit')]).toBe(formatMoney(seeded.periodCredit));
    expect(row![t('plans.column.sortOrder')]).toBe(String(api!.sortOrder));
  }

  await screenshot(page, '35-plans');
  watch.expectClean();
});

test('Codes: the seeded redemption codes, newest first, with their kind, uses and status', async () => {
  const { page, watch } = session;
  const listResponse = waitForApi(page, '/codes');
  await openBillingPage(page, 'codes', t('nav.codes'));
  const { data: codes, meta } = (await (await listResponse).json()) as {
    data: Array<{ code: string; mode: string; usedCount: number; totalUses: number; status: string; batch: string }>;
    meta: { pagination: { total: number } };
  };
  await page.getByRole('heading', { level: 1, name: t('codes.title') }).waitFor();
  await expectCurrentNav(page, 'nav.codes');

  // 11 chosen codes and two generated batches (40 and 10), more if the Codes case ran first.
  expect(meta.pagination.total).toBeGreaterThanOrEqual(61);
  await page.getByText(t('codes.count', { total: meta.pagination.total }), { exact: true }).waitFor();
  const table = await readTable(page.getByRole('grid'));
  expect(table.headers.slice(0, 7)).toEqual(['code', 'mode', 'grant', 'uses', 'expiresAt', 'status', 'batch'].map((key) => t(`codes.column.${key}`)));
  // A code cell also holds its copy button (whose label follows the code).
  expect(table.rows.map((row) => row[t('codes.column.code')].split('\n')[0])).toEqual(codes.map((code) => code.code));
  codes.forEach((code, i) => {
    const row = table.rows[i];
    expect(row[t('codes.column.mode')]).toBe(t(`codes.mode.${code.mode}`));
    expect(row[t('codes.column.uses')].split('\n')[0]).toBe(t('codes.uses', { used: count(code.usedCount), total: count(code.totalUses) }));
    expect(row[t('codes.column.status')]).toBe(t(`codes.status.${code.status}`));
    expect(row[t('codes.column.batch')].split('\n')[0]).toBe(code.batch); // the description follows it
  });

  await screenshot(page, '36-codes');
  watch.expectClean();
});

test('Usage logs: the last 7 days of seeded calls, their totals and charts', async () => {
  const { page, watch } = session;
  const listResponse = waitForApi(page, '/usage-logs', { query: { page: '1', pageSize: '20' } });
  await openBillingPage(page, 'usage-logs', t('nav.usageLogs'));
  const list = await (await listResponse).json();
  const { data: logs, meta } = list as {
    data: Array<{ requestId: string; userId: string; model: string; billingMode: string; status: string; errorMessage: string | null; cost: string; charged: string }>;
    meta: { pagination: { total: number }; totals: { calls: number; cost: string; charged: string; tokens: string; source: string } };
  };
  await page.getByRole('heading', { level: 1, name: t('logs.title') }).waitFor();
  await expectCurrentNav(page, 'nav.usageLogs');
  expect(await textOf(page.getByRole('combobox', { name: t('logs.filter.range') }))).toContain(t('logs.range.7d'));

  // A week of seeded traffic: more than one page.
  expect(meta.pagination.total).toBeGreaterThan(20);
  await page.getByText(t('logs.count', { count: meta.pagination.total, total: count(meta.pagination.total) }), { exact: true }).waitFor();
  expect(await tileText(page, t('logs.totals.calls'))).toBe(count(meta.totals.calls));
  expect(moneyTexts(meta.totals.cost)).toContain(await tileText(page, t('logs.totals.cost')));
  expect(moneyTexts(meta.totals.charged)).toContain(await tileText(page, t('logs.totals.charged')));
  // Whole days, no other filter: exact totals from the daily rollups, every kind of token counted.
  expect(meta.totals.source).toBe('rollups');
  expect(await tileText(page, t('logs.totals.tokens'))).toBe(count(meta.totals.tokens));

  const table = await readTable(page.getByRole('grid'));
  expect(table.rows).toHaveLength(logs.length);
  logs.forEach((log, i) => {
    const row = table.rows[i];
    expect(row[t('logs.column.requestId')]).toBe(log.requestId);
    expect(row[t('logs.column.user')]).toBe(log.userId);
    expect(row[t('logs.column.model')]).toBe(log.model);
    expect(row[t('logs.column.billingMode')]).toBe(t(`mode.${log.billingMode}.short`));
    // A failed call's reason (when the gateway gave one) under its status.
    const status = [t(`logs.status.${log.status}`), log.errorMessage].filter(Boolean).join(' ');
    expect(row[t('logs.column.status')].replace(/\s+/g, ' ')).toBe(status.replace(/\s+/g, ' '));
    expect(moneyTexts(log.cost)).toContain(row[t('logs.column.cost')]);
    expect(moneyTexts(log.charged)).toContain(row[t('logs.column.charged')]);
  });
  expect(new Set(logs.map((log) => log.requestId)).size).toBe(logs.length);

  await page.getByRole('heading', { level: 2, name: t('charts.title') }).waitFor();
  await page.getByRole('img', { name: t('charts.callsPerDay') }).waitFor();

  await screenshot(page, '40-usage-logs');
  watch.expectClean();
});

test('Accounts: the twelve seeded accounts with their balances', async () => {
  const { page, watch } = session;
  const listResponse = waitForApi(page, '/accounts');
  await openBillingPage(page, 'accounts', t('nav.accounts'));
  const { data: accounts, meta } = (await (await listResponse).json()) as {
    data: Array<{ userId: string; balance: string; available: string; status: string }>;
    meta: { pagination: { total: number } };
  };
  await page.getByRole('heading', { level: 1, name: t('accounts.title') }).waitFor();
  await expectCurrentNav(page, 'nav.accounts');

  expect(meta.pagination.total).toBe(SEED_ACCOUNTS.length);
  await page.getByText(t('accounts.subtitleCount', { count: SEED_ACCOUNTS.length, total: count(SEED_ACCOUNTS.length) }), { exact: true }).waitFor();
  const table = await readTable(page.getByRole('grid'));
  expect(table.rows.map((row) => row[t('accounts.column.userId')]).sort()).toEqual(SEED_ACCOUNTS.map((a) => a.userId).sort());
  for (const account of accounts) {
    const row = table.rows.find((r) => r[t('accounts.column.userId')] === account.userId)!;
    expect(moneyTexts(account.balance)).toContain(row[t('accounts.column.balance')]);
    expect(moneyTexts(account.available)).toContain(row[t('accounts.column.available')]);
    expect(row[t('accounts.column.status')]).toBe(t(`accounts.status.${account.status === 'suspended' ? 'suspended' : 'active'}`));
  }
  // Every seeded account spent less than it was credited except the trial, which is left with little.
  expect(accounts.every((a) => new Decimal(a.balance).greaterThan(0))).toBe(true);

  await screenshot(page, '50-accounts');
  watch.expectClean();
});

test('Account detail: balance tiles and the ledger of acme-corp', async () => {
  const { page, watch } = session;
  const userId = 'acme-corp';
  const accountResponse = waitForApi(page, `/accounts/${userId}`);
  const ledgerResponse = waitForApi(page, `/accounts/${userId}/ledger`);
  // Opened from the list, as an administrator would.
  await openBillingPage(page, 'accounts', t('nav.accounts'));
  await page.getByRole('row', { name: new RegExp(`^${userId} `) }).click();
  await page.waitForURL(billingUrl(`accounts/${userId}`));
  const account = (await (await accountResponse).json()).data as { balance: string; available: string; held: string };
  const { data: ledger, meta } = (await (await ledgerResponse).json()) as {
    data: Array<{ kind: string; amount: string; balanceAfter: string; reference: string | null }>;
    meta: { pagination: { total: number } };
  };
  await page.getByRole('heading', { level: 1, name: t('accounts.detail.title', { userId }) }).waitFor();

  expect(moneyTexts(account.balance)).toContain(await tileText(page, t('accounts.column.balance')));
  expect(moneyTexts(account.available)).toContain(await tileText(page, t('accounts.column.available')));
  expect(moneyTexts(account.held)).toContain(await tileText(page, t('accounts.column.held')));

  // Welcome credit, top-ups, two extra adjustments and a month of usage: more than a page of entries.
  expect(meta.pagination.total).toBeGreaterThan(20);
  const table = await readTable(sectionByTitle(page, t('ledger.title')).getByRole('grid'));
  expect(table.rows).toHaveLength(ledger.length);
  ledger.forEach((entry, i) => {
    const row = table.rows[i];
    expect(row[t('ledger.column.kind')]).toBe(t(`ledger.kind.${entry.kind}`));
    expect(moneyTexts(entry.amount, 'USD', { signed: true })).toContain(row[t('ledger.column.amount')]);
    expect(moneyTexts(entry.balanceAfter)).toContain(row[t('ledger.column.balanceAfter')]);
    expect(row[t('ledger.column.reference')]).toBe(entry.reference || '—');
  });
  // Newest first, and the first entry's balance after is the account's balance.
  expect(ledger[0].balanceAfter).toBe(account.balance);

  await screenshot(page, '51-account-detail');
  watch.expectClean();
});
