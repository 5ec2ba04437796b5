// The OpenAPI document (server/src/openapi) against the running plugin: every content-API route Strapi
// registered for the plugin is documented with its method and permission action (a route added without
// documentation fails here), the served document is the committed docs/openapi.json, and every example of
// the document is sent over HTTP in the state the examples describe (examples/state.ts): it must get the
// documented status, an answer the documented zod schema accepts without undocumented members, and the
// example's own answer, ids and instants aside.
import fs from 'node:fs';
import path from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import request from 'supertest';
import type { z } from 'zod';
import { bootForTests } from '../helpers/boot';
import { adminToken, apiToken } from '../helpers/auth';
import { createCodes } from '../helpers/codes';
import { setupBilling } from '../helpers/fixtures';
import { fund, registerUser, setSettings } from '../helpers/metering';
import { OPERATIONS } from '../../server/src/openapi';
import { EXAMPLE_STATE as S } from '../../server/src/openapi/examples/state';
import { openApiPath, type Operation } from '../../server/src/openapi/operation';

const ctx = bootForTests();
const PREFIX = '/api/usage-billing';
const COMMITTED = path.resolve(__dirname, '..', '..', 'docs', 'openapi.json');

/** The plugin's content-API routes as Strapi registered them: `POST /holds/:holdId/release` → handler. */
const registeredRoutes = () => {
  const routers = ctx.strapi.plugin('usage-billing').routes as unknown as Record<string, { routes: Array<{ method: string; path: string; handler: string; config?: { auth?: unknown } }> }>;
  const routes = routers['content-api'].routes;
  return routes.map((r) => ({ key: `${r.method.toLowerCase()} ${openApiPath(r.path)}`, handler: r.handler, auth: r.config?.auth !== false }));
};

/** Whether `whole` holds everything `part` has (objects: those members; anything else: equal). */
const contains = (whole: unknown, part: unknown): boolean =>
  part && typeof part === 'object' && !Array.isArray(part)
    ? !!whole && typeof whole === 'object' && Object.entries(part).every(([k, v]) => contains((whole as Record<string, unknown>)[k], v))
    : isDeepStrictEqual(whole, part);

/** Members whose values differ on every run (ids, instants, signed URLs): compared by presence only. */
const VOLATILE = new Set(['holdId', 'logId', 'orderNo', 'url', 'expiresAt', 'occurredAt', 'key']);
const masked = (value: unknown, volatile = VOLATILE): unknown => {
  if (Array.isArray(value)) return value.map((v) => masked(v, volatile));
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, volatile.has(k) && typeof v === 'string' ? '<varies>' : masked(v, volatile)]));
  }
  return value;
};

describe(`OpenAPI document (${process.env.TEST_DB})`, () => {
  let token = '';
  let jwt = '';
  let meUserId = '';
  let document: any;

  beforeAll(async () => {
    await setupBilling(ctx.strapi, { mode: S.mode, prepaidAmount: S.prepaidAmount });
    const protectedActions = registeredRoutes().filter((r) => r.auth).map((r) => r.handler);
    token = await apiToken(ctx.strapi, [...new Set(protectedActions)]);
    for (const [userId, amount] of Object.entries(S.balances)) await fund(ctx.strapi, userId, amount);
    // The examples' holds: opened by authorize, then given the ids the examples name.
    for (const [name, holdId] of Object.entries(S.holds)) {
      const auth = await request(ctx.server).post(`${PREFIX}/authorize`).set('Authorization', `Bearer ${token}`).send({ userId: 'u-1', model: 'claude-sonnet-4-5', requestId: `example-hold-${name}` });
      expect(auth.status).toBe(200);
      await ctx.strapi.db.connection('ub_holds').where({ hold_id: auth.body.data.holdId }).update({ hold_id: holdId });
    }
    await createCodes(ctx, await adminToken(ctx.strapi), { mode: 'usage', amount: S.code.amount, code: S.code.code });
    await setSettings(ctx.strapi, {
      payments: {
        publicUrl: S.epay.publicUrl,
        usdToCnyRate: S.epay.usdToCnyRate,
        epay: { enabled: true, mode: 'page', gatewayUrl: S.epay.gatewayUrl, merchantId: '1001', key: 'epay-example-key', payTypes: [...S.epay.payTypes] },
      },
    });
    const user = await registerUser(ctx);
    jwt = user.jwt;
    meUserId = String(user.user.id);
    const served = await request(ctx.server).get(`${PREFIX}/openapi.json`);
    expect(served.status).toBe(200);
    document = served.body;
  });

  test('served without credentials, and equal to the committed docs/openapi.json (run `npm run openapi` after a change)', async () => {
    expect(document.openapi).toBe('3.1.0');
    expect(document).toEqual(JSON.parse(fs.readFileSync(COMMITTED, 'utf8')));
    expect(JSON.stringify(document)).not.toMatch(/epay-example-key|test-api-token-salt|secretKey"\s*:\s*"sk_/);
  });

  test('every content-API route of the plugin is documented, with its method and permission action, and nothing else is', () => {
    const routes = registeredRoutes();
    const documented = Object.entries(document.paths as Record<string, Record<string, any>>).flatMap(([p, item]) =>
      Object.entries(item).map(([method, op]) => ({ key: `${method} ${p.slice(PREFIX.length)}`, action: op['x-strapi-action'] })),
    );
    expect(documented.map((d) => d.key).sort()).toEqual(routes.map((r) => r.key).sort());
    for (const route of routes) {
      expect({ route: route.key, action: documented.find((d) => d.key === route.key)?.action }).toEqual({ route: route.key, action: `plugin::usage-billing.${route.handler}` });
    }
    // The routes as Strapi's router serves them (the plugin's list above, mounted under /api/usage-billing).
    const served = ctx.strapi.server.listRoutes().filter((layer: any) => layer.path.startsWith(`${PREFIX}/`));
    expect(served).toHaveLength(routes.length);
    for (const layer of served) {
      for (const method of layer.methods.filter((m: string) => m !== 'HEAD')) {
        expect(document.paths[openApiPath(layer.path)]?.[method.toLowerCase()] ? `${method} ${layer.path}` : `undocumented: ${method} ${layer.path}`).toBe(`${method} ${layer.path}`);
      }
    }
  });

  test('the answers without examples match their schemas: 401 without credentials, 403 without the action or by policy, 413 for a body over 1 MB', async () => {
    const op = (method: string, p: string) => OPERATIONS.find((o) => o.method === method && o.path === p)!;
    const usage = op('post', '/usage');
    const expectDocumented = (o: Operation, res: request.Response) => {
      const answer = o.responses[res.status];
      expect({ status: res.status, documented: Boolean(answer) }).toEqual({ status: res.status, documented: true });
      expect({ body: res.body, issues: answer.schema.safeParse(res.body).error?.issues }).toEqual({ body: res.body, issues: undefined });
    };
    const anonymous = await request(ctx.server).post(`${PREFIX}/usage`).send({});
    expect(anonymous.status).toBe(401);
    expectDocumented(usage, anonymous);
    const quoteOnly = await apiToken(ctx.strapi, ['gateway.quote']);
    const denied = await request(ctx.server).post(`${PREFIX}/usage`).set('Authorization', `Bearer ${quoteOnly}`).send({});
    expect(denied.status).toBe(403);
    expectDocumented(usage, denied);
    const byPolicy = await request(ctx.server).post(`${PREFIX}/usage`).set('Authorization', `Bearer ${jwt}`).send({});
    expect(byPolicy.status).toBe(403);
    expectDocumented(usage, byPolicy);
    const huge = await request(ctx.server).post(`${PREFIX}/usage`).set('Authorization', `Bearer ${token}`).send({ routeSource: 'x'.repeat(2 * 1024 * 1024) });
    expect(huge.status).toBe(413);
    expectDocumented(usage, huge);
    const hugeEvent = await request(ctx.server).post(`${PREFIX}/webhooks/stripe`).set('Content-Type', 'application/json').send(`{"x":"${'a'.repeat(1024 * 1024)}"}`);
    expect(hugeEvent.status).toBe(413);
    expectDocumented(op('post', '/webhooks/stripe'), hugeEvent);
  });

  test('the examples answer as documented: status, schema, and the example answer itself', async () => {
    const failures: string[] = [];
    let sent = 0;
    for (const op of OPERATIONS) {
      const docPath = `${PREFIX}${openApiPath(op.path)}`;
      const docOp = document.paths[docPath][op.method];
      for (const [key, example] of Object.entries(op.examples)) {
        const where = `${op.method.toUpperCase()} ${op.path} [${key}]`;
        // The document carries the example: request parts under its key, answer under its status.
        const answerContent = docOp.responses[String(example.status)]?.content ?? {};
        const documentedAnswer = Object.values(answerContent as Record<string, any>)[0]?.examples?.[key]?.value;
        expect({ where, answer: documentedAnswer }).toEqual({ where, answer: example.response });
        const answer = op.responses[example.status];
        expect(answer.schema.safeParse(example.response).success ? where : `${where}: example answer does not match its schema`).toBe(where);

        const url = PREFIX + op.path.replace(/:(\w+)/g, (_, name: string) => encodeURIComponent(example.params?.[name] ?? ''));
        let req = request(ctx.server)[op.method](url).query(example.query ?? {});
        if (op.caller === 'apiToken' || op.caller === 'apiTokenOrUser') req = req.set('Authorization', `Bearer ${token}`);
        if (op.caller === 'user') req = req.set('Authorization', `Bearer ${jwt}`);
        const res = example.body === undefined ? await req : await req.send(example.body as object);
        sent += 1;
        const body = (answer.contentType ?? 'application/json') === 'application/json' ? res.body : res.text;
        if (res.status !== example.status) {
          failures.push(`${where}: ${res.status} ${JSON.stringify(body)}`);
          continue;
        }
        const parsed = (answer.schema as z.ZodTypeAny).safeParse(body);
        if (!parsed.success) {
          failures.push(`${where}: answer does not match the documented schema: ${JSON.stringify(parsed.error.issues)} in ${JSON.stringify(body)}`);
          continue;
        }
        // Nothing undocumented: the schema strips unknown members, so the parsed answer equals the answer.
        if (!isDeepStrictEqual(parsed.data, body)) failures.push(`${where}: undocumented members in ${JSON.stringify(body)}`);
        const expected = op.caller === 'user' ? JSON.parse(JSON.stringify(example.response).replaceAll('"userId":"7"', `"userId":"${meUserId}"`)) : example.response;
        const agrees = example.abridged ? contains(masked(body), masked(expected)) : isDeepStrictEqual(masked(body), masked(expected));
        if (!agrees) failures.push(`${where}: answered ${JSON.stringify(body)}, the example says ${JSON.stringify(expected)}`);
      }
    }
    expect(failures).toEqual([]);
    expect(sent).toBe(OPERATIONS.reduce((n: number, op: Operation) => n + Object.keys(op.examples).length, 0));
  });
});
