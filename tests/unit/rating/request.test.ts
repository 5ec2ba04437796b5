import { validateRateRequest, type ValidationError } from '../../../server/src/rating';

const QUOTE = { requireIds: false } as const;
const REPORT = { requireIds: true } as const;

const USAGE_REPORT = {
  requestId: 'req-1',
  userId: 'user-1',
  model: 'claude-sonnet-4-5',
  holdId: 'hold-1',
  usage: { inputTokens: 1000, outputTokens: 200, cacheReadTokens: 0, cacheWriteTokens: 0 },
  tools: [{ tool: 'web_search', calls: 2 }],
  serviceTier: 'priority',
  routeSource: 'gateway',
  latencyMs: 1234,
  status: 'success',
};

function pathsOf(input: unknown, opts: { requireIds: boolean }): string[] {
  const result = validateRateRequest(input, opts);
  if (result.ok) throw new Error('expected the request to be invalid');
  return result.errors.map((e: ValidationError) => e.path);
}

describe('validateRateRequest', () => {
  it('accepts a full /usage report and keeps its ids', () => {
    const result = validateRateRequest(USAGE_REPORT, REPORT);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.request).toEqual({
      ...USAGE_REPORT,
      usage: { inputTokens: 1000, outputTokens: 200, cacheReadTokens: 0, cacheWriteTokens: 0, durationSeconds: 0, calls: 1 },
    });
    // Typed as present when ids are required.
    const requestId: string = result.request.requestId;
    expect(requestId).toBe('req-1');
  });

  it('applies defaults to a minimal /quote body', () => {
    expect(validateRateRequest({ model: 'gpt-image-1', usage: {} }, QUOTE)).toEqual({
      ok: true,
      request: {
        model: 'gpt-image-1',
        usage: { inputTokens: 0, outputTokens: 0, cacheReadTokens: 0, cacheWriteTokens: 0, durationSeconds: 0, calls: 1 },
        tools: [],
        status: 'success',
      },
    });
  });

  it('requires ids for a usage report only', () => {
    expect(pathsOf({ model: 'm', usage: {} }, REPORT)).toEqual(['requestId', 'userId']);
    expect(validateRateRequest({ model: 'm', usage: {} }, QUOTE).ok).toBe(true);
  });

  it('still validates ids given to a quote, then drops them', () => {
    expect(pathsOf({ model: 'm', usage: {}, requestId: '', userId: 7 }, QUOTE)).toEqual(['requestId', 'userId']);
    const result = validateRateRequest({ model: 'm', usage: {}, requestId: 'r', userId: 'u' }, QUOTE);
    expect(result.ok && result.request).not.toHaveProperty('requestId');
    expect(result.ok && result.request).not.toHaveProperty('userId');
  });

  it('accepts every kind of token count; the non-text ones only when above 0, so older bodies validate as before', () => {
    const usage = {
      inputTokens: 10,
      cacheWrite1hTokens: 1,
      inputAudioTokens: 2,
      cacheReadAudioTokens: 3,
      inputImageTokens: 4,
      cacheReadImageTokens: 5,
      inputVideoTokens: 6,
      outputAudioTokens: 7,
      outputImageTokens: 8,
      outputVideoTokens: 0,
    };
    const result = validateRateRequest({ model: 'gpt-realtime', usage }, QUOTE);
    expect(result.ok && result.request.usage).toEqual({
      inputTokens: 10,
      outputTokens: 0,
      cacheReadTokens: 0,
      cacheWriteTokens: 0,
      cacheWrite1hTokens: 1,
      inputAudioTokens: 2,
      cacheReadAudioTokens: 3,
      inputImageTokens: 4,
      cacheReadImageTokens: 5,
      inputVideoTokens: 6,
      outputAudioTokens: 7,
      outputImageTokens: 8,
      durationSeconds: 0,
      calls: 1,
    });
    // A 0 is the same report as no count at all (the stored idempotency hash of a report depends on it).
    const zeros = validateRateRequest({ model: 'm', usage: { inputAudioTokens: 0, outputVideoTokens: 0 } }, QUOTE);
    expect(zeros).toEqual(validateRateRequest({ model: 'm', usage: {} }, QUOTE));
  });

  it('accepts a null service tier and fractional seconds', () => {
    const result = validateRateRequest({ model: 'sora-2', usage: { durationSeconds: 4.5 }, serviceTier: null }, QUOTE);
    expect(result.ok && result.request).toMatchObject({ serviceTier: null, usage: { durationSeconds: 4.5 } });
  });

  it.each<[string, Record<string, unknown>, string[]]>([
    ['missing model', { usage: {} }, ['model']],
    ['empty model', { model: '', usage: {} }, ['model']],
    ['model too long', { model: 'm'.repeat(192), usage: {} }, ['model']],
    ['missing usage', { model: 'm' }, ['usage']],
    ['usage not an object', { model: 'm', usage: [] }, ['usage']],
    ['token count as a string', { model: 'm', usage: { inputTokens: '1000' } }, ['usage.inputTokens']],
    ['negative token count', { model: 'm', usage: { outputTokens: -1 } }, ['usage.outputTokens']],
    ['fractional token count', { model: 'm', usage: { cacheReadTokens: 1.5 } }, ['usage.cacheReadTokens']],
    ['token count beyond 2^53', { model: 'm', usage: { cacheWriteTokens: 2 ** 53 } }, ['usage.cacheWriteTokens']],
    ['duration as a string', { model: 'm', usage: { durationSeconds: '4.5' } }, ['usage.durationSeconds']],
    ['negative duration', { model: 'm', usage: { durationSeconds: -1 } }, ['usage.durationSeconds']],
    ['fractional calls', { model: 'm', usage: { calls: 0.5 } }, ['usage.calls']],
    ['unknown usage field', { model: 'm', usage: { reasoningTokens: 5 } }, ['usage.reasoningTokens']],
    ['audio count as a string', { model: 'm', usage: { inputAudioTokens: '5' } }, ['usage.inputAudioTokens']],
    ['negative 1-hour cache write', { model: 'm', usage: { cacheWrite1hTokens: -1 } }, ['usage.cacheWrite1hTokens']],
    ['fractional cached image count', { model: 'm', usage: { cacheReadImageTokens: 0.5 } }, ['usage.cacheReadImageTokens']],
    ['video count beyond 2^53', { model: 'm', usage: { outputVideoTokens: 2 ** 53 } }, ['usage.outputVideoTokens']],
    ['price field as a usage count', { model: 'm', usage: { inputAudio: 5, cacheWriteAudioTokens: 1 } }, ['usage.inputAudio', 'usage.cacheWriteAudioTokens']],
    ['tools not an array', { model: 'm', usage: {}, tools: {} }, ['tools']],
    ['tool calls as a string', { model: 'm', usage: {}, tools: [{ tool: 'x', calls: '2' }] }, ['tools[0].calls']],
    ['negative tool calls', { model: 'm', usage: {}, tools: [{ tool: 'x' }, { tool: 'y', calls: -2 }] }, ['tools[1].calls']],
    ['tool without a name', { model: 'm', usage: {}, tools: [{ calls: 1 }] }, ['tools[0].tool']],
    ['unknown tool field', { model: 'm', usage: {}, tools: [{ tool: 'x', cost: '1' }] }, ['tools[0].cost']],
    ['too many tool entries', { model: 'm', usage: {}, tools: Array.from({ length: 65 }, () => ({ tool: 'x' })) }, ['tools']],
    ['service tier not a string', { model: 'm', usage: {}, serviceTier: 2 }, ['serviceTier']],
    ['route source too long', { model: 'm', usage: {}, routeSource: 'r'.repeat(65) }, ['routeSource']],
    ['negative latency', { model: 'm', usage: {}, latencyMs: -5 }, ['latencyMs']],
    ['unknown status', { model: 'm', usage: {}, status: 'ok' }, ['status']],
    ['empty hold id', { model: 'm', usage: {}, holdId: '' }, ['holdId']],
    ['unknown top-level field', { model: 'm', usage: {}, price: '1' }, ['price']],
  ])('%s', (_label, body, expected) => {
    expect(pathsOf(body, QUOTE)).toEqual(expected);
  });

  it('collects all errors and explains them', () => {
    const result = validateRateRequest({ usage: { inputTokens: '5', calls: -1 }, tools: [{ tool: 'x', calls: 1.5 }], extra: true }, REPORT);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors).toEqual(
      expect.arrayContaining([
        { path: 'requestId', message: 'is required' },
        { path: 'model', message: 'is required' },
        { path: 'usage.inputTokens', message: 'must be a non-negative integer (a JSON number, not a string)' },
        { path: 'usage.calls', message: 'must not be negative' },
        { path: 'tools[0].calls', message: 'must be an integer' },
        { path: 'extra', message: 'unknown field' },
      ]),
    );
  });

  it('rejects a body that is not an object', () => {
    expect(pathsOf('hello', QUOTE)).toEqual(['(root)']);
    expect(pathsOf(null, REPORT)).toEqual(['(root)']);
  });
});
