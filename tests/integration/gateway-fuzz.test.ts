// Any JSON body to a gateway route answers 2xx or 4xx — never a 5xx — and a 4xx writes nothing. Bodies are
// valid reports with fields replaced by arbitrary JSON (huge numbers, control characters, wrong types…).
// fast-check with a fixed seed and a bounded number of runs, so CI is reproducible.
import fc from 'fast-check';
import { bootForTests } from '../helpers/boot';
import { fund, gatewaySuite, tableCounts } from '../helpers/metering';

const ctx = bootForTests();

/** Values that broke columns or parsers before: beyond 2^31 and 2^63, 1e300, NUL and control characters, blanks. */
const nasty = fc.constantFrom<unknown>(
  2 ** 31, 2 ** 53, 1e15, 1e300, -1, 0.5, Number.MAX_SAFE_INTEGER, 'a\u0000b', '\u0007', '   ', '', 'x'.repeat(300), null, [], {}, true, '1000',
);
const anyValue = fc.oneof(fc.jsonValue(), nasty);

const USAGE_FIELDS = ['inputTokens', 'outputTokens', 'cacheReadTokens', 'cacheWriteTokens', 'cacheWrite1hTokens', 'inputAudioTokens', 'durationSeconds', 'calls'];
const TOP_FIELDS = ['requestId', 'userId', 'model', 'holdId', 'serviceTier', 'routeSource', 'latencyMs', 'status', 'tools', 'usage', 'extra'];

/** A valid report with up to three fields (top level or in `usage`) replaced by arbitrary values. */
const mutatedReport = (i: () => number) =>
  fc
    .tuple(
      fc.array(fc.tuple(fc.constantFrom(...TOP_FIELDS), anyValue), { maxLength: 2 }),
      fc.array(fc.tuple(fc.constantFrom(...USAGE_FIELDS), anyValue), { maxLength: 2 }),
      fc.array(fc.record({ tool: anyValue, calls: anyValue }, { requiredKeys: [] }), { maxLength: 2 }),
    )
    .map(([top, usage, tools]) => {
      const body: Record<string, unknown> = {
        requestId: `fuzz-${i()}`,
        userId: 'fuzz-user',
        model: 'claude-sonnet-4-5',
        usage: { inputTokens: 10, outputTokens: 20, ...Object.fromEntries(usage) },
        ...(tools.length ? { tools } : {}),
      };
      for (const [field, value] of top) body[field] = value;
      return body;
    });

/** A valid /authorize body with up to three fields replaced by arbitrary values. */
const mutatedAuthorize = (i: () => number) =>
  fc.array(fc.tuple(fc.constantFrom('requestId', 'userId', 'model', 'serviceTier', 'routeSource', 'extra'), anyValue), { maxLength: 3 }).map((top) => {
    const body: Record<string, unknown> = { requestId: `fuzz-auth-${i()}`, userId: 'fuzz-user', model: 'claude-sonnet-4-5' };
    for (const [field, value] of top) body[field] = value;
    return body;
  });

describe(`gateway routes under arbitrary JSON (${process.env.TEST_DB})`, () => {
  const suite = gatewaySuite(ctx, { mode: 'usage', prepaidAmount: '0.1' });
  let counter = 0;
  const next = () => (counter += 1);
  beforeAll(async () => fund(ctx.strapi, 'fuzz-user', '1000'));

  test.each(['/usage', '/authorize', '/quote'])('%s: 2xx or 4xx, never 5xx; a 4xx writes nothing', async (route) => {
    const seen = new Set<number>();
    await fc.assert(
      fc.asyncProperty(route === '/authorize' ? mutatedAuthorize(next) : mutatedReport(next), async (body) => {
        const before = await tableCounts(ctx.strapi);
        const res = await suite.post(route, body);
        seen.add(res.status);
        if (res.status >= 500) throw new Error(`${res.status} for ${JSON.stringify(body)}: ${JSON.stringify(res.body)}`);
        if (res.status >= 400) {
          expect(res.body.error).toMatchObject({ status: res.status, name: expect.any(String) });
          expect(await tableCounts(ctx.strapi)).toEqual(before);
        }
      }),
      { seed: 20261202, numRuns: 80, endOnFailure: true },
    );
    // Both outcomes were exercised (the generator is not all-valid or all-invalid).
    expect([...seen].some((s) => s < 300)).toBe(true);
    expect([...seen].some((s) => s >= 400)).toBe(true);
  }, 120000);
});
