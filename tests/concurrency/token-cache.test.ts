// API tokens are verified from each instance's memory for at most `apiTokenCacheSeconds` (5 s by default).
// With two Strapi processes on one PostgreSQL database: a token revoked or stripped of an action stops
// working at once on the instance that made the change, and within those 5 s on the other one — and so does
// a token deleted behind Strapi's back (no lifecycle event on either instance).
import { setupBilling } from '../helpers/fixtures';
import { postJson } from '../helpers/http';
import { twoInstances } from '../helpers/two-instances';

const TTL_SECONDS = 5;
// Slack for the polling interval and a request's own time on a loaded 2-core machine.
const SLACK_SECONDS = 1;
const QUOTE = { model: 'claude-sonnet-4-5', usage: { inputTokens: 1000 } };

const pair = twoInstances('tokencache', ['gateway.quote'], (strapi) => setupBilling(strapi));
const tokens = () => pair.strapi.service('admin::api-token') as any;

const quote = (url: string, token: string) => postJson(`${url}/api/usage-billing/quote`, QUOTE, token);

/** Seconds from now until `url` answers /quote with `status` for this token (polled every 100 ms, at most 15 s). */
async function secondsUntil(url: string, token: string, status: number): Promise<number> {
  const started = Date.now();
  while (Date.now() - started < 15000) {
    if ((await quote(url, token)).status === status) return (Date.now() - started) / 1000;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`${url} never answered ${status}`);
}

/** A custom token for `actions`, used once on each instance so that both have it in their cache. */
async function warmToken(actions: string[]): Promise<{ id: number; accessKey: string }> {
  const token = await tokens().create({ name: `tc-${Date.now()}-${Math.random()}`, type: 'custom', lifespan: null, permissions: actions.map((a) => `plugin::usage-billing.${a}`) });
  for (const url of [pair.urlA, pair.urlB]) expect((await quote(url, token.accessKey)).status).toBe(200);
  return token;
}

describe('API token changes reach every instance within the cache TTL (PostgreSQL, two instances)', () => {
  test('an action taken away: 403 at once on the instance that changed it, within 5 s on the other; its other actions keep working', async () => {
    const token = await warmToken(['gateway.quote', 'gateway.authorize']);
    await tokens().update(token.id, { permissions: ['plugin::usage-billing.gateway.authorize'] });
    expect((await quote(pair.urlA, token.accessKey)).status).toBe(403);
    expect(await secondsUntil(pair.urlB, token.accessKey, 403)).toBeLessThanOrEqual(TTL_SECONDS + SLACK_SECONDS);
    for (const url of [pair.urlA, pair.urlB]) {
      const res = await postJson(`${url}/api/usage-billing/authorize`, { userId: 'tc-user', model: 'claude-sonnet-4-5' }, token.accessKey);
      expect(res.body.error?.name).toBe('InsufficientFundsError');
    }
  }, 60000);

  test('a revoked token: 401 at once on the instance that revoked it, within 5 s on the other', async () => {
    const token = await warmToken(['gateway.quote']);
    await tokens().revoke(token.id);
    expect((await quote(pair.urlA, token.accessKey)).status).toBe(401);
    expect(await secondsUntil(pair.urlB, token.accessKey, 401)).toBeLessThanOrEqual(TTL_SECONDS + SLACK_SECONDS);
  }, 60000);

  test('a token deleted directly in the database (no event anywhere): 401 on both instances within 5 s', async () => {
    const token = await warmToken(['gateway.quote']);
    // The link rows to its permissions go with it (Strapi's join tables cascade on delete).
    const table = (pair.strapi.db.metadata.get('admin::api-token') as { tableName: string }).tableName;
    expect(await pair.strapi.db.connection(table).where({ id: token.id }).del()).toBe(1);
    const [a, b] = await Promise.all([secondsUntil(pair.urlA, token.accessKey, 401), secondsUntil(pair.urlB, token.accessKey, 401)]);
    expect(Math.max(a, b)).toBeLessThanOrEqual(TTL_SECONDS + SLACK_SECONDS);
  }, 60000);
});
