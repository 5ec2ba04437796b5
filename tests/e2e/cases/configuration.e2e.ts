// Switching the billing mode: the confirmation dialog with its impact, the saved setting (read back
// through the admin API and after a reload), and the way back. The seeded mode is restored at the end.
import path from 'node:path';
import Database from 'better-sqlite3';
import type { Page } from 'playwright-core';
import { encryptSecret } from '../../../server/src/services/secrets';

import { openSession, screenshot, textOf, tileText, waitForApi, type Session } from '../support/browser';
import { adminApi, type AdminApi } from '../support/api';
import { t } from '../support/i18n';
import { SEED_SETTINGS } from '../support/seed';
import { billingUrl, state } from '../support/state';

let session: Session;
let api: AdminApi;

beforeAll(async () => {
  session = await openSession();
  api = await adminApi();
});

afterAll(async () => {
  // Leave the seeded mode for the other cases, whatever happened here.
  if (api) {
    const { data } = await api.get('/usage-billing/settings');
    if (data.mode !== SEED_SETTINGS.mode) await api.put('/usage-billing/settings', { mode: SEED_SETTINGS.mode });
  }
  await session?.close();
});

const modeTitle = (mode: string) => t(`mode.${mode}.title`);
const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const modeRadio = (page: Page, mode: string) =>
  page.getByRole('radiogroup', { name: t('config.mode.title') }).getByRole('radio', { name: new RegExp(`^${escape(modeTitle(mode))}`) });

async function openConfiguration(page: Page) {
  const loaded = waitForApi(page, '/settings');
  await page.goto(billingUrl('configuration'));
  await loaded;
  await page.getByRole('heading', { level: 1, name: t('config.title') }).waitFor();
}

/** The saved mode as the page shows it: its radio is checked and carries the "Current" badge, and the tile names it. */
async function expectSavedMode(page: Page, mode: string) {
  for (const other of ['usage', 'period', 'self']) {
    const radio = modeRadio(page, other);
    expect({ mode: other, checked: await radio.getAttribute('aria-checked'), current: (await textOf(radio)).includes(t('config.mode.current')) }).toEqual({
      mode: other,
      checked: String(other === mode),
      current: other === mode,
    });
  }
  expect(await tileText(page, t('config.overview.mode'))).toBe(modeTitle(mode));
  expect(await page.getByText(t('config.mode.changedHint'), { exact: true }).count()).toBe(0);
}

/** Picks `to` (the saved mode being `from`), presses Save and returns the confirmation dialog once the impact has loaded. */
async function askToSwitch(page: Page, from: string, to: string) {
  await modeRadio(page, to).click();
  expect(await modeRadio(page, to).getAttribute('aria-checked')).toBe('true');
  await page.getByText(t('config.mode.changedHint'), { exact: true }).waitFor();
  const impact = waitForApi(page, '/settings/mode-impact', { query: { mode: to } });
  await page.getByRole('button', { name: t('common.save'), exact: true }).click();
  const dialog = page.getByRole('alertdialog', { name: t('config.modeDialog.title') });
  await dialog.waitFor();
  const impactData = (await (await impact).json()).data;
  await dialog.getByText(t('config.modeDialog.intro', { from: modeTitle(from), to: modeTitle(to) }), { exact: true }).waitFor();
  return { dialog, impact: impactData as { accountsWithBalance: number; activeSubscriptions: number; openHolds: number } };
}

test('switching to self mode asks for confirmation, is saved, and survives a reload', async () => {
  const { page, watch } = session;
  const before = (await api.get('/usage-billing/settings')).data;
  expect(before.mode).toBe(SEED_SETTINGS.mode); // usage
  await openConfiguration(page);
  await expectSavedMode(page, 'usage');

  // Cancelling the dialog saves nothing.
  let { dialog } = await askToSwitch(page, 'usage', 'self');
  await dialog.getByRole('button', { name: t('common.cancel') }).click();
  await dialog.waitFor({ state: 'detached' });
  expect((await api.get('/usage-billing/settings')).data.mode).toBe('usage');

  // Confirming saves it. The dialog says what the change affects: the 12 seeded balances go unused.
  const asked = await askToSwitch(page, 'usage', 'self');
  dialog = asked.dialog;
  expect(asked.impact.accountsWithBalance).toBe(12);
  await dialog.getByText(t('config.modeDialog.balances', { count: asked.impact.accountsWithBalance, mode: modeTitle('self') }), { exact: true }).waitFor();
  await dialog.getByText(t('mode.self.description'), { exact: true }).waitFor();
  await screenshot(page, '11-mode-dialog');
  const saved = waitForApi(page, '/settings', { method: 'PUT' });
  await dialog.getByRole('button', { name: t('config.modeDialog.confirm', { mode: modeTitle('self') }) }).click();
  const response = await saved;
  expect(response.status()).toBe(200);
  expect(response.request().postDataJSON()).toEqual({ mode: 'self' }); // only what changed
  await dialog.waitFor({ state: 'detached' });
  await page.getByText(t('config.saved'), { exact: true }).first().waitFor();
  await expectSavedMode(page, 'self');

  // The save is the newest entry of the audit trail shown under the settings, with who made it.
  await page.getByRole('heading', { name: t('audit.title') }).waitFor();
  await page.getByText(`${t('audit.resource.settings')} · ${t('audit.verb.update')}`, { exact: true }).first().waitFor();
  const [latest] = (await api.get('/usage-billing/audit?pageSize=1')).data;
  expect(latest).toMatchObject({ action: 'settings.update', subject: 'settings', after: { mode: 'self' }, actor: expect.stringMatching(/^admin:\d+/) });
  await page.getByText(latest.actor, { exact: true }).first().waitFor();

  // The server has it, and nothing else changed.
  const after = (await api.get('/usage-billing/settings')).data;
  expect(after).toEqual({ ...before, mode: 'self' });

  // A reload shows the saved mode.
  await openConfiguration(page);
  await expectSavedMode(page, 'self');
  await screenshot(page, '12-mode-self-saved');
  watch.expectClean();
});

/** What the dialog said when switching back to usage mode (checked by the known-bug case below). */
let backToUsageLines: string[] = [];

test('switching back to usage mode is confirmed and saved', async () => {
  const { page, watch } = session;
  expect((await api.get('/usage-billing/settings')).data.mode).toBe('self');
  await openConfiguration(page);
  const { dialog } = await askToSwitch(page, 'self', 'usage');
  // Every line of the dialog: the intro, what the change affects, the mode's description.
  backToUsageLines = (await dialog.locator('xpath=.//*[not(*)]').allTextContents()).map((line) => line.trim()).filter(Boolean);
  expect(backToUsageLines).toContain(t('config.modeDialog.intro', { from: modeTitle('self'), to: modeTitle('usage') }));
  expect(backToUsageLines).toContain(t('mode.usage.description'));
  await dialog.getByRole('button', { name: t('config.modeDialog.confirm', { mode: modeTitle('usage') }) }).click();
  await dialog.waitFor({ state: 'detached' });
  await expectSavedMode(page, 'usage');
  expect((await api.get('/usage-billing/settings')).data.mode).toBe('usage');
  watch.expectClean();
});

// The mode impact used to answer accountsWithBalance: 0 for usage mode, so the dialog claimed
// config.modeDialog.noImpact although the 12 seeded balances start paying again.
test('switching back to usage mode says which balances will pay again', () => {
  expect(backToUsageLines).toContain(t('config.modeDialog.balancesUsed', { count: 12 }));
  expect(backToUsageLines).not.toContain(t('config.modeDialog.noImpact'));
});

test('a payment secret the configured key cannot open (a database from another environment) is named on the page', async () => {
  const { page, watch } = session;
  // The e2e server's SQLite database sits beside its log. Its stored Stripe key is replaced by one encrypted
  // under another environment's key, as a restored production dump would leave it; restored afterwards.
  const db = new Database(path.join(path.dirname(state().serverLog), 'data.db'));
  const key = 'plugin_usage-billing_settings';
  const { value } = db.prepare('SELECT value FROM strapi_core_store_settings WHERE key = ?').get(key) as { value: string };
  const foreign = JSON.parse(value);
  foreign.payments.stripe.secretKey = encryptSecret('sk_live_from_elsewhere_0000', { current: 'another-environment-key' }, 'payments.stripe.secretKey');
  db.prepare('UPDATE strapi_core_store_settings SET value = ? WHERE key = ?').run(JSON.stringify(foreign), key);
  try {
    await openConfiguration(page);
    await page.getByText(t('config.secrets.unreadable.title'), { exact: true }).waitFor();
    await page.getByText(t('config.secrets.unreadable.body', { fields: t('config.stripe.secretKey') }), { exact: true }).waitFor();
    watch.expectClean();
  } finally {
    db.prepare('UPDATE strapi_core_store_settings SET value = ? WHERE key = ?').run(value, key);
    db.close();
  }
});

