// Fail-open: an unreachable server lets calls through and journals their usage for replayJournal(); answers
// of the server (4xx) are never swallowed. Fail-closed (the default) throws.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { BillingUnavailableError, createBillingClient, fileJournal, InsufficientFundsError, memoryJournal, ValidationError, type UsageReport } from '../../../client/src';
import { scriptedServer, strapiError, type ScriptedServer } from '../../helpers/scripted-server';
import { freePort } from '../../support/free-port';

const report = (requestId: string): UsageReport => ({ requestId, userId: 'u-1', model: 'm', usage: { inputTokens: 1 } });
const result = (requestId: string) => ({ requestId, userId: 'u-1', mode: 'usage', model: 'm', currency: 'USD', cost: '0', charged: '0', lines: [], status: 'success', flags: [], logId: 'l' });

let server: ScriptedServer | null = null;
afterEach(async () => {
  await server?.close();
  server = null;
});

const options = { token: 't', retries: 1, retryDelayMs: 5, timeoutMs: 5000 } as const;

describe('fail-open', () => {
  test('unreachable: authorize allows offline without a hold, reportUsage journals; replayJournal delivers them later', async () => {
    const port = await freePort();
    const journal = memoryJournal();
    const billing = createBillingClient({ ...options, baseUrl: `http://127.0.0.1:${port}`, whenUnreachable: 'fail-open', journal });

    expect(await billing.authorize({ userId: 'u-1', model: 'm', requestId: 'a' })).toEqual({ allowed: true, mode: 'unknown', offline: true });
    expect(await billing.reportUsage(report('a'))).toEqual({ replayed: false, result: null, journaled: true });
    expect(await billing.reportUsage(report('b'))).toEqual({ replayed: false, result: null, journaled: true });
    expect((await journal.entries()).map((r) => r.requestId)).toEqual(['a', 'b']);

    // Still down: nothing removed.
    expect(await billing.replayJournal()).toEqual({ replayed: 0, remaining: 2, rejected: [] });

    // Back up on the same port: 'a' had in fact arrived before (200 replay), 'b' is new (201); 'c' is refused for good.
    await billing.reportUsage(report('c'));
    server = await scriptedServer((req) => {
      const { requestId } = JSON.parse(req.body);
      if (requestId === 'c') return strapiError(409, 'IdempotencyConflictError', 'another body', { requestId });
      return { status: requestId === 'a' ? 200 : 201, body: { data: result(requestId) } };
    }, port);
    const replay = await billing.replayJournal();
    expect(replay).toMatchObject({ replayed: 2, remaining: 0 });
    expect(replay.rejected.map((r) => [r.report.requestId, r.error.name])).toEqual([['c', 'IdempotencyConflictError']]);
    expect(server.received.map((r) => JSON.parse(r.body))).toEqual([report('a'), report('b'), report('c')]);
    expect(await journal.entries()).toEqual([]);
  });

  test('a server that answers 5xx is unreachable too; a timeout as well', async () => {
    server = await scriptedServer((req) => (req.path.endsWith('/authorize') ? strapiError(502, 'BadGateway') : 'hang'));
    const billing = createBillingClient({ ...options, timeoutMs: 100, baseUrl: server.url, whenUnreachable: 'fail-open' });
    expect(await billing.authorize({ userId: 'u', model: 'm' })).toMatchObject({ allowed: true, offline: true });
    expect(await billing.reportUsage(report('t'))).toMatchObject({ journaled: true });
  });

  test('4xx answers are never swallowed', async () => {
    server = await scriptedServer((req) =>
      req.path.endsWith('/authorize') ? strapiError(402, 'InsufficientFundsError', 'no funds', { required: '0.1', available: '0' }) : strapiError(400, 'ValidationError'),
    );
    const journal = memoryJournal();
    const billing = createBillingClient({ ...options, baseUrl: server.url, whenUnreachable: 'fail-open', journal });
    const refused = await billing.authorize({ userId: 'u', model: 'm' }).catch((e) => e);
    expect(refused).toBeInstanceOf(InsufficientFundsError);
    expect(refused.details).toEqual({ required: '0.1', available: '0' });
    await expect(billing.reportUsage(report('v'))).rejects.toBeInstanceOf(ValidationError);
    expect(await journal.entries()).toEqual([]);
  });

  test('fail-closed (the default) throws BillingUnavailableError and journals nothing', async () => {
    const port = await freePort();
    const journal = memoryJournal();
    const billing = createBillingClient({ ...options, baseUrl: `http://127.0.0.1:${port}`, journal });
    await expect(billing.authorize({ userId: 'u', model: 'm' })).rejects.toBeInstanceOf(BillingUnavailableError);
    await expect(billing.reportUsage(report('x'))).rejects.toBeInstanceOf(BillingUnavailableError);
    expect(await journal.entries()).toEqual([]);
  });
});

describe('fileJournal', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ub-journal-'));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  test('JSON lines that survive a new journal object (a restart); remove rewrites the file', async () => {
    const file = path.join(dir, 'usage.jsonl');
    const journal = fileJournal(file);
    expect(await journal.entries()).toEqual([]);
    await Promise.all([journal.append(report('a')), journal.append(report('b')), journal.append(report('c'))]);
    expect(fs.readFileSync(file, 'utf8').split('\n')).toEqual([...['a', 'b', 'c'].map((id) => JSON.stringify(report(id))), '']);

    const reopened = fileJournal(file);
    expect((await reopened.entries()).map((r) => r.requestId)).toEqual(['a', 'b', 'c']);
    await reopened.remove(['b']);
    expect((await fileJournal(file).entries()).map((r) => r.requestId)).toEqual(['a', 'c']);
    expect(fs.readdirSync(dir)).toEqual(['usage.jsonl']);
  });

  test('a torn last line (a crash mid-append) is skipped', async () => {
    const file = path.join(dir, 'usage.jsonl');
    fs.writeFileSync(file, `${JSON.stringify(report('a'))}\n{"requestId":"b","us`);
    const journal = fileJournal(file);
    expect((await journal.entries()).map((r) => r.requestId)).toEqual(['a']);
    // The next report starts a line of its own.
    await journal.append(report('c'));
    expect((await fileJournal(file).entries()).map((r) => r.requestId)).toEqual(['a', 'c']);
  });

  test('a fail-open client with a file journal: what it could not deliver is on disk', async () => {
    const port = await freePort();
    const file = path.join(dir, 'usage.jsonl');
    const billing = createBillingClient({ ...options, baseUrl: `http://127.0.0.1:${port}`, whenUnreachable: 'fail-open', journal: fileJournal(file) });
    await billing.reportUsage(report('z'));
    expect(JSON.parse(fs.readFileSync(file, 'utf8').trim())).toEqual(report('z'));
  });
});
