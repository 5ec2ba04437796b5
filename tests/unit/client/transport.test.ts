// The client's retries and timeouts against a real HTTP server on 127.0.0.1 that answers 500, 429, 4xx,
// hangs or drops the connection, and against a port nobody listens on.
import {
  BillingUnavailableError,
  ConflictError,
  createBillingClient,
  InsufficientFundsError,
  ValidationError,
} from '../../../client/src';
import { scriptedServer, strapiError, type ScriptedServer } from '../../helpers/scripted-server';
import { freePort } from '../../support/free-port';

const REPORT = { requestId: 'req-1', userId: 'u-1', model: 'm', usage: { inputTokens: 10, outputTokens: 5 } };
const RESULT = { requestId: 'req-1', userId: 'u-1', mode: 'usage', model: 'm', currency: 'USD', cost: '0.1', charged: '0.1', lines: [], status: 'success', flags: [], logId: 'l' };

let server: ScriptedServer | null = null;
afterEach(async () => {
  await server?.close();
  server = null;
});

const client = (url: string, extra: Partial<Parameters<typeof createBillingClient>[0]> = {}) =>
  createBillingClient({ baseUrl: url, token: 'tok', retries: 2, retryDelayMs: 5, timeoutMs: 2000, ...extra });

describe('retries', () => {
  test('5xx then success: retried with the very same body and token, answered once', async () => {
    server = await scriptedServer((_req, i) => (i < 2 ? strapiError(500, 'InternalServerError') : { status: 201, body: { data: RESULT } }));
    const outcome = await client(server.url).reportUsage(REPORT);
    expect(outcome).toEqual({ replayed: false, result: RESULT });
    expect(server.received).toHaveLength(3);
    expect(new Set(server.received.map((r) => r.body))).toEqual(new Set([JSON.stringify(REPORT)]));
    for (const r of server.received) {
      expect(r).toMatchObject({ method: 'POST', path: '/api/usage-billing/usage' });
      expect(r.headers.authorization).toBe('Bearer tok');
    }
  });

  test('a 200 after a retry is a replay (the first attempt had been recorded)', async () => {
    server = await scriptedServer((_req, i) => (i === 0 ? 'drop' : { status: 200, body: { data: RESULT } }));
    expect(await client(server.url).reportUsage(REPORT)).toEqual({ replayed: true, result: RESULT });
    expect(server.received).toHaveLength(2);
  });

  test('429 is retried', async () => {
    server = await scriptedServer((_req, i) => (i === 0 ? strapiError(429, 'TooManyRequestsError') : { status: 200, body: { data: { allowed: true, mode: 'self' } } }));
    expect(await client(server.url).authorize({ userId: 'u', model: 'm' })).toEqual({ allowed: true, mode: 'self' });
    expect(server.received).toHaveLength(2);
  });

  test('5xx every time: BillingUnavailableError after 1 + retries attempts, with the last status', async () => {
    server = await scriptedServer(() => strapiError(503, 'ServiceUnavailableError', 'down'));
    const error = await client(server.url, { retries: 3 }).reportUsage(REPORT).catch((e) => e);
    expect(error).toBeInstanceOf(BillingUnavailableError);
    expect(error).toMatchObject({ status: 503, name: 'ServiceUnavailableError', requestId: 'req-1' });
    expect(server.received).toHaveLength(4);
  });

  test('backoff doubles from retryDelayMs', async () => {
    server = await scriptedServer(() => strapiError(500, 'InternalServerError'));
    const started = Date.now();
    await client(server.url, { retries: 3, retryDelayMs: 40 }).quote({ model: 'm', usage: {} }).catch(() => undefined);
    // 40 + 80 + 160 ms of waiting between the 4 attempts
    expect(Date.now() - started).toBeGreaterThanOrEqual(280);
    expect(server.received).toHaveLength(4);
  });

  test.each([
    [400, 'ValidationError', ValidationError],
    [402, 'InsufficientFundsError', InsufficientFundsError],
    [409, 'IdempotencyConflictError', ConflictError],
  ])('a %s is never retried', async (status, name, Type) => {
    server = await scriptedServer(() => strapiError(status, name, 'refused', { errors: [{ field: 'usage.inputTokens', path: ['usage', 'inputTokens'] }] }));
    const error = await client(server.url).reportUsage(REPORT).catch((e) => e);
    expect(error).toBeInstanceOf(Type);
    expect(error).toMatchObject({ status, name, message: 'refused' });
    expect(server.received).toHaveLength(1);
  });

  test('a 400 names the fields', async () => {
    server = await scriptedServer(() => strapiError(400, 'ValidationError', 'bad', { errors: [{ field: 'usage.inputTokens', path: ['usage', 'inputTokens'], message: 'x' }] }));
    const error = await client(server.url).reportUsage(REPORT).catch((e) => e);
    expect((error as ValidationError).fields).toEqual(['usage.inputTokens']);
  });
});

describe('timeouts and unreachable servers', () => {
  test('a hanging server: each attempt times out, then BillingUnavailableError (status 0)', async () => {
    server = await scriptedServer(() => 'hang');
    const started = Date.now();
    const error = await client(server.url, { timeoutMs: 150, retries: 1 }).authorize({ userId: 'u', model: 'm', requestId: 'r-9' }).catch((e) => e);
    const elapsed = Date.now() - started;
    expect(error).toBeInstanceOf(BillingUnavailableError);
    expect(error).toMatchObject({ status: 0, requestId: 'r-9' });
    expect(error.message).toMatch(/timed out after 150 ms/);
    expect(server.received).toHaveLength(2);
    expect(elapsed).toBeGreaterThanOrEqual(300);
    expect(elapsed).toBeLessThan(5000); // bounded: it does not wait for the server
  });

  test('connection refused: retried, then BillingUnavailableError', async () => {
    const port = await freePort();
    const error = await client(`http://127.0.0.1:${port}`).account('u').catch((e) => e);
    expect(error).toBeInstanceOf(BillingUnavailableError);
    expect(error.status).toBe(0);
    expect(error.message).toMatch(/ECONNREFUSED/);
  });

  test('redeem and checkout are not retried once the request may have arrived (a duplicate could act twice)', async () => {
    server = await scriptedServer(() => 'drop');
    const billing = client(server.url, { retries: 3 });
    await expect(billing.redeem('u', 'CODE')).rejects.toBeInstanceOf(BillingUnavailableError);
    expect(server.received).toHaveLength(1);
    await expect(billing.checkout('u', { channel: 'stripe', kind: 'topup', amount: '5' })).rejects.toBeInstanceOf(BillingUnavailableError);
    expect(server.received).toHaveLength(2);
    await server.close();
    server = await scriptedServer(() => strapiError(500, 'InternalServerError'));
    await expect(client(server.url, { retries: 3 }).redeem('u', 'CODE')).rejects.toMatchObject({ status: 500 });
    expect(server.received).toHaveLength(1);
  });
});
