// Accounts: a manual credit through the adjust dialog lands in the ledger with the exact amount and
// balance, and the reconciliation still finds every balance equal to its ledger.
import { adminApi, type AdminApi } from '../support/api';
import { oneOfTexts, openBillingPage, openSession, readTable, screenshot, sectionByTitle, textOf, tileText, waitForApi, type Session } from '../support/browser';
import { t } from '../support/i18n';
import { add, moneyTexts } from '../support/money';
import { SEED_ACCOUNTS } from '../support/seed';
import { billingUrl } from '../support/state';

let session: Session;
let api: AdminApi;

beforeAll(async () => {
  session = await openSession();
  api = await adminApi();
});

afterAll(async () => {
  await session?.close();
});

test('crediting an account adds a ledger line with the exact amount and the new balance', async () => {
  const { page, watch } = session;
  // initech: an account no other case changes.
  const userId = 'initech';
  const amount = '12.34';
  const reason = `E2E goodwill credit ${Date.now().toString(36)}`;
  const before: string = (await api.get(`/usage-billing/accounts/${userId}`)).data.balance;
  const expected = add(before, amount);

  const loaded = waitForApi(page, `/accounts/${userId}/ledger`);
  await page.goto(billingUrl(`accounts/${userId}`));
  await loaded;
  await page.getByRole('heading', { level: 1, name: t('accounts.detail.title', { userId }) }).waitFor();

  await page.getByRole('button', { name: t('accounts.adjust'), exact: true }).click();
  const dialog = page.getByRole('dialog', { name: t('accounts.adjust.title', { userId }) });
  await dialog.waitFor();
  const current = await textOf(dialog.getByText(t('accounts.adjust.current'), { exact: true }).locator('xpath=following-sibling::*[1]'));
  expect(moneyTexts(before)).toContain(current);
  expect(await textOf(dialog.getByRole('combobox', { name: t('accounts.adjust.direction') }))).toBe(t('accounts.adjust.credit'));
  await dialog.getByRole('textbox', { name: t('accounts.adjust.amount') }).fill(amount);
  await dialog.getByRole('textbox', { name: t('accounts.adjust.reason') }).fill(reason);
  await dialog.getByText(t('accounts.adjust.preview', { amount: `+$${amount}` }), { exact: true }).waitFor();
  await screenshot(page, '52-adjust-dialog');

  const adjusted = waitForApi(page, `/accounts/${userId}/adjust`, { method: 'POST' });
  const ledgerReloaded = waitForApi(page, `/accounts/${userId}/ledger`);
  await dialog.getByRole('button', { name: t('accounts.adjust.submitCredit'), exact: true }).click();
  const response = await adjusted;
  expect(response.status()).toBe(201); // a ledger entry was created
  // The amount travels as the typed decimal string.
  expect(response.request().postDataJSON()).toEqual({ amount, reason });
  expect((await response.json()).data.balance).toBe(expected);
  await dialog.waitFor({ state: 'detached' });
  await oneOfTexts(page, moneyTexts(expected).map((balance) => t('accounts.adjust.done', { balance }))).first().waitFor();

  // The ledger's newest line is the credit: exact amount, balance after, reason, author.
  const ledger = (await (await ledgerReloaded).json()).data as Array<Record<string, string>>;
  expect(ledger[0]).toMatchObject({ kind: 'adjustment', amount, balanceAfter: expected, note: reason });
  const table = await readTable(sectionByTitle(page, t('ledger.title')).getByRole('grid'));
  const first = table.rows[0];
  expect(first[t('ledger.column.kind')]).toBe(t('ledger.kind.adjustment'));
  expect(first[t('ledger.column.amount')]).toBe(`+$${amount}`);
  expect(moneyTexts(expected)).toContain(first[t('ledger.column.balanceAfter')]);
  expect(first[t('ledger.column.note')]).toBe(reason);
  expect(first[t('ledger.column.actor')]).toBe(ledger[0].actor);
  expect(ledger[0].actor).toBeTruthy();
  expect(moneyTexts(expected)).toContain(await tileText(page, t('accounts.column.balance')));

  // The server agrees.
  expect((await api.get(`/usage-billing/accounts/${userId}`)).data.balance).toBe(expected);

  await screenshot(page, '53-account-credited');
  watch.expectClean();
});

test('reconciling finds every balance equal to its ledger', async () => {
  const { page, watch } = session;
  await openBillingPage(page, 'accounts', t('nav.accounts'));
  await page.getByRole('heading', { level: 1, name: t('accounts.title') }).waitFor();
  const reconciled = waitForApi(page, '/reconcile');
  await page.getByRole('button', { name: t('accounts.reconcile'), exact: true }).click();
  const result = (await (await reconciled).json()).data;
  const dialog = page.getByRole('dialog', { name: t('accounts.reconcile.title') });
  await dialog.waitFor();
  await dialog.getByText(t('accounts.reconcile.ok', { accounts: SEED_ACCOUNTS.length }), { exact: true }).waitFor();
  expect(result).toMatchObject({ accounts: SEED_ACCOUNTS.length, mismatches: [] });
  await screenshot(page, '54-reconcile');
  watch.expectClean();
});
