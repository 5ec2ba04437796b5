// One way of showing each thing on every Billing page (issue 15): money rounded to the currency's minor
// unit on tiles and in lists with the exact amount in a tooltip (hover and keyboard focus), every digit in
// details; one date format in tables and details; duplicate names refused on the name field with a link
// to the existing entry; one enabled/disabled pattern (a switch in forms, the same badge in lists).
import type { Locator, Page } from 'playwright-core';

import { adminApi, deletePlansNamed, type AdminApi } from '../support/api';
import { eventually, openSession, readTable, screenshot, textOf, waitForApi, type Session } from '../support/browser';
import { t } from '../support/i18n';
import { formatMoney, moneyTexts } from '../support/money';
import { billingUrl } from '../support/state';

let session: Session;
let api: AdminApi;
const run = Date.now().toString(36);
const existingPlanName = `E2E taken ${run}`;

beforeAll(async () => {
  session = await openSession();
  api = await adminApi();
});

afterAll(async () => {
  if (api) await deletePlansNamed(api, existingPlanName);
  await session?.close();
});

interface Log {
  requestId: string;
  occurredAt: string;
  charged: string;
  currency: string;
}

/** The rounded rendering of an amount (the last of `moneyTexts`: cents, or "< $0.01"). */
const rounded = (value: string, currency: string) => moneyTexts(value, currency).at(-1)!;
/** True when rounding to cents hides digits of the amount. */
const hidesDigits = (value: string, currency: string) => rounded(value, currency) !== formatMoney(value, currency);

/** Hovers, then focuses `amount`: each time the tooltip holds the exact amount. */
async function expectExactTooltip(page: Page, amount: Locator, exact: string) {
  await amount.hover();
  await eventually(async () => expect(await textOf(page.getByRole('tooltip'))).toBe(exact));
  await page.keyboard.press('Escape');
  await page.getByRole('tooltip').waitFor({ state: 'detached' });
  await page.getByRole('heading', { level: 1 }).hover();
  await amount.focus();
  await eventually(async () => expect(await textOf(page.getByRole('tooltip'))).toBe(exact));
  await page.keyboard.press('Escape');
  await page.getByRole('tooltip').waitFor({ state: 'detached' });
}

test('money: tiles and lists to the cent with the exact amount on hover and focus, the detail exact; one date format in the table and the detail', async () => {
  const { page, watch } = session;
  const loaded = waitForApi(page, '/usage-logs');
  await page.goto(`${billingUrl('usage-logs')}?range=30d`);
  const list = (await (await loaded).json()) as { data: Log[]; meta: { totals: { charged: string } } };
  const currency = list.data[0].currency;

  // The "Charged" tile: the period's total to the cent, every digit in its tooltip.
  const total = list.meta.totals.charged;
  const tileValue = page.locator(`xpath=//main//*[normalize-space(text())=${JSON.stringify(t('logs.totals.charged'))}]/following-sibling::*[1]`);
  await eventually(async () => expect(await textOf(tileValue)).toBe(rounded(total, currency)));
  if (hidesDigits(total, currency)) await expectExactTooltip(page, tileValue.getByText(rounded(total, currency), { exact: true }), formatMoney(total, currency));

  // A call whose charge has more digits than cents (the seed's token prices make most of them so).
  const log = list.data.find((entry) => hidesDigits(entry.charged, currency) && !rounded(entry.charged, currency).startsWith('<'));
  expect(log).toBeDefined();
  const table = await readTable(page.getByRole('grid'));
  const row = table.rows.find((cells) => cells[t('logs.column.requestId')] === log!.requestId)!;
  expect(row[t('logs.column.charged')]).toBe(rounded(log!.charged, currency));
  expect(row[t('logs.column.charged')]).toMatch(/\.\d{2}$/);
  const gridRow = page.getByRole('grid').getByRole('row', { name: new RegExp(` ${log!.requestId} `) });
  const chargedCell = gridRow.locator('td').nth(table.headers.indexOf(t('logs.column.charged')));
  await expectExactTooltip(page, chargedCell.getByText(rounded(log!.charged, currency), { exact: true }), formatMoney(log!.charged, currency));
  await screenshot(page, '80-money-tooltip');

  // The table's date reads exactly as the detail's, with its year.
  const tableDate = row[t('logs.column.occurredAt')];
  expect(tableDate).toMatch(/\b\d{4}\b/);
  await gridRow.click();
  const dialog = page.getByRole('dialog', { name: t('logs.detail.title', { requestId: log!.requestId }) });
  await dialog.waitFor();
  const detailDate = dialog.locator(
    `xpath=.//*[normalize-space(text())=${JSON.stringify(t('logs.column.occurredAt'))}]/following-sibling::*[1]`,
  );
  expect(await textOf(detailDate)).toBe(tableDate);
  // The detail's charged amount has every digit.
  const lines = await readTable(dialog.getByRole('grid'));
  const charged = lines.rows.find((cells) => Object.values(cells)[0] === t('logs.column.charged'))!;
  expect(Object.values(charged)[1]).toBe(formatMoney(log!.charged, currency));
  await page.keyboard.press('Escape');
  await dialog.waitFor({ state: 'detached' });
  watch.expectClean();
});

test('a taken name: the error under the name field with a link that opens the entry that has it', async () => {
  const { page, watch } = session;
  const existing = (await api.post('/usage-billing/plans', { name: existingPlanName, price: '12', interval: 'monthly', periodCredit: '10' })).data as {
    id: number;
    name: string;
  };
  const loaded = waitForApi(page, '/plans');
  await page.goto(billingUrl('plans'));
  await loaded;
  await page.getByRole('button', { name: t('plans.add'), exact: true }).first().click();
  const dialog = page.getByRole('dialog', { name: t('plans.modal.createTitle') });
  await dialog.waitFor();
  const textbox = (key: string) => dialog.getByRole('textbox', { name: t(key), exact: true });
  // The same name in another case: plans' names are unique whatever the case.
  await textbox('plans.field.name').fill(existingPlanName.toUpperCase());
  await textbox('plans.field.price').fill('5');
  await textbox('plans.field.periodCredit').fill('5');

  watch.allow(
    (p) => (p.kind === 'console' && /status of 409/.test(p.text)) || (p.kind === 'http' && p.status === 409 && (p.url ?? '').endsWith('/usage-billing/plans')),
    'this case saves a plan under a taken name on purpose: POST /usage-billing/plans answers 409 and the browser logs it',
  );
  const posted = waitForApi(page, '/plans', { method: 'POST' });
  await dialog.getByRole('button', { name: t('common.save'), exact: true }).click();
  const response = await posted;
  expect(response.status()).toBe(409);
  expect((await response.json()).error.details).toMatchObject({ field: 'name', existing: { id: existing.id, name: existingPlanName } });
  // The error is on the name field (focused), not in a notification.
  await dialog.getByText(t('errors.duplicate', { name: existingPlanName }), { exact: true }).waitFor();
  expect(await textbox('plans.field.name').getAttribute('aria-invalid')).toBe('true');
  await eventually(async () => expect(await page.evaluate(() => (globalThis as any).document.activeElement?.id)).toBe('name'));
  await screenshot(page, '81-duplicate-name');

  // "Edit the existing one" opens that plan in the same dialog, with its values.
  await dialog.getByRole('button', { name: t('errors.duplicate.edit'), exact: true }).click();
  const editing = page.getByRole('dialog', { name: t('plans.modal.editTitle', { name: existingPlanName }) });
  await editing.waitFor();
  expect(await editing.getByRole('textbox', { name: t('plans.field.name'), exact: true }).inputValue()).toBe(existingPlanName);
  expect(await editing.getByRole('textbox', { name: t('plans.field.price'), exact: true }).inputValue()).toBe('12');
  expect(await editing.getByText(t('errors.duplicate', { name: existingPlanName }), { exact: true }).count()).toBe(0);
  await page.keyboard.press('Escape');
  await editing.waitFor({ state: 'detached' });
  // Nothing was created.
  const plans = (await api.get('/usage-billing/plans')).data as Array<{ name: string }>;
  expect(plans.filter((plan) => plan.name.toLowerCase() === existingPlanName.toLowerCase())).toHaveLength(1);
  watch.expectClean();
});

test('one enabled/disabled pattern: the same badge in lists, an eye button among the row actions, a toggle in the form (tools, model catalog)', async () => {
  const { page, watch } = session;
  const tool = `e2e_toggle_${run}`;
  const model = `e2e-toggle-${run}`;
  await api.post('/usage-billing/tool-prices', { tool, perCall: '0.01', enabled: true });
  await api.post('/usage-billing/models', { name: model });
  try {
    /** Switches the row's entry off with its eye button, then on again: the badge follows, the list has no switch. */
    const toggleInRow = async (grid: Locator, name: string, statusHeader: string, apiPath: string) => {
      const row = grid.getByRole('row', { name: new RegExp(`(^| )${name}( |$)`) });
      const status = async () => (await readTable(grid)).rows.find((cells) => Object.values(cells).some((text) => text.split('\n')[0] === name))![statusHeader];
      expect(await status()).toBe(t('common.enabled'));
      expect(await grid.getByRole('switch').count()).toBe(0);
      const saved = waitForApi(page, apiPath, { method: 'PUT' });
      await row.getByRole('button', { name: t('common.disable'), exact: true }).click();
      expect((await saved).status()).toBe(200);
      await eventually(async () => expect(await status()).toBe(t('common.disabled')));
      const again = waitForApi(page, apiPath, { method: 'PUT' });
      await row.getByRole('button', { name: t('common.enable'), exact: true }).click();
      await again;
      await eventually(async () => expect(await status()).toBe(t('common.enabled')));
    };

    // Tools: the row's eye button, then the form's toggle (On / Off).
    const tools = waitForApi(page, '/tool-prices');
    await page.goto(billingUrl('tool-pricing'));
    await tools;
    const toolGrid = page.getByRole('grid').first();
    await toggleInRow(toolGrid, tool, t('tools.column.enabled'), `/tool-prices/${tool}`);
    await screenshot(page, '82-enabled-pattern-tools');
    await toolGrid.getByRole('row', { name: new RegExp(`(^| )${tool}( |$)`) }).getByRole('button', { name: t('common.edit'), exact: true }).click();
    const dialog = page.getByRole('dialog', { name: t('tools.modal.editTitle', { name: tool }) });
    await dialog.waitFor();
    await dialog.getByText(t('common.on'), { exact: true }).waitFor();
    await dialog.getByText(t('common.off'), { exact: true }).waitFor();
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });

    // The model catalog: the same badge and the same button (it used to be a switch in the list).
    const catalog = waitForApi(page, '/models');
    await page.goto(billingUrl('model-pricing'));
    await catalog;
    await page.getByRole('tab', { name: new RegExp(`^${t('modelPricing.tab.catalog', { count: 0 }).split(' (')[0]}`) }).click();
    const catalogGrid = page.getByRole('tabpanel').getByRole('grid');
    await toggleInRow(catalogGrid, model, t('catalog.column.enabled'), `/models/${model}`);
    await screenshot(page, '83-enabled-pattern-catalog');
  } finally {
    await api.delete(`/usage-billing/tool-prices/${tool}`);
    await api.delete(`/usage-billing/models/${model}`);
  }
  watch.expectClean();
});
