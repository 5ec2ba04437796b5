// Accounts: a manual credit through the adjust dialog lands in the ledger with the exact amount and
// balance, and the reconciliation still finds every balance equal to its ledger.
import { adminApi, type AdminApi } from '../support/api';
import { oneOfTexts, openBillingPage, openSession, readTable, screenshot, sectionByTitle, textOf, tileText, waitForApi, type Session } from '../support/browser';
import { t } from '../support/i18n';
import { add, formatMoney, moneyTexts } from '../support/money';
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
  // The preview: the ledger entry and the exact balance it leaves.
  await dialog
    .getByText(`${t('accounts.adjust.preview', { amount: `+$${amount}` })} ${t('accounts.adjust.previewBalance', { balance: formatMoney(expected) })}`, { exact: true })
    .waitFor();
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

test('a debit that takes the balance below zero asks once more; cancelling sends nothing', async () => {
  const { page, watch } = session;
  const userId = 'initech';
  const before: string = (await api.get(`/usage-billing/accounts/${userId}`)).data.balance;
  const amount = add(before, '1000'); // more than the balance: it would end at -$1,000.00
  const resulting = add(before, `-${amount}`);
  const loaded = waitForApi(page, `/accounts/${userId}/ledger`);
  await page.goto(billingUrl(`accounts/${userId}`));
  await loaded;
  await page.getByRole('button', { name: t('accounts.adjust'), exact: true }).click();
  const dialog = page.getByRole('dialog', { name: t('accounts.adjust.title', { userId }) });
  await dialog.waitFor();
  await dialog.getByRole('combobox', { name: t('accounts.adjust.direction') }).click();
  await page.getByRole('option', { name: t('accounts.adjust.debit'), exact: true }).click();
  await dialog.getByRole('textbox', { name: t('accounts.adjust.amount') }).fill(amount);
  await dialog.getByRole('textbox', { name: t('accounts.adjust.reason') }).fill('E2E debit never sent');
  await dialog
    .getByText(`${t('accounts.adjust.preview', { amount: formatMoney(`-${amount}`) })} ${t('accounts.adjust.previewBalance', { balance: formatMoney(resulting) })}`, { exact: true })
    .waitFor();
  let posted = false;
  page.on('request', (request) => {
    if (request.method() === 'POST' && request.url().includes(`/accounts/${userId}/adjust`)) posted = true;
  });
  await dialog.getByRole('button', { name: t('accounts.adjust.submitDebit'), exact: true }).click();
  const confirm = page.getByRole('alertdialog', { name: t('accounts.adjust.negative.title') });
  await confirm.getByText(t('accounts.adjust.negative.body', { userId, balance: formatMoney(resulting) }), { exact: true }).waitFor();
  await screenshot(page, '55-adjust-negative');
  await confirm.getByRole('button', { name: t('common.cancel'), exact: true }).click();
  await confirm.waitFor({ state: 'detached' });
  // Back in the form, changes kept; closing it now asks before dropping them.
  expect(await dialog.getByRole('textbox', { name: t('accounts.adjust.amount') }).inputValue()).toBe(amount);
  await dialog.getByRole('button', { name: t('common.cancel'), exact: true }).click();
  const discard = page.getByRole('alertdialog', { name: t('common.discard.title') });
  await discard.getByRole('button', { name: t('common.discard.confirm'), exact: true }).click();
  await dialog.waitFor({ state: 'detached' });
  expect(posted).toBe(false);
  expect((await api.get(`/usage-billing/accounts/${userId}`)).data.balance).toBe(before);
  watch.expectClean();
});

test('a long ledger note wraps onto more lines instead of being cut', async () => {
  const { page, watch } = session;
  const userId = 'initech';
  const note = `E2E long note ${Date.now().toString(36)}: ${'a goodwill credit agreed with the customer after the outage of the search cluster, '.repeat(3)}`.trim();
  await api.post(`/usage-billing/accounts/${userId}/adjust`, { amount: '0.01', reason: note });
  const loaded = waitForApi(page, `/accounts/${userId}/ledger`);
  await page.goto(billingUrl(`accounts/${userId}`));
  await loaded;
  const cell = sectionByTitle(page, t('ledger.title')).getByText(note, { exact: true });
  await cell.waitFor();
  const box = await cell.evaluate((element: any) => ({
    scrollWidth: element.scrollWidth,
    clientWidth: element.clientWidth,
    height: element.getBoundingClientRect().height,
    lineHeight: parseFloat((globalThis as any).getComputedStyle(element).lineHeight) || 20,
  }));
  // Nothing hidden to the right, and more than one line tall.
  expect(box.scrollWidth).toBeLessThanOrEqual(box.clientWidth);
  expect(box.height).toBeGreaterThan(box.lineHeight * 1.5);
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
  await dialog.getByText(t('accounts.reconcile.ok', { count: SEED_ACCOUNTS.length, accounts: SEED_ACCOUNTS.length }), { exact: true }).waitFor();
  expect(result).toMatchObject({ accounts: SEED_ACCOUNTS.length, mismatches: [] });
  await screenshot(page, '54-reconcile');
  watch.expectClean();
});
