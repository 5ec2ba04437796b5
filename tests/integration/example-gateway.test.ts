// The example gateway (examples/openai-proxy) run as a user runs it — `node examples/openai-proxy/server.mjs`
// with its environment variables — between a booted Strapi with the plugin and a fake OpenAI on 127.0.0.1.
// Each call must cost the user exactly the engine's bill of what the provider reported (compared with
// POST /quote to the last digit), or of what a stream produced when it was cut or stopped.
import { spawn, type ChildProcess } from 'node:child_process';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import Decimal from 'decimal.js';
import { bootForTests } from '../helpers/boot';
import { apiToken } from '../helpers/auth';
import { setupBilling } from '../helpers/fixtures';
import { DELTA_TEXT, startFakeOpenAI, type FakeOpenAI, type OpenAIUsage } from '../helpers/fake-openai';
import { balanceOf, expectLedgerConsistent, fund, GATEWAY_ACTIONS, gatewayPost, logRow, setSettings } from '../helpers/metering';
import STARTER_PRICES from '../../examples/pricing.json';

const ctx = bootForTests();
const ROOT = path.resolve(__dirname, '..', '..');
const MODEL = 'gpt-4o'; // starter price list: input 2.5, cached input 1.25, output 10 per 1M tokens
const UPSTREAM_KEY = 'sk-upstream-test';
/** The proxy's own keys (PROXY_KEYS): caller key → billing userId. */
const KEYS = { 'sk-proxy-alice': 'alice', 'sk-proxy-bob': 'bob', 'sk-proxy-carol': 'carol', 'sk-proxy-dave': 'dave' };
const PROMPT = 'Write a long story about a billing proxy, please.';
/** The proxy's estimate of PROMPT's tokens (one per 4 characters, rounded up), billed when no usage comes. */
const PROMPT_ESTIMATE = Math.ceil(PROMPT.length / 4);

/** Starts the example as a child process on a free port; resolves with its base URL once it listens. */
async function startProxy(env: Record<string, string>): Promise<{ url: string; child: ChildProcess; output: () => string }> {
  const child = spawn(process.execPath, [path.join(ROOT, 'examples', 'openai-proxy', 'server.mjs')], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', PORT: '0', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const url = await new Promise<string>((resolve, reject) => {
    const onData = (data: Buffer) => {
      output += data.toString();
      const match = /listening on (http:\/\/\S+)\/v1/.exec(output);
      if (match) resolve(match[1]);
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.on('exit', (code) => reject(new Error(`the proxy exited (${code}): ${output}`)));
  });
  return { url, child, output: () => output };
}

/** A (possibly partial) SSE answer: the `data:` payloads of its complete events, in order. */
function sseData(text: string): string[] {
  const complete = text.lastIndexOf('\n\n');
  return text
    .slice(0, complete < 0 ? 0 : complete)
    .split(/\n\n/)
    .filter((event) => event.startsWith('data: '))
    .map((event) => event.slice('data: '.length));
}
const contentDeltas = (events: string[]) =>
  events.filter((d) => d !== '[DONE]' && JSON.parse(d).choices?.some((c: { delta?: { content?: string } }) => c.delta?.content)).length;

describe(`example gateway: examples/openai-proxy (${process.env.TEST_DB})`, () => {
  let fake: FakeOpenAI;
  let proxy: Awaited<ReturnType<typeof startProxy>>;
  let token: string;

  beforeAll(async () => {
    await setupBilling(ctx.strapi, { mode: 'usage', prepaidAmount: '0.05' }, STARTER_PRICES);
    token = await apiToken(ctx.strapi, [...GATEWAY_ACTIONS, 'gateway.extendHold']);
    await new Promise<void>((resolve) => ctx.server.listen(0, '127.0.0.1', () => resolve()));
    fake = await startFakeOpenAI();
    proxy = await startProxy({
      BILLING_URL: `http://127.0.0.1:${(ctx.server.address() as AddressInfo).port}`,
      BILLING_TOKEN: token,
      UPSTREAM_URL: fake.url,
      UPSTREAM_API_KEY: UPSTREAM_KEY,
      PROXY_KEYS: JSON.stringify(KEYS),
    });
  });
  afterAll(async () => {
    if (proxy && proxy.child.exitCode === null) {
      const exited = new Promise((resolve) => proxy.child.once('exit', resolve));
      proxy.child.kill();
      await exited;
    }
    await fake?.close();
  });
  afterEach(async () => expectLedgerConsistent(ctx.strapi));

  const chat = (key: string, body: Record<string, unknown>, signal?: AbortSignal) =>
    fetch(`${proxy.url}/v1/chat/completions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
      body: JSON.stringify({ model: MODEL, messages: [{ role: 'user', content: PROMPT }], ...body }),
      signal,
    });

  /** The engine's bill of a usage, as POST /quote prices it. */
  const quote = async (usage: Record<string, number>): Promise<string> => {
    const res = await gatewayPost(ctx, token, '/quote', { model: MODEL, usage });
    expect(res.status).toBe(200);
    return res.body.data.total;
  };

  /** What a call cost a user: balance before − balance after, exactly. */
  const charged = async (userId: string, run: () => Promise<void>): Promise<string> => {
    const before = (await balanceOf(ctx.strapi, userId)) ?? '0';
    await run();
    return new Decimal(before).minus((await balanceOf(ctx.strapi, userId)) ?? '0').toFixed();
  };

  const usageLog = (requestId: string) => ctx.strapi.db.query('plugin::usage-billing.usage-log').findOne({ where: { requestId } });
  const holdOf = (requestId: string) => ctx.strapi.db.query('plugin::usage-billing.hold').findOne({ where: { requestId } });
  const tokens = (log: Record<string, unknown>) => ({
    inputTokens: Number(log.inputTokens),
    cacheReadTokens: Number(log.cacheReadTokens),
    outputTokens: Number(log.outputTokens),
  });

  // prompt_tokens includes the cached ones: the plugin's inputTokens must not (disjoint counts).
  const USAGE: OpenAIUsage = { prompt_tokens: 1234, completion_tokens: 567, total_tokens: 1801, prompt_tokens_details: { cached_tokens: 1000 } };
  const BILLED = { inputTokens: 234, cacheReadTokens: 1000, outputTokens: 567 };

  test('a completion costs exactly the bill of the usage OpenAI reported, cached tokens apart', async () => {
    await fund(ctx.strapi, 'alice', '1');
    fake.behaviour = { kind: 'complete', deltas: 3, usage: USAGE };
    let requestId = '';
    const cost = await charged('alice', async () => {
      const res = await chat('sk-proxy-alice', {});
      expect(res.status).toBe(200);
      const body = (await res.json()) as { choices: Array<{ message: { content: string } }>; usage: OpenAIUsage };
      expect(body.choices[0].message.content).toBe(DELTA_TEXT.repeat(3));
      expect(body.usage).toEqual(USAGE);
      requestId = res.headers.get('x-request-id') ?? '';
    });
    // 234 × 2.5 + 1000 × 1.25 + 567 × 10 per 1M tokens
    expect(cost).toBe('0.007505');
    expect(cost).toBe(await quote(BILLED));
    expect(fake.requests.at(-1)?.authorization).toBe(`Bearer ${UPSTREAM_KEY}`); // the provider's key, not the caller's
    const log = await usageLog(requestId);
    expect(tokens(log)).toEqual(BILLED);
    expect(log).toMatchObject({ userId: 'alice', model: MODEL, status: 'success', routeSource: 'openai-proxy' });
    expect((await holdOf(requestId)).status).toBe('settled');
  });

  test('a stream is forwarded as it comes and costs exactly the bill of its final usage chunk', async () => {
    fake.behaviour = { kind: 'complete', deltas: 40, usage: { ...USAGE, completion_tokens: 40 } };
    for (const callerAsksUsage of [false, true]) {
      let requestId = '';
      let events: string[] = [];
      const cost = await charged('alice', async () => {
        const res = await chat('sk-proxy-alice', { stream: true, ...(callerAsksUsage ? { stream_options: { include_usage: true } } : {}) });
        expect(res.status).toBe(200);
        expect(res.headers.get('content-type')).toMatch(/^text\/event-stream/);
        requestId = res.headers.get('x-request-id') ?? '';
        events = sseData(await res.text());
      });
      // The proxy always asks the provider for the usage chunk; the caller sees it only if it asked too.
      expect(fake.requests.at(-1)?.body.stream_options).toEqual({ include_usage: true });
      expect(contentDeltas(events)).toBe(40);
      expect(events.at(-1)).toBe('[DONE]');
      expect(events.some((d) => d !== '[DONE]' && JSON.parse(d).usage)).toBe(callerAsksUsage);
      expect(cost).toBe(await quote({ ...BILLED, outputTokens: 40 }));
      expect(tokens(await usageLog(requestId))).toEqual({ ...BILLED, outputTokens: 40 });
    }
  });

  test('a stream cut midway is charged for what it produced; the caller sees an error event', async () => {
    fake.behaviour = { kind: 'cut', deltas: 30 };
    let requestId = '';
    let events: string[] = [];
    const cost = await charged('alice', async () => {
      const res = await chat('sk-proxy-alice', { stream: true });
      expect(res.status).toBe(200);
      requestId = res.headers.get('x-request-id') ?? '';
      events = sseData(await res.text());
    });
    expect(contentDeltas(events)).toBe(30);
    expect(events).not.toContain('[DONE]');
    expect(JSON.parse(events.at(-1) ?? '{}').error).toMatchObject({ code: 'upstream_error' });
    // No usage chunk came: the prompt and each delta are estimated (one token per 4 characters, DELTA_TEXT is 4).
    const produced = { inputTokens: PROMPT_ESTIMATE, outputTokens: 30 };
    expect(cost).toBe(await quote(produced));
    expect(new Decimal(cost).isPositive() && !new Decimal(cost).isZero()).toBe(true);
    expect(await usageLog(requestId)).toMatchObject({ status: 'error' });
    expect(tokens(await usageLog(requestId))).toEqual({ ...produced, cacheReadTokens: 0 });
  });

  test('a provider failure before any output releases the hold and charges nothing', async () => {
    for (const [behaviour, stream] of [
      [{ kind: 'error', status: 500 }, false],
      [{ kind: 'error', status: 500 }, true],
      [{ kind: 'cut', deltas: 0 }, true],
    ] as const) {
      fake.behaviour = behaviour;
      let requestId = '';
      const cost = await charged('alice', async () => {
        const res = await chat('sk-proxy-alice', { stream });
        requestId = res.headers.get('x-request-id') ?? '';
        expect(res.status).toBe(behaviour.kind === 'error' ? 500 : 200);
        await res.text();
      });
      expect(cost).toBe('0');
      expect((await holdOf(requestId)).status).toBe('released');
      expect(await usageLog(requestId)).toBeNull();
    }
  });

  test('a user without money gets 402 in OpenAI error shape and the provider receives no request', async () => {
    const sent = fake.requests.length;
    for (const stream of [false, true]) {
      const res = await chat('sk-proxy-bob', { stream });
      expect(res.status).toBe(402);
      expect(((await res.json()) as { error: unknown }).error).toMatchObject({ type: 'insufficient_quota', code: 'insufficient_quota' });
    }
    const refused = await chat('sk-proxy-alice', { model: 'no-such-model' });
    expect(refused.status).toBe(403);
    expect(((await refused.json()) as { error: unknown }).error).toMatchObject({ code: 'model_not_allowed' });
    const stranger = await chat('sk-unknown', {});
    expect(stranger.status).toBe(401);
    expect(fake.requests.length).toBe(sent);
    expect(await ctx.strapi.db.query('plugin::usage-billing.usage-log').count({ where: { userId: 'bob' } })).toBe(0);
    expect(await ctx.strapi.db.query('plugin::usage-billing.hold').count({ where: { userId: 'bob' } })).toBe(0);
  });

  test('a long stream that exhausts the hold is stopped at the refused extension and charged for what it produced', async () => {
    // A small hold and a small balance: each extension adds the prepaid amount until the funds rule refuses.
    await setSettings(ctx.strapi, { prepaidAmount: '0.001' });
    await fund(ctx.strapi, 'carol', '0.003');
    fake.behaviour = { kind: 'slow', deltas: 100_000, intervalMs: 1 };
    let requestId = '';
    let events: string[] = [];
    try {
      const cost = await charged('carol', async () => {
        const res = await chat('sk-proxy-carol', { stream: true });
        expect(res.status).toBe(200);
        requestId = res.headers.get('x-request-id') ?? '';
        events = sseData(await res.text());
      });
      const upstream = fake.requests.at(-1)!;
      await upstream.settled;
      expect(upstream.aborted).toBe(true); // the proxy closed the provider's stream
      expect(upstream.deltasSent).toBeLessThan(100_000);
      expect(events).not.toContain('[DONE]');
      expect(JSON.parse(events.at(-1) ?? '{}').error).toMatchObject({ code: 'insufficient_quota' });
      const delivered = contentDeltas(events);
      expect(delivered).toBeGreaterThan(0);
      // What the caller received is what is billed: the prompt estimate and one token per delta.
      const produced = { inputTokens: PROMPT_ESTIMATE, outputTokens: delivered };
      expect(cost).toBe(await quote(produced));
      expect(await usageLog(requestId)).toMatchObject({ status: 'error' });
      expect(tokens(await usageLog(requestId))).toEqual({ ...produced, cacheReadTokens: 0 });
      expect((await holdOf(requestId)).status).toBe('settled');
      // Stopped at the refusal, not before: the hold had grown until its cost reached 80 % of the whole
      // balance; and at most one meter interval (200 output tokens at 10 per 1M) past the money there was.
      expect(new Decimal(cost).greaterThanOrEqualTo('0.0024')).toBe(true);
      expect(new Decimal(cost).lessThanOrEqualTo(new Decimal('0.003').plus('0.002'))).toBe(true);
    } finally {
      await setSettings(ctx.strapi, { prepaidAmount: '0.05' });
    }
  });

  test('a prompt the hold cannot cover is refused with 402 before the provider runs it', async () => {
    await setSettings(ctx.strapi, { prepaidAmount: '0.001' });
    await fund(ctx.strapi, 'dave', '0.001');
    const sent = fake.requests.length;
    try {
      // ~2,500 estimated prompt tokens at 2.5 per 1M cost more than the whole balance the hold took.
      const res = await chat('sk-proxy-dave', { stream: true, messages: [{ role: 'user', content: 'x'.repeat(10_000) }] });
      expect(res.status).toBe(402);
      expect(((await res.json()) as { error: unknown }).error).toMatchObject({ code: 'insufficient_quota' });
      expect(fake.requests.length).toBe(sent);
      const requestId = res.headers.get('x-request-id') ?? '';
      expect((await holdOf(requestId)).status).toBe('released');
      expect(await balanceOf(ctx.strapi, 'dave')).toBe('0.001');
    } finally {
      await setSettings(ctx.strapi, { prepaidAmount: '0.05' });
    }
  });

  test('a caller that leaves midway stops the provider and pays for what the proxy received', async () => {
    fake.behaviour = { kind: 'slow', deltas: 100_000, intervalMs: 1 };
    const caller = new AbortController();
    const stream = await chat('sk-proxy-alice', { stream: true }, caller.signal);
    const requestId = stream.headers.get('x-request-id') ?? '';
    const reader = stream.body!.getReader();
    const decoder = new TextDecoder();
    let received = '';
    while (contentDeltas(sseData(received)) < 20) received += decoder.decode((await reader.read()).value, { stream: true });
    caller.abort();
    const delivered = contentDeltas(sseData(received));
    const upstream = fake.requests.at(-1)!;
    await upstream.settled;
    expect(upstream.aborted).toBe(true);
    // The report follows the abort: wait for its usage log.
    let log = null;
    for (let i = 0; i < 100 && !log; i += 1) {
      log = await usageLog(requestId);
      if (!log) await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(log).toMatchObject({ status: 'error', userId: 'alice' });
    const billed = tokens(log);
    expect(billed.inputTokens).toBe(PROMPT_ESTIMATE);
    expect(billed.outputTokens).toBeGreaterThanOrEqual(delivered);
    expect(billed.outputTokens).toBeLessThanOrEqual(upstream.deltasSent);
    expect((await logRow(ctx.strapi, requestId))?.charged).toBe(await quote({ inputTokens: billed.inputTokens, outputTokens: billed.outputTokens }));
  });
});
