// The plugin verifies API tokens from an in-process cache (auth/cached-api-token.ts): one database read per
// token per TTL instead of four queries per request, with Strapi's answers (401 missing/unknown/expired, 403
// without the route's action), and any change to a token or its permissions made on this instance applies
// to the very next request. (Other instances: tests/concurrency/token-cache.test.ts.)
import type { Core } from '@strapi/strapi';
import { bootForTests } from '../helpers/boot';
import { setupBilling } from '../helpers/fixtures';
import { gatewayPost } from '../helpers/metering';

const ctx = bootForTests();

const QUOTE = { model: 'claude-sonnet-4-5', usage: { inputTokens: 1000 } };

interface CreatedToken {
  id: number;
  accessKey: string;
}

const tokens = () => ctx.strapi.service('admin::api-token') as any;
const createToken = (actions: string[], extra: Record<string, unknown> = {}): Promise<CreatedToken> =>
  tokens().create({ name: `cache-${Date.now()}-${Math.random()}`, type: 'custom', lifespan: null, permissions: actions.map((a) => `plugin::usage-billing.${a}`), ...extra });

/** Counts the reads of API tokens (findOne on admin::api-token) while `work` runs. */
async function tokenReads(strapi: Core.Strapi, work: () => Promise<void>): Promise<number> {
  let reads = 0;
  const unsubscribe = strapi.db.lifecycles.subscribe({ models: ['admin::api-token'], afterFindOne: () => void (reads += 1) } as any) as unknown as () => void;
  try {
    await work();
  } finally {
    unsubscribe();
  }
  return reads;
}

describe(`API tokens verified from memory (${process.env.TEST_DB})`, () => {
  beforeAll(async () => setupBilling(ctx.strapi));

  test('a new token is read on its first request, then 20 requests with it read it at most once', async () => {
    const token = await createToken(['gateway.quote']);
    const first = await tokenReads(ctx.strapi, async () => {
      expect((await gatewayPost(ctx, token.accessKey, '/quote', QUOTE)).status).toBe(200);
    });
    expect(first).toBeGreaterThanOrEqual(1);
    const reads = await tokenReads(ctx.strapi, async () => {
      for (let i = 0; i < 20; i += 1) expect((await gatewayPost(ctx, token.accessKey, '/quote', QUOTE)).status).toBe(200);
    });
    // Strapi's own strategy would read it 20 times; one re-read may fall in if the 5 s TTL ends meanwhile.
    expect(reads).toBeLessThanOrEqual(1);
  });

  test('the same answers as Strapi: 401 with an unknown token; 403 without the action, for a read-only token; full access passes', async () => {
    const token = await createToken(['gateway.quote']);
    expect((await gatewayPost(ctx, 'not-a-token', '/quote', QUOTE)).status).toBe(401);
    expect((await gatewayPost(ctx, token.accessKey, '/usage', {})).status).toBe(403);
    expect((await gatewayPost(ctx, token.accessKey, '/quote', QUOTE)).status).toBe(200);
    const readOnly = await tokens().create({ name: `ro-${Date.now()}`, type: 'read-only', lifespan: null });
    expect((await gatewayPost(ctx, readOnly.accessKey, '/quote', QUOTE)).status).toBe(403);
    const full = await tokens().create({ name: `fa-${Date.now()}`, type: 'full-access', lifespan: null });
    expect((await gatewayPost(ctx, full.accessKey, '/quote', QUOTE)).status).toBe(200);
  });

  test('changes made on this instance apply to the next request: action taken away, given, token regenerated, revoked', async () => {
    const token = await createToken(['gateway.quote', 'gateway.usage']);
    expect((await gatewayPost(ctx, token.accessKey, '/quote', QUOTE)).status).toBe(200);

    await tokens().update(token.id, { permissions: ['plugin::usage-billing.gateway.usage'] });
    expect((await gatewayPost(ctx, token.accessKey, '/quote', QUOTE)).status).toBe(403);
    await tokens().update(token.id, { permissions: ['plugin::usage-billing.gateway.usage', 'plugin::usage-billing.gateway.quote'] });
    expect((await gatewayPost(ctx, token.accessKey, '/quote', QUOTE)).status).toBe(200);

    const regenerated: { accessKey: string } = await tokens().regenerate(token.id);
    expect((await gatewayPost(ctx, token.accessKey, '/quote', QUOTE)).status).toBe(401);
    expect((await gatewayPost(ctx, regenerated.accessKey, '/quote', QUOTE)).status).toBe(200);

    await tokens().revoke(token.id);
    expect((await gatewayPost(ctx, regenerated.accessKey, '/quote', QUOTE)).status).toBe(401);
  });

  test('a token that expires while cached is refused from that instant (401)', async () => {
    const token = await createToken(['gateway.quote']);
    // Strapi only offers lifespans of days: the expiry is moved to 3 s from now directly in its table
    // (under the 5 s the cache keeps an entry, so the refusal below comes from the cached expiry).
    const expiresAt = new Date(Date.now() + 3000);
    await ctx.strapi.db.query('admin::api-token').update({ where: { id: token.id }, data: { expiresAt } });
    expect((await gatewayPost(ctx, token.accessKey, '/quote', QUOTE)).status).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, expiresAt.getTime() - Date.now()) + 100));
    const reads = await tokenReads(ctx.strapi, async () => {
      const res = await gatewayPost(ctx, token.accessKey, '/quote', QUOTE);
      expect(res.status).toBe(401);
      expect(res.body.error.name).toBe('UnauthorizedError');
    });
    // Refused from the cached expiry date, not because the token was read again.
    expect(reads).toBe(0);
  });
});
