// Logging in to the admin through Strapi's login form, and reaching the Billing page from the main menu.
import { mainMenuLink, openSession, screenshot, loginThroughForm, type Session } from '../support/browser';
import { t } from '../support/i18n';
import { adminUrl, billingUrl, state } from '../support/state';

let session: Session;

beforeAll(async () => {
  session = await openSession({ login: false });
});

afterAll(async () => {
  await session?.close();
});

test('an anonymous visit is sent to the login form, a wrong password is refused', async () => {
  const { page, watch } = session;
  await page.goto(adminUrl('/plugins/usage-billing/accounts'));
  await page.waitForURL((url) => url.pathname === '/admin/auth/login');
  await page.getByRole('textbox', { name: 'Email' }).fill(state().email);
  await page.getByRole('textbox', { name: 'Password' }).fill('Wrong-password-123');
  watch.allow(
    (p) => (p.kind === 'console' && /status of 400/.test(p.text)) || p.url?.endsWith('/admin/login') === true,
    'this case submits a wrong password on purpose: POST /admin/login answers 400 and the browser logs it',
  );
  await page.getByRole('button', { name: 'Login' }).click();
  await page.getByText('Invalid credentials').waitFor();
  expect(new URL(page.url()).pathname).toBe('/admin/auth/login');
  await screenshot(page, '00-login-refused');
  watch.expectClean();
});

test('the seeded admin logs in and the main menu leads to the Billing page', async () => {
  const { page, watch } = session;
  await loginThroughForm(page);
  expect(new URL(page.url()).pathname).toMatch(/^\/admin\/?$/);

  const link = mainMenuLink(page);
  await link.click();
  // The Billing page opens on its first section the user may read: the overview & configuration.
  await page.waitForURL(billingUrl('configuration'));
  await page.getByRole('heading', { level: 1, name: t('config.title') }).waitFor();
  const subNav = page.getByRole('navigation', { name: t('plugin.name') });
  for (const key of ['nav.configuration', 'nav.modelPricing', 'nav.toolPricing', 'nav.plans', 'nav.codes', 'nav.orders', 'nav.payments', 'nav.usageLogs', 'nav.accounts']) {
    await subNav.getByRole('link', { name: t(key), exact: true }).waitFor();
  }
  await screenshot(page, '01-after-login');
  watch.expectClean();
});
