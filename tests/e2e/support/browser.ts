// Browser sessions on the shared Chromium, the console/network watch every case ends with, the UI login,
// screenshots, and small helpers to read the admin's tables and wait for a condition.
import fs from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type ConsoleMessage, type Locator, type Page, type Request, type Response } from 'playwright-core';

import { t } from './i18n';
import { adminUrl, billingUrl, state } from './state';

// eslint-disable-next-line @typescript-eslint/no-var-requires
const { SCREENSHOT_DIR, PLUGIN_ID } = require('./constants');

/* ------------------------------------------------------------------------------------------------
 * Console and network watch
 * ----------------------------------------------------------------------------------------------*/

export interface Problem {
  kind: 'console' | 'pageerror' | 'requestfailed' | 'http';
  text: string;
  url?: string;
  status?: number;
}

interface Allowance {
  match: (problem: Problem) => boolean;
  reason: string;
}

/** The release check of Strapi's admin ("is a newer Strapi out?"): it calls GitHub, and this machine is offline. */
const STRAPI_RELEASE_CHECK = 'https://api.github.com/repos/strapi/strapi/releases/latest';

/**
 * Known-benign problems, ignored in every case. Each has its reason; nothing else is ignored.
 */
const BENIGN: Allowance[] = [
  {
    reason: "Strapi's own admin asks GitHub for the latest Strapi release; the test machine has no internet access (the browser reports the failed request and logs it to the console)",
    match: (p) => p.url === STRAPI_RELEASE_CHECK && (p.kind === 'requestfailed' || p.kind === 'console'),
  },
  {
    reason:
      "Strapi's own zh-Hans catalog lacks some of Strapi's keys (content-manager.plugin.name) and react-intl logs each " +
      'lookup as a console error; only keys outside the plugin (not usage-billing.*) are ignored, so a missing plugin translation still fails',
    match: (p) => {
      if (p.kind !== 'console') return false;
      const key = /MISSING_TRANSLATION\] Missing message: "([^"]+)"/.exec(p.text)?.[1];
      return key !== undefined && !key.startsWith(`${PLUGIN_ID}.`);
    },
  },
  {
    reason: 'net::ERR_ABORTED is the browser cancelling a request itself (the page navigated away or the app aborted a fetch it no longer needs), not a request that failed',
    match: (p) => p.kind === 'requestfailed' && p.text === 'net::ERR_ABORTED',
  },
];

/** The plugin's admin API (`/usage-billing/…`) and content API (`/api/usage-billing/…`). */
const isPluginApi = (url: URL) => url.pathname.startsWith(`/${PLUGIN_ID}/`) || url.pathname.startsWith(`/api/${PLUGIN_ID}/`);

/**
 * Collects, on one page: console errors, uncaught page errors, failed requests, HTTP errors of the
 * plugin's API (4xx and 5xx) and any 5xx of the app. `expectClean()` fails listing what was not benign.
 */
export class PageWatch {
  readonly problems: Problem[] = [];
  private allowances: Allowance[] = [];
  private readonly origin: string;

  constructor(page: Page) {
    this.origin = new URL(state().url).origin;
    page.on('console', (message: ConsoleMessage) => {
      if (message.type() !== 'error') return;
      this.problems.push({ kind: 'console', text: message.text(), url: message.location()?.url || undefined });
    });
    page.on('pageerror', (error: Error) => this.problems.push({ kind: 'pageerror', text: error.stack || error.message }));
    page.on('requestfailed', (request: Request) =>
      this.problems.push({ kind: 'requestfailed', text: request.failure()?.errorText ?? 'failed', url: request.url() }),
    );
    page.on('response', (response: Response) => {
      const status = response.status();
      if (status < 400) return;
      const url = new URL(response.url());
      if (url.origin !== this.origin) return;
      if (status >= 500 || isPluginApi(url)) {
        this.problems.push({ kind: 'http', status, url: response.url(), text: `${response.request().method()} ${url.pathname}${url.search} → ${status}` });
      }
    });
  }

  /** Accepts problems that a case provokes on purpose (say why). */
  allow(match: (problem: Problem) => boolean, reason: string) {
    this.allowances.push({ match, reason });
  }

  /** The problems that are neither benign nor allowed. */
  unexpected(): Problem[] {
    return this.problems.filter((p) => !BENIGN.some((a) => a.match(p)) && !this.allowances.some((a) => a.match(p)));
  }

  /** Throws, listing them, when unexpected problems were seen; then starts afresh. */
  expectClean(what = 'this case') {
    const unexpected = this.unexpected();
    this.problems.length = 0;
    this.allowances = [];
    if (unexpected.length) {
      // One line per distinct problem (first line of the message), with how often it happened.
      const counts = new Map<string, number>();
      for (const p of unexpected) {
        const line = `[${p.kind}] ${p.text.split('\n')[0]}${p.url && !p.text.includes(p.url) ? ` (${p.url})` : ''}`;
        counts.set(line, (counts.get(line) ?? 0) + 1);
      }
      const lines = [...counts].map(([line, n]) => `  - ${line}${n > 1 ? ` (×${n})` : ''}`);
      throw new Error(`console errors or failed requests during ${what}:\n${lines.join('\n')}`);
    }
  }
}

/* ------------------------------------------------------------------------------------------------
 * Sessions
 * ----------------------------------------------------------------------------------------------*/

/** Strapi's own desktop breakpoint (the design system's `large`): narrower, its main menu is a burger. */
const STRAPI_DESKTOP_WIDTH = 1080;

/** The desktop width every case runs at. */
export const WIDE_WIDTH = 1440;

/**
 * The browser's width for this case file: 1440 px, or what its Jest project sets in `globals.E2E_VIEWPORT_WIDTH`
 * (the `e2e-800` project of jest.config.js runs some files again at 800 px, a small laptop or a tablet).
 * A Jest global, not an environment variable: the files of both projects share one worker process.
 */
export const viewportWidth = (): number => Number((globalThis as { E2E_VIEWPORT_WIDTH?: number }).E2E_VIEWPORT_WIDTH ?? WIDE_WIDTH);

export interface Session {
  browser: Browser;
  context: BrowserContext;
  page: Page;
  watch: PageWatch;
  close(): Promise<void>;
}

/**
 * A new browser context (own cookies and storage) on the shared Chromium, with one page and its watch;
 * logged in through the login form unless `login: false`.
 */
export async function openSession({ login = true } = {}): Promise<Session> {
  const browser = await chromium.connect(state().wsEndpoint, { timeout: 30000 });
  const context = await browser.newContext({ viewport: { width: viewportWidth(), height: 900 }, locale: 'en-US', timezoneId: 'UTC' });
  context.setDefaultTimeout(15000);
  context.setDefaultNavigationTimeout(30000);
  const page = await context.newPage();
  const watch = new PageWatch(page);
  const session: Session = {
    browser,
    context,
    page,
    watch,
    close: async () => {
      await context.close().catch(() => {});
      await browser.close().catch(() => {}); // a connected browser only disconnects
    },
  };
  if (login) {
    await loginThroughForm(page);
    watch.expectClean('the login');
  }
  return session;
}

/**
 * Fills and submits Strapi's login form; resolves once the admin's main menu shows the plugin's link
 * (`menuLabel`: the plugin.name translation of the user's interface language).
 */
export async function loginThroughForm(page: Page, { email = state().email, password = state().password, menuLabel = t('plugin.name') } = {}) {
  await page.goto(adminUrl('/auth/login'));
  await page.getByRole('textbox', { name: 'Email' }).fill(email);
  await page.getByRole('textbox', { name: 'Password' }).fill(password);
  await page.getByRole('button', { name: 'Login' }).click();
  await page.waitForURL((url) => !url.pathname.startsWith('/admin/auth/'));
  // Below 1080 px Strapi folds its main menu into a burger: the plugin's link is not shown until it is
  // opened, so the admin's home page (its main landmark) says the login is done.
  if (viewportWidth() < STRAPI_DESKTOP_WIDTH) await page.getByRole('main').first().waitFor();
  else await mainMenuLink(page, menuLabel).waitFor();
  await dismissStrapiBanner(page);
}

/** The plugin's entry in Strapi's main menu (its label is the plugin.name translation). */
export const mainMenuLink = (page: Page, label = t('plugin.name')) =>
  page.getByRole('navigation').first().getByRole('link', { name: label, exact: true });

/** Strapi's own "new Media Library" announcement covers the top of every page: close it when shown. */
export async function dismissStrapiBanner(page: Page) {
  const close = page.getByRole('button', { name: 'Close the banner.' });
  if (await close.isVisible().catch(() => false)) await close.click().catch(() => {});
}

/**
 * Opens a Billing sub-page (`subPath`, e.g. 'usage-logs') whose sub-navigation link reads `navLabel`:
 * by clicking that link when another Billing page is on screen (as an administrator does, without
 * reloading the admin), else by loading its URL.
 */
export async function openBillingPage(page: Page, subPath: string, navLabel: string) {
  const target = new URL(billingUrl(subPath));
  const current = new URL(page.url());
  const link = page.getByRole('navigation', { name: t('plugin.name') }).getByRole('link', { name: navLabel, exact: true });
  if (current.pathname.startsWith('/admin/plugins/usage-billing/') && current.pathname !== target.pathname && (await link.isVisible())) {
    await link.click();
    await page.waitForURL((url) => url.pathname === target.pathname);
  } else {
    await page.goto(target.href);
  }
}

/* ------------------------------------------------------------------------------------------------
 * Waiting, tables, screenshots
 * ----------------------------------------------------------------------------------------------*/

/** Retries `check` (which throws, e.g. a failing expect) until it passes or `timeout` ms elapse. */
export async function eventually<T>(check: () => Promise<T> | T, { timeout = 10000, interval = 100 } = {}): Promise<T> {
  const deadline = Date.now() + timeout;
  for (;;) {
    try {
      return await check();
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, interval));
    }
  }
}

/** Waits for the response of a GET on the plugin's admin API whose path is `apiPath` (and query matches). */
export const waitForApi = (page: Page, apiPath: string, { method = 'GET', query }: { method?: string; query?: Record<string, string> } = {}) =>
  quiet(page.waitForResponse(
    (response) => {
      const url = new URL(response.url());
      if (url.pathname !== `/${PLUGIN_ID}${apiPath}` || response.request().method() !== method) return false;
      return Object.entries(query ?? {}).every(([key, value]) => url.searchParams.get(key) === value);
    },
    { timeout: 20000 },
  ));

/**
 * A promise awaited later (a response waited for before the click that causes it): when the case fails
 * before awaiting it, its rejection (page closed) must not be reported as an unhandled error of the file.
 */
export function quiet<T>(promise: Promise<T>): Promise<T> {
  promise.catch(() => {});
  return promise;
}

export interface TableData {
  headers: string[];
  /** Each data row as { header text: cell text }; cells with several lines keep them "\n"-separated. */
  rows: Array<Record<string, string>>;
}

/** Reads a design-system table (role grid): header texts and every row's cell texts by header. */
export async function readTable(grid: Locator): Promise<TableData> {
  // innerText keeps the lines of multi-line cells but applies CSS text-transform (headers and badges are
  // uppercased by CSS): read it with text-transform off, in one synchronous step (nothing is painted).
  const raw: string[][] = await grid.evaluate((table: any) => {
    const doc = table.ownerDocument;
    const style = doc.createElement('style');
    style.textContent = '* { text-transform: none !important; }';
    doc.head.appendChild(style);
    try {
      return Array.from(table.querySelectorAll('tr')).map((tr: any) =>
        Array.from(tr.querySelectorAll('th, td')).map((cell: any) => String(cell.innerText ?? '').trim()),
      );
    } finally {
      style.remove();
    }
  });
  const [headers = [], ...body] = raw;
  return {
    headers,
    rows: body.map((cells) => Object.fromEntries(headers.map((header, i) => [header, cells[i] ?? '']))),
  };
}

/** Text content with whitespace collapsed (CSS text-transform does not apply to it, unlike innerText). */
export const textOf = async (locator: Locator) => ((await locator.textContent()) ?? '').replace(/\s+/g, ' ').trim();

/** The value under a tile's label (the admin's StatCard: label, value, optional hint). */
export const tile = (page: Page, label: string) =>
  page.locator(`xpath=//main//*[normalize-space(text())=${JSON.stringify(label)}][not(self::h1 or self::h2 or self::h3)]/following-sibling::*[1]`);

export const tileText = (page: Page, label: string) => textOf(tile(page, label));

/**
 * A white card of a page (the admin's Section) by its title: the outermost element holding that level-2
 * heading and no other (the page's column holds several), so tables and values are read inside it only.
 */
export const sectionByTitle = (page: Page, title: string) =>
  page.getByRole('heading', { level: 2, name: title, exact: true }).locator('xpath=ancestor::div[count(.//h2)=1][last()]');

/** The value under a label in a detail view (the admin's DetailItem: label, then its value), inside `scope`. */
export const labelledValue = (scope: Locator, label: string) =>
  scope.locator(`xpath=.//*[normalize-space(text())=${JSON.stringify(label)}][not(self::h1 or self::h2 or self::h3)]/following-sibling::*[1]`);

/** Elements whose whole text is one of `texts` (e.g. the accepted renderings of an amount). */
export const oneOfTexts = (scope: Page | Locator, texts: string[]) =>
  scope.getByText(new RegExp(`^(${texts.map((text) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|')})$`));

/** A table row whose first cell starts with `text` (then a space or the end). */
export const rowStartingWith = (scope: Page | Locator, text: string) =>
  scope.getByRole('row', { name: new RegExp(`^${text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}( |$)`) });

/**
 * With E2E_SCREENSHOTS=1, saves the whole page as .e2e-screenshots/<name>.png. Strapi scrolls its
 * content inside the layout rather than the document, so the viewport is stretched to the content's
 * height for the shot (at most 4000 px) and restored afterwards.
 */
export async function screenshot(page: Page, name: string) {
  if (process.env.E2E_SCREENSHOTS !== '1') return;
  fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const viewport = page.viewportSize() ?? { width: 1440, height: 900 };
  const contentHeight: number = await page.evaluate(() => {
    const doc = (globalThis as any).document;
    let height = doc.documentElement.scrollHeight;
    for (const element of Array.from(doc.querySelectorAll('body *')) as any[]) {
      if (element.clientHeight < 200 || element.scrollHeight <= element.clientHeight) continue;
      const overflow = (globalThis as any).getComputedStyle(element).overflowY;
      if (overflow === 'auto' || overflow === 'scroll') {
        height = Math.max(height, element.getBoundingClientRect().top + element.scrollHeight);
      }
    }
    return Math.ceil(height);
  });
  const height = Math.min(Math.max(viewport.height, contentHeight), 4000);
  if (height > viewport.height) await page.setViewportSize({ width: viewport.width, height });
  try {
    // Shots taken at another width than 1440 px say so in their name (`03-plans@800.png`), beside the wide ones.
    const width = viewportWidth();
    const file = width === WIDE_WIDTH ? `${name}.png` : `${name}@${width}.png`;
    await page.screenshot({ path: path.join(SCREENSHOT_DIR, file), fullPage: true, animations: 'disabled' });
  } finally {
    if (height > viewport.height) await page.setViewportSize(viewport);
  }
}
