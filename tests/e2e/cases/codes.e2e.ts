// Redemption codes: a batch of 25 usage codes created through the form (its progress, the result dialog,
// the clipboard, the batch's CSV, the list narrowed to the batch); one of them redeemed through the content
// API (used count, the redemption in the history dialog, the account's balance and ledger); a code disabled
// and one deleted after confirmation; a chosen code that exists (the server's 409); the page in 中文.
// The batch label is new to this run (suffix) and the account used here is used by no other case.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Locator, Page, Response } from 'playwright-core';

import { adminApi, gatewayApi, type AdminApi, type GatewayApi } from '../support/api';
import {
  loginThroughForm,
  openBillingPage,
  openSession,
  quiet,
  readTable,
  screenshot,
  sectionByTitle,
  tileText,
  waitForApi,
  type Session,
} from '../support/browser';
import { messages, t, zh } from '../support/i18n';
import { add, moneyTexts } from '../support/money';
import { billingUrl, state } from '../support/state';

let session: Session;
let api: AdminApi;
let gateway: GatewayApi;
const extraSessions: Session[] = [];
const suffix = Date.now().toString(36);
const batch = `e2e-${suffix}`;
const BATCH_SIZE = 25;
const AMOUNT = '2.5';
const DESCRIPTION = 'E2E batch for the Codes page';
// An account no other case changes (its balance is compared to the cent).
const USER_ID = 'tyrell-robotics';

beforeAll(async () => {
  session = await openSession();
  // "Copy" writes to the clipboard; the test reads it back.
  await session.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(state().url).origin });
  api = await adminApi();
  gateway = await gatewayApi(api);
});

afterAll(async () => {
  // The 中文 case changes the admin's interface language: put it back whatever happened.
  if (api) await api.put('/admin/users/me', { preferedLanguage: 'en' });
  for (const extra of extraSessions) await extra.close();
  await session?.close();
});

interface Code {
  id: number;
  code: string;
  mode: string;
  amount: string | null;
  totalUses: number;
  usedCount: number;
  perUserLimit: number;
  batch: string;
  enabled: boolean;
  status: string;
}

interface CodeList {
  data: Code[];
  meta: { pagination: { total: number } };
}

interface Redemption {
  userId: string;
  amount: string | null;
  ledgerReference: string | null;
}

/** The codes of the batch created through the form (the first case), newest last as the server made them. */
let created: string[] = [];

/** The batch's codes: those the first case created, or (when it failed) a batch made through the admin API. */
async function batchCodes(): Promise<string[]> {
  if (created.length === 0) {
    const body = { mode: 'usage', amount: AMOUNT, count: BATCH_SIZE, description: DESCRIPTION, batch };
    created = (await api.post('/usage-billing/codes', body)).data.codes;
  }
  return created;
}

const listCodes = async (query: Record<string, string>): Promise<CodeList> =>
  api.get(`/usage-billing/codes?${new URLSearchParams(query).toString()}`);

const json = async <T>(response: Promise<Response>) => (await (await response).json()) as T;

/** Opens the Codes page (with a URL query) and returns the list it asked for. */
async function openCodes(page: Page, query = ''): Promise<CodeList> {
  const loaded = waitForApi(page, '/codes');
  if (query) await page.goto(`${billingUrl('codes')}${query}`);
  else await openBillingPage(page, 'codes', t('nav.codes'));
  const list = await json<CodeList>(loaded);
  await page.getByRole('heading', { level: 1, name: t('codes.title') }).waitFor();
  return list;
}

const textbox = (scope: Locator | Page, key: string) => scope.getByRole('textbox', { name: t(key), exact: true });

/** The list's row of `code` as { column header: cell text }. */
async function codeRow(page: Page, code: string) {
  await page.getByRole('grid').getByText(code, { exact: true }).waitFor();
  const table = await readTable(page.getByRole('grid'));
  const row = table.rows.find((r) => codeIn(r) === code);
  if (!row) throw new Error(`no row for code ${code}`);
  return row;
}

/** The code of a list row: the first line of its cell (the copy button's label follows it). */
const codeIn = (row: Record<string, string>) => row[t('codes.column.code')].split('\n')[0];

const gridRow = (page: Page, code: string) => page.getByRole('grid').getByRole('row').filter({ hasText: code });

/** A CSV line's cells (the export quotes only cells holding a comma, a quote or a line break; ours hold none). */
const cells = (line: string) => line.split(',');

test('a batch of 25 codes created through the form: progress, result, clipboard, CSV of the batch, the list narrowed to it', async () => {
  const { page, watch } = session;
  await openCodes(page);
  await page.getByRole('button', { name: t('codes.create'), exact: true }).first().click();
  const dialog = page.getByRole('dialog', { name: t('codes.create.title') });
  await dialog.waitFor();
  // One code by default, so its text may be chosen; 25 codes hide that field.
  await textbox(dialog, 'codes.field.code').waitFor();
  await textbox(dialog, 'codes.field.count').fill(String(BATCH_SIZE));
  await textbox(dialog, 'codes.field.code').waitFor({ state: 'detached' });
  await textbox(dialog, 'codes.field.amount').fill(AMOUNT);
  await textbox(dialog, 'codes.field.batch').fill(batch);
  await textbox(dialog, 'codes.field.description').fill(DESCRIPTION);

  // The request is held back a moment so the progress it shows meanwhile can be seen.
  let release!: () => void;
  const held = new Promise<void>((resolve) => (release = resolve));
  const isCreate = (url: URL) => url.pathname === '/usage-billing/codes';
  await page.route(isCreate, async (route) => {
    if (route.request().method() === 'POST') await held;
    await route.continue();
  });
  const posted = waitForApi(page, '/codes', { method: 'POST' });
  const listed = waitForApi(page, '/codes', { query: { batch } });
  await dialog.getByRole('button', { name: t('codes.create.submit', { count: BATCH_SIZE }), exact: true }).click();
  await dialog.getByText(t('codes.create.progress', { count: BATCH_SIZE }), { exact: true }).first().waitFor();
  await screenshot(page, '37-codes-creating');
  release();
  const response = await posted;
  await page.unroute(isCreate);

  expect(response.status()).toBe(201);
  expect(response.request().postDataJSON()).toEqual({
    mode: 'usage',
    amount: AMOUNT,
    count: BATCH_SIZE,
    totalUses: 1,
    perUserLimit: 1,
    description: DESCRIPTION,
    batch,
  });
  const result = (await response.json()).data as { batch: string; codes: string[] };
  expect(result.batch).toBe(batch);
  expect(result.codes).toHaveLength(BATCH_SIZE);
  created = result.codes;

  // The result: the batch, the first 20 codes, their total.
  const done = page.getByRole('dialog', { name: t('codes.created.title', { count: BATCH_SIZE }) });
  await done.waitFor();
  await done.getByText(t('codes.created.intro', { count: BATCH_SIZE, batch }), { exact: true }).waitFor();
  await done.getByText(t('codes.created.firstCodes', { shown: 20, total: String(BATCH_SIZE) }), { exact: true }).waitFor();
  expect((await done.getByLabel(t('codes.created.codes'), { exact: true }).innerText()).trim().split('\n')).toEqual(created.slice(0, 20));
  await screenshot(page, '38-codes-created');

  // Copy all: every code, one per line.
  await done.getByRole('button', { name: t('codes.copyAll'), exact: true }).click();
  await page.getByText(t('codes.copiedAll', { count: BATCH_SIZE }), { exact: true }).waitFor();
  expect(await page.evaluate(() => (globalThis as any).navigator.clipboard.readText())).toBe(created.join('\n'));

  // Export CSV of the batch: a header and one line per code.
  const downloaded = quiet(page.waitForEvent('download', { timeout: 20000 }));
  const exported = waitForApi(page, '/codes/export', { query: { batch } });
  await done.getByRole('button', { name: t('codes.export'), exact: true }).click();
  expect((await exported).status()).toBe(200);
  const download = await downloaded;
  expect(download.suggestedFilename()).toBe(`codes-${batch}.csv`);
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'codes-e2e-')), 'codes.csv');
  await download.saveAs(file);
  const [header, ...lines] = fs.readFileSync(file, 'utf8').trim().split('\n');
  const columns = cells(header);
  expect(columns).toEqual(expect.arrayContaining(['code', 'mode', 'amount', 'batch', 'status', 'description']));
  expect(lines).toHaveLength(BATCH_SIZE);
  const rows = lines.map((line) => Object.fromEntries(cells(line).map((cell, i) => [columns[i], cell])));
  expect(rows.map((row) => row.code).sort()).toEqual([...created].sort());
  for (const row of rows) expect(row).toMatchObject({ mode: 'usage', amount: AMOUNT, batch, status: 'active', description: DESCRIPTION });

  await done.getByRole('button', { name: t('common.close'), exact: true }).last().click();
  await done.waitFor({ state: 'detached' });

  // The list shows the new batch only: its filter is in the URL and the form.
  const list = await json<CodeList>(listed);
  expect(new URL(page.url()).searchParams.get('batch')).toBe(batch);
  expect(await textbox(page, 'codes.filter.batch').inputValue()).toBe(batch);
  expect(list.meta.pagination.total).toBe(BATCH_SIZE);
  await page.getByText(t('codes.count', { total: BATCH_SIZE }), { exact: true }).waitFor();
  const table = await readTable(page.getByRole('grid'));
  expect(table.headers.slice(0, 7)).toEqual(['code', 'mode', 'grant', 'uses', 'expiresAt', 'status', 'batch'].map((key) => t(`codes.column.${key}`)));
  expect(table.rows.map(codeIn)).toEqual(list.data.map((code) => code.code));
  for (const row of table.rows) {
    expect(created).toContain(codeIn(row));
    expect(row[t('codes.column.mode')]).toBe(t('codes.mode.usage'));
    expect(moneyTexts(AMOUNT)).toContain(row[t('codes.column.grant')]);
    expect(row[t('codes.column.uses')]).toBe(`${t('codes.uses', { used: '0', total: '1' })}\n${t('codes.perUser', { limit: 1 })}`);
    expect(row[t('codes.column.expiresAt')]).toBe(t('codes.never'));
    expect(row[t('codes.column.status')]).toBe(t('codes.status.active'));
    // The batch, and the description beneath it.
    expect(row[t('codes.column.batch')]).toBe(`${batch}\n${DESCRIPTION}`);
  }
  await screenshot(page, '39-codes-batch');
  watch.expectClean();
});

test('a code redeemed through the content API: copied from its row, used count, redemption history, the account’s balance', async () => {
  const { page, watch } = session;
  const code = (await batchCodes())[3];
  const before: string = (await api.get(`/usage-billing/accounts/${USER_ID}`)).data.balance;

  // The platform's back end redeems for its user; the code as a user might type it.
  const typed = code.toLowerCase().replace(/-/g, ' ');
  const redeemed = (await gateway.post(`/api/usage-billing/accounts/${USER_ID}/redeem`, { code: typed })).data;
  expect(redeemed).toMatchObject({ code, mode: 'usage', amount: AMOUNT, balance: add(before, AMOUNT) });

  // The search ignores case, spaces and dashes.
  await openCodes(page, `?batch=${batch}`);
  const searched = waitForApi(page, '/codes', { query: { q: typed } });
  await textbox(page, 'codes.filter.q').fill(typed);
  await page.getByRole('button', { name: t('codes.filter.apply'), exact: true }).click();
  const list = await json<CodeList>(searched);
  expect(list.data.map((c) => c.code)).toEqual([code]);
  const row = await codeRow(page, code);
  expect(row[t('codes.column.uses')].split('\n')[0]).toBe(t('codes.uses', { used: '1', total: '1' }));
  expect(row[t('codes.column.status')]).toBe(t('codes.status.exhausted'));

  // Copy from the row.
  await page.getByRole('button', { name: t('codes.copy', { code }), exact: true }).click();
  await page.getByText(t('codes.copied', { code }), { exact: true }).waitFor();
  expect(await page.evaluate(() => (globalThis as any).navigator.clipboard.readText())).toBe(code);

  // The history: who, what, the ledger entry.
  const history = waitForApi(page, `/codes/${list.data[0].id}/redemptions`);
  await page.getByRole('button', { name: t('codes.redemptions.open', { code }), exact: true }).click();
  const redemptions = (await json<{ data: Redemption[] }>(history)).data;
  expect(redemptions).toHaveLength(1);
  expect(redemptions[0]).toMatchObject({ userId: USER_ID, amount: AMOUNT });
  expect(redemptions[0].ledgerReference).toBeTruthy();
  const dialog = page.getByRole('dialog', { name: t('codes.redemptions.title', { code }) });
  await dialog.waitFor();
  await dialog.getByRole('grid').getByText(USER_ID, { exact: true }).waitFor();
  const [entry] = (await readTable(dialog.getByRole('grid'))).rows;
  expect(entry[t('codes.redemptions.column.user')]).toBe(USER_ID);
  expect(moneyTexts(AMOUNT)).toContain(entry[t('codes.redemptions.column.grant')]);
  expect(entry[t('codes.redemptions.column.reference')]).toBe(redemptions[0].ledgerReference);
  await screenshot(page, '3a-code-redemptions');

  // A click on the redemption opens the account: its balance and the ledger line of the redemption.
  const account = waitForApi(page, `/accounts/${USER_ID}`);
  const ledger = waitForApi(page, `/accounts/${USER_ID}/ledger`);
  await dialog.getByRole('grid').getByText(USER_ID, { exact: true }).click();
  await page.waitForURL(billingUrl(`accounts/${USER_ID}`));
  const balance: string = (await json<{ data: { balance: string } }>(account)).data.balance;
  expect(balance).toBe(add(before, AMOUNT));
  await ledger;
  await page.getByRole('heading', { level: 1, name: t('accounts.detail.title', { userId: USER_ID }) }).waitFor();
  expect(moneyTexts(balance)).toContain(await tileText(page, t('accounts.column.balance')));
  const [line] = (await readTable(sectionByTitle(page, t('ledger.title')).getByRole('grid'))).rows;
  expect(line[t('ledger.column.kind')]).toBe(t('ledger.kind.redemption'));
  expect(moneyTexts(AMOUNT, 'USD', { signed: true })).toContain(line[t('ledger.column.amount')]);
  expect(line[t('ledger.column.reference')]).toBe(redemptions[0].ledgerReference);
  watch.expectClean();
});

test('a code disabled from its row shows as disabled; one deleted after confirmation is gone', async () => {
  const { page, watch } = session;
  const [toDisable, toDelete] = (await batchCodes()).slice(5, 7);

  await openCodes(page, `?q=${toDisable}`);
  const put = quiet(page.waitForResponse((r) => /\/usage-billing\/codes\/\d+$/.test(new URL(r.url()).pathname) && r.request().method() === 'PUT'));
  const relisted = waitForApi(page, '/codes', { query: { q: toDisable } });
  await gridRow(page, toDisable).getByRole('button', { name: t('common.disable'), exact: true }).click();
  const response = await put;
  expect(response.status()).toBe(200);
  expect(response.request().postDataJSON()).toEqual({ enabled: false });
  expect((await response.json()).data).toMatchObject({ code: toDisable, enabled: false, status: 'disabled' });
  await page.getByText(t('codes.toggle.disabled', { code: toDisable }), { exact: true }).waitFor();
  await relisted;
  await gridRow(page, toDisable).getByRole('button', { name: t('common.enable'), exact: true }).waitFor();
  expect((await codeRow(page, toDisable))[t('codes.column.status')]).toBe(t('codes.status.disabled'));
  expect((await listCodes({ q: toDisable })).data[0]).toMatchObject({ enabled: false, status: 'disabled' });
  // The status filter finds it among the disabled codes of the batch.
  expect((await listCodes({ batch, status: 'disabled' })).data.map((c) => c.code)).toEqual([toDisable]);

  await openCodes(page, `?q=${toDelete}`);
  await gridRow(page, toDelete).getByRole('button', { name: t('codes.delete.label', { code: toDelete }), exact: true }).click();
  const confirm = page.getByRole('alertdialog');
  await confirm.getByText(t('codes.delete.title'), { exact: true }).waitFor();
  await confirm.getByText(t('codes.delete.body', { code: toDelete, used: 0 }), { exact: true }).waitFor();
  await screenshot(page, '3b-code-delete');
  const deleted = quiet(page.waitForResponse((r) => /\/usage-billing\/codes\/\d+$/.test(new URL(r.url()).pathname) && r.request().method() === 'DELETE'));
  const emptied = waitForApi(page, '/codes', { query: { q: toDelete } });
  await confirm.getByRole('button', { name: t('common.delete'), exact: true }).click();
  expect((await deleted).status()).toBe(200);
  await page.getByText(t('common.deleted', { name: toDelete }), { exact: true }).waitFor();
  expect((await json<CodeList>(emptied)).meta.pagination.total).toBe(0);
  await page.getByText(t('codes.emptyFiltered'), { exact: true }).waitFor();
  expect((await listCodes({ batch })).meta.pagination.total).toBe(BATCH_SIZE - 1);
  watch.expectClean();
});

test('a chosen code that exists already: the 409 on the code field with a link that shows the existing code, nothing created', async () => {
  const { page, watch } = session;
  const before = (await listCodes({ q: 'WELCOME-5' })).meta.pagination.total;
  await openCodes(page);
  await page.getByRole('button', { name: t('codes.create'), exact: true }).first().click();
  const dialog = page.getByRole('dialog', { name: t('codes.create.title') });
  await textbox(dialog, 'codes.field.amount').fill('5');
  // Typed in another spelling: codes ignore case and dashes, and the error names the code as it is stored.
  await textbox(dialog, 'codes.field.code').fill('welcome5');

  watch.allow(
    (p) => (p.kind === 'console' && /status of 409/.test(p.text)) || (p.kind === 'http' && p.status === 409 && (p.url ?? '').endsWith('/usage-billing/codes')),
    'this case chooses a code that exists on purpose: POST /usage-billing/codes answers 409 and the browser logs it',
  );
  const posted = waitForApi(page, '/codes', { method: 'POST' });
  await dialog.getByRole('button', { name: t('codes.create.submit', { count: 1 }), exact: true }).click();
  const response = await posted;
  expect(response.status()).toBe(409);
  const details = (await response.json()).error.details;
  expect(details).toMatchObject({ field: 'code', existing: { id: expect.any(Number), name: 'WELCOME-5' } });
  await dialog.getByText(t('errors.duplicate', { name: 'WELCOME-5' }), { exact: true }).waitFor();
  expect(await textbox(dialog, 'codes.field.code').getAttribute('aria-invalid')).toBe('true');
  await screenshot(page, '3c-code-conflict');
  // The link under the field shows the existing code: the dialog closes and the list is narrowed to it.
  const narrowed = waitForApi(page, '/codes', { query: { q: 'WELCOME-5' } });
  await dialog.getByRole('button', { name: t('errors.duplicate.show'), exact: true }).click();
  await dialog.waitFor({ state: 'detached' });
  const list = (await (await narrowed).json()) as CodeList;
  expect(list.data.map((code) => code.code)).toContain('WELCOME-5');
  expect(new URL(page.url()).searchParams.get('q')).toBe('WELCOME-5');
  expect((await listCodes({ q: 'WELCOME-5' })).meta.pagination.total).toBe(before);
  watch.expectClean();
});

test('the Codes page in 中文: navigation, filters, table, dialogs, with no missing translation', async () => {
  // Every key of the Codes page has a Chinese text of its own (texts that are only placeholders excepted).
  const keys = Object.keys(messages.en).filter((key) => /^codes\./.test(key) || key === 'nav.codes' || key === 'common.copyFailed');
  const hasWords = (text: string) => /[A-Za-z]/.test(text.replace(/\{[^{}]*\}/g, ''));
  const untranslated = keys.filter((key) => !messages['zh-Hans'][key] || (hasWords(messages.en[key]) && messages['zh-Hans'][key] === messages.en[key]));
  expect(untranslated).toEqual([]);

  await api.put('/admin/users/me', { preferedLanguage: 'zh-Hans' });
  const fresh = await openSession({ login: false });
  extraSessions.push(fresh);
  const { page, watch } = fresh;
  await loginThroughForm(page, { menuLabel: zh('plugin.name') });

  const loaded = quiet(page.waitForResponse((r) => new URL(r.url()).pathname === '/usage-billing/codes' && r.request().method() === 'GET'));
  await page.goto(billingUrl('codes'));
  const list = (await (await loaded).json()) as CodeList;
  await page.getByRole('heading', { level: 1, name: zh('codes.title') }).waitFor();
  const subNav = page.getByRole('navigation', { name: zh('plugin.name') });
  expect(await subNav.getByRole('link', { name: zh('nav.codes'), exact: true }).getAttribute('aria-current')).toBe('page');
  await page.getByText(zh('codes.count', { total: list.meta.pagination.total }), { exact: true }).waitFor();
  for (const key of ['codes.filter.q', 'codes.filter.batch']) await page.getByRole('textbox', { name: zh(key), exact: true }).waitFor();
  for (const key of ['codes.filter.status', 'codes.filter.mode']) await page.getByRole('combobox', { name: zh(key) }).waitFor();

  const table = await readTable(page.getByRole('grid'));
  expect(table.headers.slice(0, 7)).toEqual(['code', 'mode', 'grant', 'uses', 'expiresAt', 'status', 'batch'].map((key) => zh(`codes.column.${key}`)));
  list.data.forEach((code, i) => {
    expect(table.rows[i][zh('codes.column.status')]).toBe(zh(`codes.status.${code.status}`));
    expect(table.rows[i][zh('codes.column.mode')]).toBe(zh(`codes.mode.${code.mode}`));
  });
  await screenshot(page, '77-zh-codes');

  // The creation form, both kinds.
  await page.getByRole('button', { name: zh('codes.create'), exact: true }).first().click();
  const dialog = page.getByRole('dialog', { name: zh('codes.create.title') });
  for (const key of ['codes.field.count', 'codes.field.amount', 'codes.field.totalUses', 'codes.field.perUserLimit', 'codes.field.batch', 'codes.field.code']) {
    await dialog.getByRole('textbox', { name: zh(key), exact: true }).waitFor();
  }
  const plans = waitForApi(page, '/plans');
  await dialog.getByRole('combobox', { name: zh('codes.field.mode') }).click();
  await page.getByRole('option', { name: zh('codes.mode.period'), exact: true }).click();
  await plans;
  await dialog.getByRole('combobox', { name: zh('codes.field.plan') }).waitFor();
  await dialog.getByRole('textbox', { name: zh('codes.field.durationDays'), exact: true }).waitFor();
  await dialog.getByRole('button', { name: zh('codes.create.submit', { count: 1 }), exact: true }).waitFor();
  await screenshot(page, '78-zh-codes-create');
  // The kind was changed: Cancel asks before dropping it.
  await dialog.getByRole('button', { name: zh('common.cancel'), exact: true }).click();
  await page.getByRole('alertdialog', { name: zh('common.discard.title') }).getByRole('button', { name: zh('common.discard.confirm'), exact: true }).click();
  await dialog.waitFor({ state: 'detached' });

  // The history of a seeded code that was redeemed.
  const welcome = 'WELCOME-5';
  await page.goto(`${billingUrl('codes')}?q=${welcome}`);
  await page.getByRole('button', { name: zh('codes.redemptions.open', { code: welcome }), exact: true }).click();
  const history = page.getByRole('dialog', { name: zh('codes.redemptions.title', { code: welcome }) });
  await history.getByRole('grid').waitFor();
  const headers = (await readTable(history.getByRole('grid'))).headers;
  expect(headers).toEqual(['user', 'when', 'grant', 'reference'].map((key) => zh(`codes.redemptions.column.${key}`)));
  watch.expectClean();
});
