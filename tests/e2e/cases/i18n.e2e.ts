// The admin in Simplified Chinese: the interface language is changed on Strapi's profile page (it is
// stored on the admin user as `preferedLanguage`, Strapi's spelling), and the plugin's menu label and
// pages then read as admin/src/translations/zh-Hans.json says. The user's language is reset to English
// at the end, whatever happens.
import { adminApi, type AdminApi } from '../support/api';
import { loginThroughForm, mainMenuLink, openSession, quiet, screenshot, textOf, waitForApi, type Session } from '../support/browser';
import { t, zh } from '../support/i18n';
import { adminUrl, billingUrl } from '../support/state';

let session: Session;
let api: AdminApi;
const extraSessions: Session[] = [];

beforeAll(async () => {
  session = await openSession();
  api = await adminApi();
});

afterAll(async () => {
  if (api) await api.put('/admin/users/me', { preferedLanguage: 'en' });
  for (const extra of extraSessions) await extra.close();
  await session?.close();
});

test('choosing 中文 on the profile page translates the plugin’s menu label and pages', async () => {
  const { page, watch } = session;
  await mainMenuLink(page, t('plugin.name')).waitFor();

  await page.goto(adminUrl('/me'));
  await page.getByRole('combobox', { name: 'Interface language' }).click();
  await page.getByRole('option', { name: '中文 (简体)', exact: true }).click();
  const saved = quiet(page.waitForResponse((r) => new URL(r.url()).pathname === '/admin/users/me' && r.request().method() === 'PUT'));
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  const response = await saved;
  expect(response.status()).toBe(200);
  expect(response.request().postDataJSON()).toMatchObject({ preferedLanguage: 'zh-Hans' });
  // Stored on the admin user, not only in this browser.
  expect((await api.get('/admin/users/me')).data.preferedLanguage).toBe('zh-Hans');

  // Strapi's main menu now shows the plugin's Chinese label.
  const menuLink = mainMenuLink(page, zh('plugin.name'));
  await menuLink.waitFor();
  expect(await mainMenuLink(page, t('plugin.name')).count()).toBe(0);

  // The Billing page: sub-navigation, titles, the mode cards.
  await menuLink.click();
  await page.waitForURL(billingUrl('configuration'));
  await page.getByRole('heading', { level: 1, name: zh('config.title') }).waitFor();
  const subNav = page.getByRole('navigation', { name: zh('plugin.name') });
  for (const key of ['nav.configuration', 'nav.modelPricing', 'nav.toolPricing', 'nav.codes', 'nav.usageLogs', 'nav.accounts']) {
    await subNav.getByRole('link', { name: zh(key), exact: true }).waitFor();
  }
  for (const key of ['nav.section.setup', 'nav.section.pricing', 'nav.section.activity']) {
    await subNav.getByText(zh(key), { exact: true }).waitFor();
  }
  await page.getByRole('heading', { level: 2, name: zh('config.mode.title') }).waitFor();
  const radios = page.getByRole('radiogroup', { name: zh('config.mode.title') }).getByRole('radio');
  expect(await radios.count()).toBe(3);
  expect(await textOf(radios.nth(0))).toContain(zh('mode.usage.title'));
  expect(await textOf(radios.nth(0))).toContain(zh('config.mode.current'));
  expect(await page.getByRole('button', { name: zh('common.save'), exact: true }).isDisabled()).toBe(true);
  await screenshot(page, '60-zh-configuration');

  // Usage logs: filters, and the count line with its ICU argument.
  const listed = waitForApi(page, '/usage-logs', { query: { page: '1' } });
  await subNav.getByRole('link', { name: zh('nav.usageLogs'), exact: true }).click();
  const total: number = (await (await listed).json()).meta.pagination.total;
  await page.getByRole('heading', { level: 1, name: zh('logs.title') }).waitFor();
  await page.getByRole('textbox', { name: zh('logs.filter.model'), exact: true }).waitFor();
  await page.getByRole('button', { name: zh('logs.filter.apply'), exact: true }).waitFor();
  await page.getByText(zh('logs.count', { total: String(total).replace(/\B(?=(\d{3})+(?!\d))/g, ',') }), { exact: true }).waitFor();
  await screenshot(page, '61-zh-usage-logs');

  // The model price form: the text prices, and the other kinds of token folded under their own title.
  await subNav.getByRole('link', { name: zh('nav.modelPricing'), exact: true }).click();
  await page.getByRole('button', { name: zh('price.add'), exact: true }).first().click();
  const dialog = page.getByRole('dialog', { name: zh('price.modal.createTitle') });
  await dialog.getByRole('textbox', { name: zh('price.field.cacheRead'), exact: true }).waitFor();
  await dialog.getByRole('button', { name: zh('price.more.title') }).click();
  await dialog.getByRole('textbox', { name: zh('price.field.inputAudio'), exact: true }).waitFor();
  await dialog.getByRole('textbox', { name: zh('price.field.perRequest'), exact: true }).waitFor();
  await dialog.getByRole('button', { name: zh('common.cancel'), exact: true }).click();
  await dialog.waitFor({ state: 'detached' });
  watch.expectClean();
});

test('a new login of that user comes up in 中文', async () => {
  expect((await api.get('/admin/users/me')).data.preferedLanguage).toBe('zh-Hans');
  // A fresh browser context: nothing in its storage, the language comes from the user.
  const fresh = await openSession({ login: false });
  extraSessions.push(fresh);
  const { page, watch } = fresh;
  await loginThroughForm(page, { menuLabel: zh('plugin.name') });
  await page.goto(billingUrl('accounts'));
  await page.getByRole('heading', { level: 1, name: zh('accounts.title') }).waitFor();
  await page.getByRole('button', { name: zh('accounts.reconcile'), exact: true }).waitFor();
  watch.expectClean();
});
