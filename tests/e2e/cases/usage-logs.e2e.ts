// Usage logs: filtering (by model, by status over 30 days, reset), a log's detail with the billing snapshot it
// was rated with, and a failed call's reason. Read-only but for that one failed call (a free model: it moves
// no balance), reported last.
import type { Page, Response } from 'playwright-core';

import { adminApi, gatewayApi } from '../support/api';
import { openSession, readTable, screenshot, textOf, waitForApi, type Session } from '../support/browser';
import { MORE_TOKEN_PRICE_FIELDS } from '../../../contracts/pricing';
import { CHART_DAY, dayKeyDate } from '../../../admin/src/utils/dates';
import { t } from '../support/i18n';
import { formatMoney, formatQuantity, moneyTexts } from '../support/money';
import { PRICING } from '../support/seed';
import { billingUrl } from '../support/state';

let session: Session;

beforeAll(async () => {
  session = await openSession();
});

afterAll(async () => {
  await session?.close();
});

interface Log {
  requestId: string;
  userId: string;
  model: string;
  status: string;
  errorMessage: string | null;
  billingMode: string;
  cost: string;
  charged: string;
  lines?: Array<{ item: string; quantity: string; unitPrice: string; unit: string; amount: string }>;
  snapshot: Record<string, any> | null;
}

interface LogList {
  data: Log[];
  meta: { pagination: { total: number } };
}

const count = (value: number) => String(value).replace(/\B(?=(\d{3})+(?!\d))/g, ',');

/** The next list request of the page (GET /usage-billing/usage-logs, not the stats or export). */
const nextList = (page: Page, query: Record<string, string> = {}) => waitForApi(page, '/usage-logs', { query });

const json = async (response: Promise<Response>) => (await (await response).json()) as LogList;

/** The table shows exactly the calls of the response, and the count line its total. */
async function expectTableShows(page: Page, list: LogList) {
  await page.getByText(t('logs.count', { count: list.meta.pagination.total, total: count(list.meta.pagination.total) }), { exact: true }).waitFor();
  const table = await readTable(page.getByRole('grid'));
  expect(table.rows.map((row) => row[t('logs.column.requestId')])).toEqual(list.data.map((log) => log.requestId));
  return table;
}

async function openLogs(page: Page, query = '') {
  const list = nextList(page);
  await page.goto(`${billingUrl('usage-logs')}${query}`);
  await page.getByRole('heading', { level: 1, name: t('logs.title') }).waitFor();
  return json(list);
}

async function pick(page: Page, combobox: string, option: string) {
  await page.getByRole('combobox', { name: combobox }).click();
  await page.getByRole('option', { name: option, exact: true }).click();
}

test('filtering by model shows only that model’s calls and puts the filter in the URL', async () => {
  const { page, watch } = session;
  const model = 'claude-sonnet-4-5';
  const all = await openLogs(page);
  await expectTableShows(page, all);

  await page.getByRole('textbox', { name: t('logs.filter.model'), exact: true }).fill(model);
  const filtered = nextList(page, { model });
  await page.getByRole('button', { name: t('logs.filter.apply') }).click();
  const list = await json(filtered);
  expect(new URL(page.url()).searchParams.get('model')).toBe(model);

  // Claude Sonnet is the most used model of the seed, yet only part of the traffic.
  expect(list.meta.pagination.total).toBeGreaterThan(0);
  expect(list.meta.pagination.total).toBeLessThan(all.meta.pagination.total);
  const table = await expectTableShows(page, list);
  expect(table.rows.length).toBeGreaterThan(0);
  for (const row of table.rows) expect(row[t('logs.column.model')]).toBe(model);

  await screenshot(page, '41-usage-logs-model-filter');
  watch.expectClean();
});

test('filtering by status over 30 days shows only failed calls; reset clears the filters', async () => {
  const { page, watch } = session;
  await openLogs(page);
  let next = nextList(page);
  await pick(page, t('logs.filter.range'), t('logs.range.30d'));
  const month = await json(next);
  next = nextList(page, { status: 'error' });
  await pick(page, t('logs.filter.status'), t('logs.status.error'));
  const errors = await json(next);
  expect(new URL(page.url()).searchParams.get('status')).toBe('error');
  expect(new URL(page.url()).searchParams.get('range')).toBe('30d');

  // About 2 % of the seeded calls fail.
  expect(errors.meta.pagination.total).toBeGreaterThan(0);
  expect(errors.meta.pagination.total).toBeLessThan(month.meta.pagination.total / 10);
  const table = await expectTableShows(page, errors);
  // Each failed call's status, with its reason under it when the gateway gave one.
  const oneLine = (text: string) => text.replace(/\s+/g, ' ');
  table.rows.forEach((row, i) => expect(oneLine(row[t('logs.column.status')])).toBe(oneLine([t('logs.status.error'), errors.data[i].errorMessage].filter(Boolean).join(' '))));
  await screenshot(page, '42-usage-logs-errors');

  next = nextList(page);
  await page.getByRole('button', { name: t('common.reset') }).click();
  const reset = await json(next);
  expect(new URL(page.url()).searchParams.get('status')).toBeNull();
  expect(await textOf(page.getByRole('combobox', { name: t('logs.filter.status') }))).toBe(t('common.all'));
  expect(await textOf(page.getByRole('combobox', { name: t('logs.filter.range') }))).toBe(t('logs.range.7d'));
  expect(reset.meta.pagination.total).toBeGreaterThan(errors.meta.pagination.total);
  await expectTableShows(page, reset);
  watch.expectClean();
});

test('a log’s detail shows its line items and the price snapshot it was billed with', async () => {
  const { page, watch } = session;
  const model = 'claude-sonnet-4-5';
  // A deep link with a filter, as the account page's "Usage logs" button makes.
  const list = await openLogs(page, `?model=${model}&status=success`);
  const log = list.data[0];
  expect(log).toMatchObject({ model, status: 'success' });
  expect(log.snapshot).not.toBeNull();

  await page.getByRole('grid').getByRole('row', { name: new RegExp(` ${log.requestId} `) }).click();
  const dialog = page.getByRole('dialog', { name: t('logs.detail.title', { requestId: log.requestId }) });
  await dialog.waitFor();

  // Line items: one per priced quantity, then the cost and the charged amount.
  await dialog.getByRole('heading', { name: t('logs.detail.lines') }).waitFor();
  const lines = await readTable(dialog.getByRole('grid'));
  expect(lines.headers).toEqual([t('logs.line.item'), t('logs.line.quantity'), t('logs.line.unitPrice'), t('logs.line.unit'), t('logs.line.amount')]);
  const expectedLines = log.lines ?? [];
  expect(expectedLines.length).toBeGreaterThan(0);
  expectedLines.forEach((line, i) => {
    const row = lines.rows[i];
    expect(row[t('logs.line.item')]).toBe(line.item);
    expect(row[t('logs.line.quantity')]).toBe(formatQuantity(line.quantity));
    expect(row[t('logs.line.unit')]).toBe(line.unit);
    expect(moneyTexts(line.unitPrice)).toContain(row[t('logs.line.unitPrice')]);
    expect(moneyTexts(line.amount)).toContain(row[t('logs.line.amount')]);
  });
  const totals = lines.rows.slice(expectedLines.length).map((row) => [row[t('logs.line.item')], row[t('logs.line.quantity')]]);
  expect(totals[0][0]).toBe(t('logs.column.cost'));
  expect(moneyTexts(log.cost)).toContain(totals[0][1]);
  expect(totals[1][0]).toBe(t('logs.column.charged'));
  expect(moneyTexts(log.charged)).toContain(totals[1][1]);

  // The snapshot: the price version and the model price the call was rated with, and the raw JSON.
  await dialog.getByRole('heading', { name: t('logs.detail.snapshot') }).waitFor();
  const version = log.snapshot!.version ?? log.snapshot!.priceVersion ?? log.snapshot!.price?.version;
  expect(version).toBeDefined();
  await dialog.getByText(t('logs.detail.snapshotVersion', { version: String(version) }), { exact: true }).waitFor();
  const seeded = PRICING.models.find((m) => m.model === model)!;
  // The text prices, then how many other prices the model has (its 1-hour cache write price).
  const more = MORE_TOKEN_PRICE_FIELDS.filter((field) => (seeded as unknown as Record<string, unknown>)[field]).length;
  const summary = `${[
    ...(['input', 'output', 'cacheRead', 'cacheWrite'] as const).map((field) => t(`price.part.${field}`, { price: formatMoney(seeded[field]!) })),
    ...(more > 0 ? [t('price.part.more', { count: more })] : []),
  ].join(' · ')} ${t('price.perMillion')}`;
  const priceLine = dialog.getByText(t('logs.detail.snapshotPrice'), { exact: true }).locator('xpath=..');
  expect(await textOf(priceLine)).toBe(`${t('logs.detail.snapshotPrice')} ${summary}`);
  // The raw JSON is folded until asked for.
  expect(await dialog.locator('pre').count()).toBe(0);
  const rawToggle = dialog.getByRole('button', { name: t('logs.detail.rawShow'), exact: true });
  expect(await rawToggle.getAttribute('aria-expanded')).toBe('false');
  await rawToggle.click();
  await dialog.getByRole('button', { name: t('logs.detail.rawHide'), exact: true }).waitFor();
  const raw = await textOf(dialog.locator('pre, code').first());
  expect(JSON.parse(raw)).toEqual(log.snapshot);

  await screenshot(page, '43-usage-log-detail');
  await dialog.getByRole('button', { name: t('common.close'), exact: true }).last().click();
  await dialog.waitFor({ state: 'detached' });
  watch.expectClean();
});

test('the charts follow the model filter like the cards above them, and say which filters they cannot follow', async () => {
  const { page, watch } = session;
  const model = 'claude-sonnet-4-5';
  const stats = (groupBy: string, query: Record<string, string> = {}) => waitForApi(page, '/usage-logs/stats', { query: { groupBy, ...query } });
  const points = async (response: Promise<Response>) => ((await (await response).json()) as { data: { points: Array<{ key: string; calls: string }> } }).data.points;
  const callsChart = page.getByRole('img', { name: t('charts.callsPerDay') });
  /** The bar titles of the calls-per-day chart: `mm-dd: <calls> · <tokens>`. */
  const bars = async () => callsChart.locator('title').allTextContents();

  const allDays = stats('day');
  await openLogs(page);
  const before = await points(allDays);
  await callsChart.waitFor();
  const barsBefore = await bars();

  await page.getByRole('textbox', { name: t('logs.filter.model'), exact: true }).fill(model);
  const days = stats('day', { model });
  const users = stats('user', { model });
  await page.getByRole('button', { name: t('logs.filter.apply') }).click();
  const filtered = await points(days);
  const spenders = await points(users);
  // The model's calls are a part of every call: each day's bar shows the model's count, not the total.
  const calls = (list: Array<{ calls: string }>) => list.reduce((n, p) => n + Number(p.calls), 0);
  expect(calls(filtered)).toBeGreaterThan(0);
  expect(calls(filtered)).toBeLessThan(calls(before));
  // A bar's title is its day as the chart's axis writes it (utils/dates.ts CHART_DAY, the admin in English).
  const dayOf = (key: string) => new Intl.DateTimeFormat('en', CHART_DAY).format(dayKeyDate(key.slice(0, 10))!);
  const barOf = (point: { key: string; calls: string }) => `${dayOf(point.key)}: ${count(Number(point.calls))} `;
  // SVG titles are never visible: wait for the bar's title to be there.
  await callsChart.locator('title', { hasText: barOf(filtered[0]) }).first().waitFor({ state: 'attached' });
  const barsAfter = await bars();
  expect(barsAfter).not.toEqual(barsBefore);
  for (const point of filtered) expect(barsAfter.some((bar) => bar.startsWith(barOf(point)))).toBe(true);
  // Top spenders: only the users of that model, ranked by what they spent on it.
  expect(spenders.length).toBeGreaterThan(0);
  for (const point of spenders) await page.getByRole('button', { name: new RegExp(`^${point.key} `) }).waitFor();

  // A filter the daily totals do not hold: the charts say they leave it out.
  const notice = t('charts.filtersIgnored', { filters: t('logs.filter.status') });
  expect(await page.getByText(notice, { exact: true }).count()).toBe(0);
  await pick(page, t('logs.filter.status'), t('logs.status.success'));
  await page.getByText(notice, { exact: true }).waitFor();
  await screenshot(page, '45-usage-logs-charts-filtered');
  watch.expectClean();
});

test('a failed call shows its reason: under its status in the list and in its detail', async () => {
  const { page, watch } = session;
  // Reported by the platform's gateway for a seeded account, on a free model (no money moves).
  const requestId = `e2e-failed-${Date.now()}`;
  const reason = 'upstream 529: overloaded_error (retry later)\nrequest_id=abc';
  const gateway = await gatewayApi(await adminApi());
  const reported = await gateway.post('/api/usage-billing/usage', {
    requestId, userId: 'wayne-analytics', model: 'llama-3.1-8b', usage: { inputTokens: 12 }, status: 'error', errorMessage: reason,
  });
  expect(reported.data).toMatchObject({ requestId, status: 'error', charged: '0' });

  const list = await openLogs(page, '?userId=wayne-analytics&status=error');
  expect(list.data[0]).toMatchObject({ requestId, errorMessage: reason });
  const table = await expectTableShows(page, list);
  // The cell holds the badge and the reason cut to one line, the whole reason in its tooltip.
  expect(table.rows[0][t('logs.column.status')].replace(/\s+/g, ' ')).toBe(`${t('logs.status.error')} ${reason.replace(/\s+/g, ' ')}`);
  const row = page.getByRole('grid').getByRole('row', { name: new RegExp(` ${requestId} `) });
  expect(await row.getByTitle(reason).count()).toBe(1);

  await row.click();
  const dialog = page.getByRole('dialog', { name: t('logs.detail.title', { requestId }) });
  await dialog.waitFor();
  const title = dialog.getByText(t('logs.detail.errorMessage'), { exact: true });
  await title.waitFor();
  // The whole reason, line break kept.
  expect(await title.locator('xpath=..').innerText()).toBe(`${t('logs.detail.errorMessage')}\n${reason}`);
  await screenshot(page, '44-usage-log-failed-reason');
  await dialog.getByRole('button', { name: t('common.close'), exact: true }).last().click();
  await dialog.waitFor({ state: 'detached' });
  watch.expectClean();
});
