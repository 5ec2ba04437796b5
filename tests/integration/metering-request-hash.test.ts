// The request hash that makes /usage idempotent: metering.report() stores a hash of the validated report
// with its log, and a later report under the same requestId is a replay when the hashes match and a 409
// when they do not. The hash is sha256 of the report's JSON with object keys sorted, so key order never
// matters and any other value does. It is stored: retries of calls logged before an upgrade are only
// recognised if the hash of the same report stays the same, hence the pinned values below.
import type { ValidatedUsageReport } from '../../server/src/rating';
import { bootForTests } from '../helpers/boot';
import { balanceOf, fund, gatewaySuite, ledgerRows, service, tableCounts } from '../helpers/metering';

const ctx = bootForTests();

const USER = 'hash-user';

/** A validated report (what the /usage route hands the service), every field set. */
const REPORT: ValidatedUsageReport = {
  requestId: 'hash-1',
  userId: USER,
  model: 'claude-sonnet-4-5',
  status: 'success',
  usage: { inputTokens: 1200, outputTokens: 340, cacheReadTokens: 5000, cacheWriteTokens: 0, durationSeconds: 0, calls: 1 },
  tools: [{ tool: 'web_search', calls: 2 }],
  serviceTier: 'priority',
  routeSource: 'chat',
  latencyMs: 950,
};

/** sha256 hex of REPORT, and of REPORT under requestId 'hash-2'. */
const HASH_1 = '7199964605ea21593c09c097fd298caaad458d51f80c0edceb483ab284f55f8d';
const HASH_2 = '7f0d6c9d5ed9f34261222c0826457eb3a803e7fd4a8c5f9fcf2f89f05de7c845';

/** The same value with the keys of every object in reverse order. */
const reversedKeys = <T>(value: T): T =>
  (Array.isArray(value)
    ? value.map(reversedKeys)
    : value && typeof value === 'object'
      ? Object.fromEntries(Object.entries(value).reverse().map(([key, v]) => [key, reversedKeys(v)]))
      : value) as T;

const storedHash = async (requestId: string): Promise<string | undefined> =>
  (await ctx.strapi.db.connection('ub_usage_logs').select('request_hash').where({ request_id: requestId }).first())?.request_hash;

const metering = () => service(ctx.strapi, 'metering');

describe(`idempotency request hash (${process.env.TEST_DB})`, () => {
  gatewaySuite(ctx);

  beforeAll(async () => {
    await fund(ctx.strapi, USER, '10');
  });

  test('a report is logged with the sha256 of its JSON, keys sorted', async () => {
    const { replayed, result } = await metering().report(REPORT);
    expect(replayed).toBe(false);
    // 1200 × 3 + 340 × 15 + 5000 × 0.3 per 1M = 0.0102, × 2 (priority) = 0.0204; + 2 × 0.01
    expect(result).toMatchObject({ requestId: 'hash-1', cost: '0.0404', charged: '0.0404', balance: '9.9596' });
    expect(await storedHash('hash-1')).toBe(HASH_1);
  });

  test('the same report with the keys of every object in another order is a replay of the stored result', async () => {
    const reordered = reversedKeys(REPORT);
    expect(Object.keys(reordered)).toEqual([...Object.keys(REPORT)].reverse());
    expect(Object.keys(reordered.usage)).toEqual([...Object.keys(REPORT.usage)].reverse());
    expect(JSON.stringify(reordered)).not.toBe(JSON.stringify(REPORT));

    const counts = await tableCounts(ctx.strapi);
    const original = (await metering().report(REPORT)).result;
    const again = await metering().report(reordered);
    expect(again).toEqual({ replayed: true, result: original });
    expect(await tableCounts(ctx.strapi)).toEqual(counts);
    expect((await ledgerRows(ctx.strapi, { reference: 'hash-1' })).map((e) => e.amount)).toEqual(['-0.0404']);
    expect(await balanceOf(ctx.strapi, USER)).toBe('9.9596');
  });

  test.each<[string, ValidatedUsageReport]>([
    ['one more output token', { ...REPORT, usage: { ...REPORT.usage, outputTokens: 341 } }],
    ['another tool count', { ...REPORT, tools: [{ tool: 'web_search', calls: 3 }] }],
    ['no tools', { ...REPORT, tools: [] }],
    ['another service tier', { ...REPORT, serviceTier: null }],
    ['another status', { ...REPORT, status: 'error' }],
    ['a failure reason added', { ...REPORT, status: 'error', errorMessage: 'upstream timeout' }],
    ['another route source', { ...REPORT, routeSource: 'api' }],
    ['another latency', { ...REPORT, latencyMs: 951 }],
    ['a holdId added', { ...REPORT, holdId: 'hold_000000000000000000000000' }],
    ['another user', { ...REPORT, userId: 'hash-user-2' }],
  ])('the same requestId with %s → 409 IdempotencyConflictError, nothing written', async (_, variant) => {
    const counts = await tableCounts(ctx.strapi);
    const error = await metering().report(variant).then(() => null, (e: unknown) => e);
    expect(error).toMatchObject({ status: 409, name: 'IdempotencyConflictError', details: { requestId: 'hash-1' } });
    expect(await tableCounts(ctx.strapi)).toEqual(counts);
    expect(await storedHash('hash-1')).toBe(HASH_1);
  });

  test('the same call under another requestId is another body: its own hash', async () => {
    const { replayed } = await metering().report({ ...REPORT, requestId: 'hash-2' });
    expect(replayed).toBe(false);
    expect(await storedHash('hash-2')).toBe(HASH_2);
    expect(HASH_2).not.toBe(HASH_1);
  });
});
