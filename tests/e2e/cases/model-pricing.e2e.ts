// Model prices: one created through the form, and a pricing file imported through its dry-run diff.
// Every model name is new to this run (suffix), so the seeded prices other cases check stay untouched.
import Decimal from 'decimal.js';
import type { Locator, Page } from 'playwright-core';

import { adminApi, type AdminApi } from '../support/api';
import { eventually, openSession, readTable, rowStartingWith, screenshot, textOf, waitForApi, type Session } from '../support/browser';
import { messages, t } from '../support/i18n';
import { formatMoney } from '../support/money';
import { PRICING } from '../support/seed';
import { billingUrl } from '../support/state';

let session: Session;
let api: AdminApi;
const suffix = Date.now().toString(36);

beforeAll(async () => {
  session = await openSession();
  api = await adminApi();
});

afterAll(async () => {
  await session?.close();
});

interface ModelPrice {
  model: string;
  mode: string;
  version: number;
  enabled: boolean;
  input?: string;
  output?: string;
  cacheRead?: string;
  cacheWrite?: string;
  perCall?: string;
  perSecond?: string;
}

const listPrices = async (): Promise<ModelPrice[]> => (await api.get('/usage-billing/model-prices')).data;

async function openModelPricing(page: Page): Promise<ModelPrice[]> {
  const loaded = waitForApi(page, '/model-prices');
  await page.goto(billingUrl('model-pricing'));
  const prices = (await (await loaded).json()).data as ModelPrice[];
  await page.getByRole('heading', { level: 1, name: t('modelPricing.title') }).waitFor();
  await page.getByRole('tab', { name: t('modelPricing.tab.prices', { count: prices.length }), exact: true }).waitFor();
  return prices;
}

/** The prices table as { column header: cell } for the row of `model`. */
async function priceRow(page: Page, model: string) {
  await rowStartingWith(page.getByRole('tabpanel'), model).waitFor();
  const table = await readTable(page.getByRole('tabpanel').getByRole('grid'));
  const row = table.rows.find((r) => r[t('price.column.model')].split('\n')[0] === model);
  if (!row) throw new Error(`no row for ${model}`);
  return row;
}

test('a model price created through the form appears in the list and on the server', async () => {
  const { page, watch } = session;
  const model = `e2e-form-${suffix}`;
  const before = await openModelPricing(page);
  expect(before.some((p) => p.model === model)).toBe(false);

  await page.getByRole('button', { name: t('price.add'), exact: true }).first().click();
  const dialog = page.getByRole('dialog', { name: t('price.modal.createTitle') });
  await dialog.waitFor();
  // A new price is per token unless another pricing mode is chosen.
  expect(await textOf(dialog.getByRole('combobox', { name: t('price.field.mode') }))).toBe(t('pricingMode.token'));
  await dialog.getByRole('textbox', { name: t('price.field.model'), exact: true }).fill(model);
  await dialog.getByRole('textbox', { name: t('price.field.input'), exact: true }).fill('1.25');
  await dialog.getByRole('textbox', { name: t('price.field.output'), exact: true }).fill('10');
  await dialog.getByRole('textbox', { name: t('price.field.cacheRead'), exact: true }).fill('0.125');
  if (messages.en['price.preview.title']) {
    // The form's live bill preview prices its sample call with the typed (unsaved) prices.
    const sample = async (key: string) => (await dialog.getByRole('textbox', { name: t(key), exact: true }).inputValue()) || '0';
    const tokens = {
      input: await sample('price.preview.inputTokens'),
      output: await sample('price.preview.outputTokens'),
      cacheRead: await sample('price.preview.cacheReadTokens'),
    };
    const total = new Decimal(tokens.input).times('1.25').plus(new Decimal(tokens.output).times('10')).plus(new Decimal(tokens.cacheRead).times('0.125')).dividedBy(1e6);
    expect(total.greaterThan(0)).toBe(true);
    await eventually(async () => {
      const bill = await readTable(dialog.getByRole('grid'));
      const row = bill.rows.find((r) => r[bill.headers[0]] === t('price.preview.total'));
      expect(row?.[bill.headers[1]]).toBe(formatMoney(total.toFixed()));
    });
  }
  await screenshot(page, '21-model-price-form');

  const created = waitForApi(page, '/model-prices', { method: 'POST' });
  await dialog.getByRole('button', { name: t('common.save'), exact: true }).click();
  const response = await created;
  expect(response.status()).toBe(201);
  // Only the fields of the chosen mode are sent, as typed (decimal strings, never numbers).
  expect(response.request().postDataJSON()).toEqual({ model, mode: 'token', enabled: true, input: '1.25', output: '10', cacheRead: '0.125' });
  await dialog.waitFor({ state: 'detached' });
  await page.getByText(t('price.saved', { model }), { exact: true }).first().waitFor();

  // In the list: its pricing mode, its exact prices, enabled, version 1; and the tab counts it.
  await page.getByRole('tab', { name: t('modelPricing.tab.prices', { count: before.length + 1 }), exact: true }).waitFor();
  const row = await priceRow(page, model);
  expect(row[t('price.column.mode')]).toBe(t('pricingMode.token'));
  expect(row[t('price.column.price')]).toBe(
    [t('price.part.input', { price: '$1.25' }), t('price.part.output', { price: '$10.00' }), t('price.part.cacheRead', { price: '$0.125' })].join(' · '),
  );
  expect(row[t('price.column.enabled')]).toBe(t('common.enabled'));
  expect(row[t('price.column.version')].split('\n')[0]).toBe('v1');

  // On the server.
  const saved = (await listPrices()).find((p) => p.model === model);
  expect(saved).toMatchObject({ model, mode: 'token', enabled: true, version: 1, input: '1.25', output: '10', cacheRead: '0.125' });
  expect(saved?.cacheWrite ?? null).toBeNull();

  await screenshot(page, '22-model-price-created');
  watch.expectClean();
});

test('the kinds of token beyond text are folded away until needed: 1-hour cache writes, audio, a fee per request, a tool price', async () => {
  const { page, watch } = session;
  const model = `e2e-kinds-${suffix}`;
  const before = await openModelPricing(page);

  await page.getByRole('button', { name: t('price.add'), exact: true }).first().click();
  const dialog = page.getByRole('dialog', { name: t('price.modal.createTitle') });
  await dialog.waitFor();
  await dialog.getByRole('textbox', { name: t('price.field.model'), exact: true }).fill(model);
  await dialog.getByRole('textbox', { name: t('price.field.input'), exact: true }).fill('3');
  await dialog.getByRole('textbox', { name: t('price.field.output'), exact: true }).fill('15');
  // An empty cache price shows what it will be billed at: the input price, never 0.
  const cacheRead = dialog.getByRole('textbox', { name: t('price.field.cacheRead'), exact: true });
  expect(await cacheRead.getAttribute('placeholder')).toBe(t('price.field.fallback', { price: '3', field: t('price.field.input') }));

  // The other kinds are folded: not on the page until the section is opened.
  const audio = () => dialog.getByRole('textbox', { name: t('price.field.inputAudio'), exact: true });
  expect(await audio().count()).toBe(0);
  await dialog.getByRole('button', { name: t('price.more.title') }).click();
  await audio().waitFor();
  expect(await dialog.getByRole('textbox', { name: t('price.field.cacheWrite1h'), exact: true }).getAttribute('placeholder')).toBe(
    t('price.field.fallback', { price: '3', field: t('price.field.input') }),
  );
  await dialog.getByRole('textbox', { name: t('price.field.cacheWrite1h'), exact: true }).fill('6');
  await audio().fill('32');
  await dialog.getByRole('textbox', { name: t('price.field.perRequest'), exact: true }).fill('0.01');
  await dialog.getByRole('button', { name: t('price.tools.add'), exact: true }).click();
  await dialog.getByRole('textbox', { name: t('price.tools.tool'), exact: true }).fill('web_search');
  await dialog.getByRole('textbox', { name: t('price.tools.price'), exact: true }).fill('0.005');

  if (messages.en['price.preview.title']) {
    // The preview asks for a count of each kind the price has, and prices them with the draft.
    const sample = async (key: string) => (await dialog.getByRole('textbox', { name: t(key), exact: true }).inputValue()) || '0';
    const total = new Decimal(await sample('price.preview.inputTokens'))
      .times(3)
      .plus(new Decimal(await sample('price.preview.outputTokens')).times(15))
      .plus(new Decimal(await sample('price.preview.cacheWrite1hTokens')).times(6))
      .plus(new Decimal(await sample('price.preview.inputAudioTokens')).times(32))
      .dividedBy(1e6)
      .plus(new Decimal(await sample('price.preview.calls')).times('0.01'));
    await eventually(async () => {
      const bill = await readTable(dialog.getByRole('grid'));
      expect(bill.rows.map((r) => r[bill.headers[0]])).toEqual(expect.arrayContaining(['cache_write_1h', 'input_audio', 'request']));
      const row = bill.rows.find((r) => r[bill.headers[0]] === t('price.preview.total'));
      expect(row?.[bill.headers[1]]).toBe(formatMoney(total.toFixed()));
    });
  }
  await screenshot(page, '25-model-price-more-kinds');

  const created = waitForApi(page, '/model-prices', { method: 'POST' });
  await dialog.getByRole('button', { name: t('common.save'), exact: true }).click();
  const response = await created;
  expect(response.status()).toBe(201);
  expect(response.request().postDataJSON()).toEqual({
    model, mode: 'token', enabled: true, input: '3', output: '15', cacheWrite1h: '6', inputAudio: '32', perRequest: '0.01', tools: { web_search: '0.005' },
  });
  await dialog.waitFor({ state: 'detached' });

  await page.getByRole('tab', { name: t('modelPricing.tab.prices', { count: before.length + 1 }), exact: true }).waitFor();
  const row = await priceRow(page, model);
  expect(row[t('price.column.price')]).toBe(
    [t('price.part.input', { price: '$3.00' }), t('price.part.output', { price: '$15.00' }), t('price.part.more', { count: 4 })].join(' · '),
  );

  // Editing it: the folded section starts open, since it holds prices.
  await rowStartingWith(page.getByRole('tabpanel'), model).click();
  const edit = page.getByRole('dialog', { name: t('price.modal.editTitle', { model }) });
  await edit.waitFor();
  expect(await edit.getByRole('textbox', { name: t('price.field.cacheWrite1h'), exact: true }).inputValue()).toBe('6');
  await edit.getByRole('button', { name: t('common.cancel'), exact: true }).click();
  await edit.waitFor({ state: 'detached' });
  watch.expectClean();
});

/** The diff of one section of the import preview: its badges, and the section's element. */
async function diffSection(dialog: Locator, titleKey: string) {
  const title = dialog.getByText(t(titleKey), { exact: true });
  const header = title.locator('xpath=..');
  const badges = (await header.locator('xpath=./*').allTextContents()).slice(1);
  return { badges, section: header.locator('xpath=..') };
}

test('a pricing file is imported after its dry-run diff is reviewed', async () => {
  const { page, watch } = session;
  const changed = `e2e-import-changed-${suffix}`;
  const added = `e2e-import-new-${suffix}`;
  // A price the file will change (created through the API: this case is about the import).
  await api.post('/usage-billing/model-prices', { model: changed, mode: 'per_call', perCall: '0.1', enabled: true });
  const seeded = PRICING.models.find((m) => m.model === 'claude-sonnet-4-5')!;
  const file = {
    version: 1,
    currency: 'USD',
    models: [
      { model: changed, mode: 'per_call', perCall: '0.25' },
      { model: added, mode: 'per_second', perSecond: '0.5' },
      seeded, // exactly as seeded: unchanged
    ],
    tools: [PRICING.tools.find((tool) => tool.tool === 'web_search')], // unchanged
    multipliers: [],
  };

  const before = await openModelPricing(page);
  await page.getByRole('button', { name: t('modelPricing.import'), exact: true }).click();
  let dialog = page.getByRole('dialog', { name: t('import.title') });
  await dialog.waitFor();
  await dialog.getByRole('textbox', { name: t('import.fileContent') }).fill(JSON.stringify(file, null, 2));
  const dryRun = waitForApi(page, '/model-prices/import', { method: 'POST', query: { dryRun: 'true' } });
  await dialog.getByRole('button', { name: t('import.preview'), exact: true }).click();
  const preview = await dryRun;
  expect(new URL(preview.url()).searchParams.get('dryRun')).toBe('true');
  expect(preview.status()).toBe(200);
  const diff = (await preview.json()).data;

  // The preview: nothing is written yet.
  dialog = page.getByRole('dialog', { name: t('import.previewTitle') });
  await dialog.waitFor();
  await dialog.getByText(t('import.previewIntro'), { exact: true }).waitFor();
  await expect(api.get(`/usage-billing/model-prices`)).resolves.toMatchObject({ data: expect.not.arrayContaining([expect.objectContaining({ model: added })]) });

  const models = await diffSection(dialog, 'import.section.models');
  expect(models.badges).toEqual([t('import.diff.new', { count: 1 }), t('import.diff.changed', { count: 1 }), t('import.diff.unchanged', { count: 1 })]);
  await models.section.getByText(added, { exact: true }).waitFor();
  // A new model comes with the price it will get: in the diff and beside its name.
  expect(diff.models.new).toEqual([{ model: added, after: { model: added, mode: 'per_second', perSecond: '0.5', enabled: true } }]);
  const addedLine = models.section.getByText(added, { exact: true }).locator('xpath=ancestor::div[.//*[normalize-space(text())=' + JSON.stringify(t('price.perSecond', { price: '$0.50' })) + ']][1]');
  expect(await addedLine.count()).toBe(1);
  expect(await addedLine.locator('xpath=.//*[not(*)]').allTextContents()).toEqual([added, t('price.perSecond', { price: '$0.50' })]);
  const change = models.section.getByText(changed, { exact: true }).locator('xpath=..');
  expect(await change.locator('xpath=.//*[not(*)]').allTextContents()).toEqual([
    changed,
    t('import.diff.before'),
    t('price.perCall', { price: '$0.10' }),
    t('import.diff.after'),
    t('price.perCall', { price: '$0.25' }),
  ]);
  const tools = await diffSection(dialog, 'import.section.tools');
  expect(tools.badges).toEqual([t('import.diff.new', { count: 0 }), t('import.diff.changed', { count: 0 }), t('import.diff.unchanged', { count: 1 })]);
  const multipliers = await diffSection(dialog, 'import.section.multipliers');
  await multipliers.section.getByText(t('import.diff.empty'), { exact: true }).waitFor();

  // The new name is not in the model catalog: the import waits for consent to add it.
  expect(diff.unknown).toContain(added);
  await dialog.getByText(t('import.unknown.title', { count: diff.unknown.length }), { exact: true }).waitFor();
  const apply = dialog.getByRole('button', { name: t('import.apply'), exact: true });
  expect(await apply.isDisabled()).toBe(true);
  await screenshot(page, '23-import-preview');
  await dialog.getByRole('checkbox', { name: t('import.unknown.allow') }).click();
  expect(await apply.isDisabled()).toBe(false);

  const applied = waitForApi(page, '/model-prices/import', { method: 'POST', query: { dryRun: 'false' } });
  await apply.click();
  const result = await applied;
  expect(new URL(result.url()).searchParams.get('dryRun')).toBe('false');
  expect(result.status()).toBe(200);
  await dialog.waitFor({ state: 'detached' });
  await page.getByText(t('import.done', { models: 2, tools: 0, multipliers: 0 }), { exact: true }).first().waitFor();

  // The list shows the new prices; the changed one is at version 2.
  await page.getByRole('tab', { name: t('modelPricing.tab.prices', { count: before.length + 1 }), exact: true }).waitFor();
  const addedRow = await priceRow(page, added);
  expect(addedRow[t('price.column.mode')]).toBe(t('pricingMode.per_second'));
  expect(addedRow[t('price.column.price')]).toBe(t('price.perSecond', { price: '$0.50' }));
  expect(addedRow[t('price.column.version')].split('\n')[0]).toBe('v1');
  const changedRow = await priceRow(page, changed);
  expect(changedRow[t('price.column.price')]).toBe(t('price.perCall', { price: '$0.25' }));
  expect(changedRow[t('price.column.version')].split('\n')[0]).toBe('v2');
  const sonnetRow = await priceRow(page, seeded.model);
  expect(sonnetRow[t('price.column.version')].split('\n')[0]).toBe('v1');

  // On the server: the prices, and the new name in the catalog.
  const prices = await listPrices();
  expect(prices.find((p) => p.model === added)).toMatchObject({ mode: 'per_second', perSecond: '0.5', version: 1 });
  expect(prices.find((p) => p.model === changed)).toMatchObject({ mode: 'per_call', perCall: '0.25', version: 2 });
  const catalog: Array<{ name: string; priced: boolean }> = (await api.get('/usage-billing/models')).data;
  expect(catalog.find((m) => m.name === added)).toMatchObject({ priced: true });

  await screenshot(page, '24-import-applied');
  watch.expectClean();
});

test('the version label opens the model’s price history: each version, who saved it, when, and what it changed', async () => {
  const { page, watch } = session;
  const model = `e2e-history-${suffix}`;
  await api.post('/usage-billing/model-prices', { model, mode: 'token', input: '3', output: '15' });
  await api.put(`/usage-billing/model-prices/${model}`, { mode: 'token', input: '4', output: '15', cacheRead: '0.4' });
  await openModelPricing(page);
  await rowStartingWith(page.getByRole('tabpanel'), model).waitFor();

  const loaded = waitForApi(page, `/model-prices/${model}/history`);
  await page.getByRole('button', { name: t('priceHistory.open', { model, version: 2 }), exact: true }).click();
  const history = (await (await loaded).json()).data as { versions: Array<{ version: number; actor: string; source: string }> };
  expect(history.versions.map((v) => [v.version, v.source])).toEqual([[2, 'admin'], [1, 'admin']]);
  const dialog = page.getByRole('dialog', { name: t('priceHistory.title', { model }) });
  await dialog.waitFor();
  // The row click (the price form) did not open as well.
  expect(await page.getByRole('dialog').count()).toBe(1);

  // Newest first: version 2 (changed), then version 1 (created), each by the admin of the API calls.
  const headings = await dialog.getByRole('heading', { level: 3 }).allTextContents();
  expect(headings).toEqual([t('priceHistory.version', { version: 2 }), t('priceHistory.version', { version: 1 })]);
  const by = t('priceHistory.by', { actor: history.versions[0].actor, source: t('priceHistory.source.admin') });
  expect(await dialog.getByText(by, { exact: true }).count()).toBe(2);
  expect(history.versions[0].actor).toMatch(/^admin:\d+ \(.+\)$/);

  const changes = await readTable(dialog.getByRole('grid').first());
  expect(changes.headers).toEqual([t('priceHistory.column.field'), t('priceHistory.column.before'), t('priceHistory.column.after')]);
  expect(changes.rows.map((row) => Object.values(row))).toEqual([
    [t('price.field.input'), formatMoney('3'), formatMoney('4')],
    [t('price.field.cacheRead'), '—', formatMoney('0.4')],
  ]);
  await screenshot(page, '25-model-price-history');
  await page.keyboard.press('Escape');
  await dialog.waitFor({ state: 'detached' });
  watch.expectClean();
});
