// Why a failed call failed: a usage report's optional `errorMessage` (only with status "error", at most 500
// characters) is stored on the call's log by every write path — the general path, PostgreSQL's one-statement
// hot path (usage mode, a priced bill above 0), the batch (set-based on PostgreSQL in usage mode) — and shown
// by the admin's list and CSV. A report without it keeps the hash it always had (retries of older calls).
import { apiToken } from '../helpers/auth';
import { bootForTests } from '../helpers/boot';
import { errorFields } from '../helpers/http';
import { adminGet, fund, gatewayPost, gatewaySuite, logRow, service, tableCounts, validatedReport } from '../helpers/metering';

const ctx = bootForTests();

const USER = 'err-user';
const REASON = 'upstream 529: overloaded_error\n{"type":"error","error":{"type":"overloaded_error"}}';

describe(`failed calls' reason (${process.env.TEST_DB})`, () => {
  const suite = gatewaySuite(ctx, { mode: 'usage', prepaidAmount: '0.1' });
  beforeAll(async () => {
    await fund(ctx.strapi, USER, '10');
  });
  const storedReason = async (requestId: string) => (await logRow(ctx.strapi, requestId))?.error_message;

  test('/usage: the reason is stored on the log (priced: the one-statement path on PostgreSQL), a retry replays, another reason is a 409', async () => {
    const body = { requestId: 'err-1', userId: USER, model: 'claude-sonnet-4-5', usage: { inputTokens: 1000 }, status: 'error', errorMessage: REASON };
    const res = await suite.post('/usage', body);
    expect(res.status).toBe(201);
    expect(res.body.data).toMatchObject({ status: 'error', cost: '0.003', charged: '0.003' });
    expect(await storedReason('err-1')).toBe(REASON);
    const again = await suite.post('/usage', body);
    expect([again.status, again.body.data]).toEqual([200, res.body.data]);
    const other = await suite.post('/usage', { ...body, errorMessage: 'timeout' });
    expect(other.status).toBe(409);
    expect(other.body.error.name).toBe('IdempotencyConflictError');
    expect(await storedReason('err-1')).toBe(REASON);
  });

  test('the general path too (an unpriced model, a bill of 0), and a report without a reason stores null', async () => {
    const unpriced = await suite.post('/usage', { requestId: 'err-2', userId: USER, model: 'err-never-priced', usage: { inputTokens: 5 }, status: 'error', errorMessage: 'x'.repeat(500) });
    expect(unpriced.status).toBe(201);
    expect(await storedReason('err-2')).toBe('x'.repeat(500));
    const plain = await suite.post('/usage', { requestId: 'err-3', userId: USER, model: 'claude-sonnet-4-5', usage: { inputTokens: 1 }, status: 'error' });
    expect(plain.status).toBe(201);
    expect(await storedReason('err-3')).toBeNull();
  });

  test('a report without errorMessage keeps the hash it had before the field existed', async () => {
    const report = validatedReport({ requestId: 'err-hash', userId: USER, model: 'claude-sonnet-4-5', usage: { inputTokens: 7 }, status: 'error' });
    expect('errorMessage' in report).toBe(false);
    await service(ctx.strapi, 'metering').report(report);
    const row = await logRow(ctx.strapi, 'err-hash');
    // sha256 of the canonical JSON of this report as validated before errorMessage existed (no such key).
    expect(row?.request_hash).toBe('06a64c7c7db21bf75e9649b28c4a91e5984b05d6a9203e7aaed71505ecce7aef');
  });

  test('batch: each report\'s reason is stored (set-based on PostgreSQL in usage mode); a bad one is that report\'s 400', async () => {
    const batchToken = await apiToken(ctx.strapi, ['gateway.usageBatch']);
    const res = await gatewayPost(ctx, batchToken, '/usage/batch', {
      reports: [
        { requestId: 'err-b1', userId: USER, model: 'claude-sonnet-4-5', usage: { inputTokens: 10 }, status: 'error', errorMessage: 'rate limited' },
        { requestId: 'err-b2', userId: USER, model: 'gpt-image-1', usage: { calls: 1 } },
        { requestId: 'err-b3', userId: USER, model: 'claude-sonnet-4-5', usage: { inputTokens: 10 }, errorMessage: 'but it succeeded' },
      ],
    });
    expect(res.status).toBe(200);
    expect(res.body.data.map((i: any) => i.status)).toEqual([201, 201, 400]);
    expect(errorFields({ body: { error: res.body.data[2].error } })).toEqual(['errorMessage']);
    expect(await storedReason('err-b1')).toBe('rate limited');
    expect(await storedReason('err-b2')).toBeNull();
    expect(await logRow(ctx.strapi, 'err-b3')).toBeUndefined();
  });

  test.each([
    ['with status "success"', { status: 'success', errorMessage: 'nope' }],
    ['without a status (success by default)', { status: undefined, errorMessage: 'nope' }],
    ['over 500 characters', { errorMessage: 'x'.repeat(501) }],
    ['empty', { errorMessage: '' }],
    ['only blanks', { errorMessage: '   ' }],
    ['a number', { errorMessage: 529 }],
    ['a NUL character', { errorMessage: 'bad\u0000byte' }],
  ])('an errorMessage %s → 400 naming errorMessage, nothing written', async (_what, patch) => {
    const before = await tableCounts(ctx.strapi);
    const res = await suite.post('/usage', { requestId: 'err-bad', userId: USER, model: 'claude-sonnet-4-5', usage: { inputTokens: 1 }, status: 'error', ...patch });
    expect(res.status).toBe(400);
    expect(errorFields(res)).toEqual(['errorMessage']);
    expect(await tableCounts(ctx.strapi)).toEqual(before);
  });

  test('the admin list and the CSV show the reason; the list\'s status filter still applies', async () => {
    const list = await adminGet(ctx, suite.admin, '/usage-logs?status=error&userId=err-user&pageSize=100');
    expect(list.status).toBe(200);
    const byId = Object.fromEntries(list.body.data.map((l: any) => [l.requestId, l.errorMessage]));
    expect(byId).toEqual({ 'err-1': REASON, 'err-3': null, 'err-hash': null, 'err-b1': 'rate limited' });
    const csv = await adminGet(ctx, suite.admin, '/usage-logs/export?userId=err-user');
    const header = csv.text.split('\n')[0].split(',');
    expect(header[header.length - 1]).toBe('errorMessage');
    // The reason's line break and quotes are quoted CSV: the row of err-1 ends with it.
    expect(csv.text).toContain(`,"${REASON.replace(/"/g, '""')}"\n`);
    expect(csv.text).toMatch(/err-b1,.*,rate limited\n/);
  });
});
