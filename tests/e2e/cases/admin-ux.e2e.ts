// What gets in an administrator's way on the Billing pages (issue 15), each checked in the browser:
// field errors that clear once the value is edited, "required" for an empty required field, focus on the
// first invalid field after a failed save; one error callout with Retry when a read fails (no empty state
// beside it); the keyboard (log rows, ranking bars, mode cards, a modal's first field and the way back to
// its opener); asking before a dirty dialog or the Configuration page drops unsaved changes; one form
// driven by the keyboard alone. Plans made here are named `E2E keyboard <run>` and deleted afterwards.
import type { Locator, Page } from 'playwright-core';

import { adminApi, type AdminApi } from '../support/api';
import { eventually, openSession, screenshot, textOf, viewportWidth, waitForApi, type Session } from '../support/browser';
import { t } from '../support/i18n';
import { SEED_SETTINGS } from '../support/seed';
import { billingUrl } from '../support/state';

let session: Session;
let api: AdminApi;
const keyboardPlanName = `E2E keyboard ${Date.now().toString(36)}`;

beforeAll(async () => {
  session = await openSession();
  api = await adminApi();
});

afterAll(async () => {
  if (api) {
    const { data } = await api.get('/usage-billing/plans');
    for (const plan of data as Array<{ id: number; name: string }>) {
      if (plan.name === keyboardPlanName) await api.delete(`/usage-billing/plans/${plan.id}`);
    }
    const settings = (await api.get('/usage-billing/settings')).data;
    if (settings.mode !== SEED_SETTINGS.mode) await api.put('/usage-billing/settings', { mode: SEED_SETTINGS.mode });
  }
  await session?.close();
});

/** The id of the focused element (a form field's id is its name: FormFields' Field.Root id). */
const focusedId = (page: Page) => page.evaluate(() => ((globalThis as any).document.activeElement?.id as string | undefined) ?? '');
/** The focused element's accessible text, to tell buttons and rows apart. */
const focusedText = (page: Page) =>
  page.evaluate(() => ((globalThis as any).document.activeElement?.textContent as string | undefined)?.replace(/\s+/g, ' ').trim() ?? '');
const textbox = (scope: Locator, key: string) => scope.getByRole('textbox', { name: t(key), exact: true });

async function openPlanForm(page: Page) {
  const loaded = waitForApi(page, '/plans');
  await page.goto(billingUrl('plans'));
  await loaded;
  const add = page.getByRole('button', { name: t('plans.add'), exact: true }).first();
  await add.click();
  const dialog = page.getByRole('dialog', { name: t('plans.modal.createTitle') });
  await dialog.waitFor();
  return { dialog, add };
}

test('form errors: "required" for empty fields, focus on the first invalid one, cleared once the value is edited', async () => {
  const { page, watch } = session;
  const { dialog } = await openPlanForm(page);
  // The dialog opens on its first field, not on Close.
  await eventually(async () => expect(await focusedId(page)).toBe('name'));

  await dialog.getByRole('button', { name: t('common.save'), exact: true }).click();
  // Empty required fields say "required" (an empty price is not a malformed decimal)…
  for (const field of ['name', 'price', 'periodCredit']) {
    await eventually(async () => expect(await dialog.locator(`[id="${field}"]`).getAttribute('aria-invalid')).toBe('true'));
  }
  expect(await dialog.getByText(t('errors.required'), { exact: true }).count()).toBe(3);
  expect(await dialog.getByText(t('errors.decimal'), { exact: true }).count()).toBe(0);
  // …and focus moved from Save to the first invalid field.
  await eventually(async () => expect(await focusedId(page)).toBe('name'));
  await screenshot(page, '60-form-required-errors');

  // Typing into a field clears its error at once; the others stay until they are edited too.
  await page.keyboard.type('Anything');
  await eventually(async () => expect(await dialog.getByText(t('errors.required'), { exact: true }).count()).toBe(2));
  expect(await dialog.locator('[id="name"]').getAttribute('aria-invalid')).not.toBe('true');
  await textbox(dialog, 'plans.field.price').fill('abc');
  await eventually(async () => expect(await dialog.getByText(t('errors.required'), { exact: true }).count()).toBe(1));
  // A malformed value is still told apart from an empty one on the next save, and focus lands on it.
  await dialog.getByRole('button', { name: t('common.save'), exact: true }).click();
  await dialog.getByText(t('errors.decimal'), { exact: true }).waitFor();
  await eventually(async () => expect(await focusedId(page)).toBe('price'));

  // The dialog holds changes: Esc asks before discarding them; "Cancel" keeps the form as it was.
  await page.keyboard.press('Escape');
  const discard = page.getByRole('alertdialog', { name: t('common.discard.title') });
  await discard.waitFor();
  await discard.getByRole('button', { name: t('common.cancel'), exact: true }).click();
  await discard.waitFor({ state: 'detached' });
  expect(await textbox(dialog, 'plans.field.name').inputValue()).toBe('Anything');
  // The footer's Cancel asks too; confirming closes the dialog and focus goes back to "Add plan".
  await dialog.getByRole('button', { name: t('common.cancel'), exact: true }).click();
  await discard.waitFor();
  await discard.getByRole('button', { name: t('common.discard.confirm'), exact: true }).click();
  await dialog.waitFor({ state: 'detached' });
  await eventually(async () => expect(await focusedText(page)).toBe(t('plans.add')));

  // An untouched dialog closes at once with Esc, no question asked.
  await page.keyboard.press('Enter');
  await dialog.waitFor();
  await page.keyboard.press('Escape');
  await dialog.waitFor({ state: 'detached' });
  expect(await discard.count()).toBe(0);
  watch.expectClean();
});

test('a plan created with the keyboard alone: Tab to each field, type, Enter saves, focus returns to the opener', async () => {
  const { page, watch } = session;
  const loaded = waitForApi(page, '/plans');
  await page.goto(billingUrl('plans'));
  await loaded;
  await page.getByRole('heading', { level: 1 }).waitFor();
  // Tab from the top of the page to "Add plan", then Enter opens the form.
  await eventually(
    async () => {
      await page.keyboard.press('Tab');
      expect(await focusedText(page)).toBe(t('plans.add'));
    },
    { timeout: 15000, interval: 0 },
  );
  await page.keyboard.press('Enter');
  const dialog = page.getByRole('dialog', { name: t('plans.modal.createTitle') });
  await dialog.waitFor();
  await eventually(async () => expect(await focusedId(page)).toBe('name'));
  await page.keyboard.type(keyboardPlanName);

  /** Presses Tab until the field `id` has focus (at most 15 times), then types `text` into it. */
  const tabTo = async (id: string, text: string) => {
    for (let presses = 0; presses < 15 && (await focusedId(page)) !== id; presses++) await page.keyboard.press('Tab');
    expect(await focusedId(page)).toBe(id);
    await page.keyboard.type(text);
  };
  await tabTo('price', '7.5');
  await tabTo('periodCredit', '10');
  await screenshot(page, '61-plan-form-keyboard');
  const created = waitForApi(page, '/plans', { method: 'POST' });
  await page.keyboard.press('Enter');
  const response = await created;
  expect(response.status()).toBe(201);
  expect(response.request().postDataJSON()).toMatchObject({ name: keyboardPlanName, price: '7.5', periodCredit: '10', interval: 'monthly' });
  await dialog.waitFor({ state: 'detached' });
  // Focus is back on the button that opened the form, not lost on the page's body.
  await eventually(async () => expect(await focusedText(page)).toBe(t('plans.add')));
  watch.expectClean();
});

/** The list and the charts each say they could not load, with Retry; no empty state claims there is nothing. */
async function expectLoadErrors(page: Page) {
  await eventually(async () => expect(await page.getByText(t('errors.loadFailed'), { exact: true }).count()).toBe(2));
  expect(await page.getByRole('button', { name: t('common.retry'), exact: true }).count()).toBe(2);
  expect(await page.getByText(t('logs.empty'), { exact: true }).count()).toBe(0);
  expect(await page.getByText(t('charts.empty'), { exact: true }).count()).toBe(0);
  expect(await page.getByText('The database is not answering', { exact: true }).count()).toBe(2);
  await screenshot(page, '62-load-error');
}

test('a failed read shows one error callout with Retry, not the empty state; Retry loads the page', async () => {
  const { page, watch } = session;
  watch.allow(
    (p) => (p.kind === 'http' && p.status === 503 && (p.url ?? '').includes('/usage-billing/usage-logs')) || (p.kind === 'console' && /status of 503/.test(p.text)),
    'this case makes the usage-log reads fail on purpose (503) to check what the page shows',
  );
  // The admin API's log reads only: the admin page's own URL (/admin/plugins/usage-billing/usage-logs) has the words too.
  const failing = (url: URL) => url.pathname.startsWith('/usage-billing/usage-logs');
  await page.route(failing, (route) =>
    route.fulfill({
      status: 503,
      contentType: 'application/json',
      body: JSON.stringify({ data: null, error: { status: 503, name: 'ServiceUnavailableError', message: 'The database is not answering', details: {} } }),
    }),
  );
  try {
    await page.goto(billingUrl('usage-logs'));
    await page.getByRole('heading', { level: 1, name: t('logs.title') }).waitFor();
    await expectLoadErrors(page);
  } finally {
    await page.unroute(failing);
  }

  // Each Retry reads again (the charts' first, then the list's): the charts and the rows come, the errors go.
  const list = waitForApi(page, '/usage-logs');
  const retry = page.getByRole('button', { name: t('common.retry'), exact: true });
  await retry.first().click();
  await eventually(async () => expect(await retry.count()).toBe(1));
  await retry.click();
  await list;
  await page.getByRole('grid').first().getByRole('row').nth(1).waitFor();
  await eventually(async () => expect(await page.getByText(t('errors.loadFailed'), { exact: true }).count()).toBe(0));
  watch.expectClean();
});

test('keyboard: a log row opens its detail with Enter and gets focus back; ranking bars are buttons', async () => {
  const { page, watch } = session;
  const loaded = waitForApi(page, '/usage-logs');
  const ranked = waitForApi(page, '/usage-logs/stats', { query: { groupBy: 'model' } });
  await page.goto(billingUrl('usage-logs'));
  const list = (await (await loaded).json()) as { data: Array<{ requestId: string }> };
  const byModel = (await (await ranked).json()).data as { points: Array<{ key: string }> };
  const first = list.data[0];
  const row = page.getByRole('grid').getByRole('row', { name: new RegExp(` ${first.requestId} `) });
  await row.focus();
  await page.keyboard.press('Enter');
  const dialog = page.getByRole('dialog', { name: t('logs.detail.title', { requestId: first.requestId }) });
  await dialog.waitFor();
  await page.keyboard.press('Escape');
  await dialog.waitFor({ state: 'detached' });
  await eventually(async () => expect(await row.evaluate((element) => element === (globalThis as any).document.activeElement)).toBe(true));

  // Each bar of "By model" is a button: pressing it with the keyboard filters the list by that model.
  const model = byModel.points[0].key;
  const bar = page.getByRole('button', { name: new RegExp(`^${model.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} `) });
  await bar.focus();
  await page.keyboard.press('Enter');
  await eventually(() => expect(new URL(page.url()).searchParams.get('model')).toBe(model));
  watch.expectClean();
});

const NARROW = viewportWidth() < 1024;
const collapsedNavButton = (page: Page) => page.getByRole('button', { name: new RegExp(`^${t('plugin.name')}: `) });

/** Clicks the Plans entry of the Billing sub-navigation: the column's link, or the collapsed menu's item below 1024 px. */
async function goToPlansThroughNav(page: Page) {
  if (NARROW) {
    await collapsedNavButton(page).click();
    await page.getByRole('menuitem', { name: `${t('nav.section.subscriptions')} · ${t('nav.plans')}`, exact: true }).click();
  } else {
    await page.getByRole('navigation', { name: t('plugin.name') }).getByRole('link', { name: t('nav.plans'), exact: true }).click();
  }
}

test('below 1024 px the Billing sub-menu collapses into one menu and row actions stay on screen', async () => {
  const { page, watch } = session;
  const loaded = waitForApi(page, '/plans');
  await page.goto(billingUrl('plans'));
  await loaded;
  await page.getByRole('heading', { level: 1, name: t('plans.title') }).waitFor();
  const columnLinks = page.getByRole('navigation', { name: t('plugin.name') }).getByRole('link', { name: t('nav.plans'), exact: true });
  if (!NARROW) {
    // Wide: the column with its links, no menu button.
    await columnLinks.waitFor();
    expect(await collapsedNavButton(page).count()).toBe(0);
    watch.expectClean();
    return;
  }
  expect(await columnLinks.count()).toBe(0);
  expect(await textOf(collapsedNavButton(page))).toBe(`${t('plugin.name')}: ${t('nav.plans')}`);
  // Every row's actions are inside the window.
  const actions = page.getByRole('grid').getByRole('button', { name: t('common.edit'), exact: true });
  expect(await actions.count()).toBeGreaterThan(0);
  for (const box of await Promise.all((await actions.all()).map((button) => button.boundingBox()))) {
    expect(box && box.x + box.width).toBeLessThanOrEqual(viewportWidth());
  }
  // The menu lists the pages and opens one.
  await collapsedNavButton(page).click();
  await page.getByRole('menuitem', { name: `${t('nav.section.activity')} · ${t('nav.usageLogs')}`, exact: true }).click();
  await page.waitForURL((url) => url.pathname === new URL(billingUrl('usage-logs')).pathname);
  watch.expectClean();
});

test('keyboard: the mode cards are a radio group moved with the arrow keys; leaving Configuration with unsaved changes asks', async () => {
  const { page, watch } = session;
  const loaded = waitForApi(page, '/settings');
  await page.goto(billingUrl('configuration'));
  await loaded;
  const group = page.getByRole('radiogroup', { name: t('config.mode.title') });
  const radios = group.getByRole('radio');
  expect(await radios.count()).toBe(3);
  const checkedTitle = async () => textOf(group.locator('[aria-checked="true"]'));
  expect(await checkedTitle()).toContain(t(`mode.${SEED_SETTINGS.mode}.title`));
  // One Tab stop: only the checked card is tabbable.
  expect(await group.locator('[role="radio"][tabindex="0"]').count()).toBe(1);
  await group.locator('[aria-checked="true"]').focus();
  await page.keyboard.press('ArrowRight');
  await eventually(async () => expect(await checkedTitle()).toContain(t('mode.period.title')));
  expect(await focusedText(page)).toContain(t('mode.period.title'));
  await page.keyboard.press('ArrowLeft');
  await eventually(async () => expect(await checkedTitle()).toContain(t('mode.usage.title')));
  await page.keyboard.press('End');
  await eventually(async () => expect(await checkedTitle()).toContain(t('mode.self.title')));

  // The change is not saved: another Billing page is one click away, and the page asks first.
  await goToPlansThroughNav(page);
  const discard = page.getByRole('alertdialog', { name: t('common.discard.title') });
  await discard.waitFor();
  await screenshot(page, '63-leave-configuration');
  await discard.getByRole('button', { name: t('common.cancel'), exact: true }).click();
  await discard.waitFor({ state: 'detached' });
  expect(new URL(page.url()).pathname).toBe(new URL(billingUrl('configuration')).pathname);
  expect(await checkedTitle()).toContain(t('mode.self.title'));

  // Empty required settings say "required", focus goes to the first, and editing clears it.
  const prepaid = page.getByRole('textbox', { name: t('config.prepaidAmount'), exact: true });
  await prepaid.fill('');
  await prepaid.press('Enter'); // saves the form (at 800 px Strapi's folded main menu lies over the header's Save button)
  await page.getByText(t('errors.required'), { exact: true }).first().waitFor();
  await eventually(async () => expect(await prepaid.evaluate((element) => element === (globalThis as any).document.activeElement)).toBe(true));
  await page.keyboard.type('0.5');
  await eventually(async () => expect(await page.getByText(t('errors.required'), { exact: true }).count()).toBe(0));

  // Leaving anyway discards the changes: nothing was saved.
  await goToPlansThroughNav(page);
  await discard.waitFor();
  await discard.getByRole('button', { name: t('common.discard.confirm'), exact: true }).click();
  await page.waitForURL((url) => url.pathname === new URL(billingUrl('plans')).pathname);
  expect((await api.get('/usage-billing/settings')).data.mode).toBe(SEED_SETTINGS.mode);
  watch.expectClean();
});
