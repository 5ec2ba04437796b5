import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { bookFor, rate, validatePricingFile, validateRateRequest, type PricingFile } from '../../../server/src/rating';
import { PRICING_FILE } from './fixtures';

// These tests run the real CLI against the compiled module in dist/ (`npm test` builds it first): the CLI is
// shipped as bin/usage-billing.js, which loads dist/rating, so the build is what is under test here. The
// expected bills come from the sources (server/src/rating): the two must agree.
const REPO = path.resolve(__dirname, '../../..');
const CLI = path.join(REPO, 'bin/usage-billing.js');
const COMPILED = path.join(REPO, 'dist/rating/index.js');

let tmp: string;

beforeAll(() => {
  if (!fs.existsSync(COMPILED)) throw new Error('dist/ is missing: run `npm run build` before the CLI tests');
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'usage-billing-cli-'));
});

afterAll(() => {
  fs.rmSync(tmp, { recursive: true, force: true });
});

let fileCounter = 0;
function writeTemp(content: unknown): string {
  const file = path.join(tmp, `input-${++fileCounter}.json`);
  fs.writeFileSync(file, typeof content === 'string' ? content : JSON.stringify(content));
  return file;
}

function runCli(args: string[], cli = CLI) {
  const result = spawnSync(process.execPath, [cli, ...args], { encoding: 'utf8', timeout: 30_000 });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** What the server computes for a /quote body: validate, look the model up, rate. */
function expectedBill(pricing: PricingFile, body: unknown) {
  const validated = validatePricingFile(pricing);
  const request = validateRateRequest(body, { requireIds: false });
  if (!validated.ok || !request.ok) throw new Error('test input must be valid');
  return rate(request.request, bookFor(validated.file, request.request.model));
}

describe('usage-billing quote', () => {
  const bodies = [
    { model: 'claude-sonnet-4-5', usage: { inputTokens: 1234, outputTokens: 567, cacheReadTokens: 12345, cacheWriteTokens: 789 } },
    { model: 'gemini-2.5-pro', usage: { inputTokens: 150000, cacheReadTokens: 50001, outputTokens: 1000 }, tools: [{ tool: 'web_search', calls: 3 }] },
    { model: 'gpt-image-1', usage: { calls: 2 }, serviceTier: 'batch' },
    { model: 'sora-2', usage: { durationSeconds: 0.333 }, serviceTier: 'priority' },
    { model: 'llama-3.1-8b', usage: { inputTokens: 10 }, tools: [{ tool: 'web_search', calls: 2 }, { tool: 'mystery', calls: 1 }] },
    { model: 'not-in-the-file', usage: { inputTokens: 10 } },
  ];

  it.each(bodies.map((body) => [body.model, body]))('prints the same bill as rate() for %s', (_model, body) => {
    const { status, stdout, stderr } = runCli(['quote', '--pricing', writeTemp(PRICING_FILE), '--usage', writeTemp(body)]);
    expect(stderr).toBe('');
    expect(status).toBe(0);
    expect(JSON.parse(stdout)).toEqual(expectedBill(PRICING_FILE, body));
    // Two-space indented JSON, one trailing newline.
    expect(stdout).toBe(`${JSON.stringify(JSON.parse(stdout), null, 2)}\n`);
  });

  it('prints an array of bills for an array of bodies', () => {
    const { status, stdout } = runCli(['quote', '--pricing', writeTemp(PRICING_FILE), '--usage', writeTemp(bodies)]);
    expect(status).toBe(0);
    expect(JSON.parse(stdout)).toEqual(bodies.map((body) => expectedBill(PRICING_FILE, body)));
  });

  it('marks a model missing from the file as unpriced', () => {
    const { stdout } = runCli(['quote', '--pricing', writeTemp(PRICING_FILE), '--usage', writeTemp({ model: 'nope', usage: {} })]);
    expect(JSON.parse(stdout)).toMatchObject({ mode: 'unpriced', total: '0', flags: ['unpriced'] });
  });

  it('fails with exit 1 and a readable message for an unknown service tier', () => {
    const body = { model: 'gpt-image-1', usage: {}, serviceTier: 'flex' };
    const { status, stdout, stderr } = runCli(['quote', '--pricing', writeTemp(PRICING_FILE), '--usage', writeTemp(body)]);
    expect(status).toBe(1);
    expect(stdout).toBe('');
    expect(stderr).toBe('serviceTier: unknown service tier "flex": no multiplier of that name is priced\n');
  });

  it('fails with exit 1 and one line per error for an invalid pricing file', () => {
    const pricing = { version: 1, models: [{ model: 'm', mode: 'per_call', perCall: 0.04 }], tools: [{ tool: 't', perCall: '1', enabled: 'yes' }] };
    const { status, stdout, stderr } = runCli(['quote', '--pricing', writeTemp(pricing), '--usage', writeTemp({ model: 'm', usage: {} })]);
    expect(status).toBe(1);
    expect(stdout).toBe('');
    expect(stderr.trimEnd().split('\n')).toEqual([
      'models[0].perCall: must be a decimal string such as "1.25" (JSON numbers are not accepted)',
      'tools[0].enabled: must be true or false',
    ]);
  });

  it('fails with exit 1 for an invalid usage body, paths prefixed by index in an array', () => {
    const single = runCli(['quote', '--pricing', writeTemp(PRICING_FILE), '--usage', writeTemp({ model: 'm', usage: { inputTokens: '5' } })]);
    expect(single.status).toBe(1);
    expect(single.stderr).toMatch(/^usage\.inputTokens: /);

    const many = [{ model: 'm', usage: {} }, { model: 'm', usage: {}, extra: 1 }, 'oops'];
    const array = runCli(['quote', '--pricing', writeTemp(PRICING_FILE), '--usage', writeTemp(many)]);
    expect(array.status).toBe(1);
    expect(array.stderr.trimEnd().split('\n').map((line) => line.split(':')[0])).toEqual(['[1].extra', '[2]']);
  });

  it('fails with exit 1 for unreadable or malformed JSON files', () => {
    const missing = runCli(['quote', '--pricing', path.join(tmp, 'nope.json'), '--usage', writeTemp({})]);
    expect(missing.status).toBe(1);
    expect(missing.stderr).toContain('cannot read');
    const malformed = runCli(['quote', '--pricing', writeTemp('{"version": 1,'), '--usage', writeTemp({})]);
    expect(malformed.status).toBe(1);
    expect(malformed.stderr).toContain('invalid JSON');
  });
});

describe('usage-billing validate', () => {
  it('summarizes a valid file', () => {
    const { status, stdout } = runCli(['validate', writeTemp(PRICING_FILE)]);
    expect(status).toBe(0);
    expect(stdout).toBe('OK: 6 models, 3 tools, 3 multipliers\n');
  });

  it('lists every error as "<path>: <message>" with exit 1', () => {
    const pricing = {
      version: 1,
      models: [
        { model: 'g', mode: 'tiered', tiers: [{ upTo: 10 }, { upTo: 5 }] },
        { model: 'g', mode: 'token', perCall: '1' },
      ],
    };
    const { status, stdout, stderr } = runCli(['validate', writeTemp(pricing)]);
    expect(status).toBe(1);
    expect(stdout).toBe('');
    const lines = stderr.trimEnd().split('\n');
    expect(lines).toEqual(expect.arrayContaining([
      'models[1].perCall: not allowed for mode "token"',
      'models[1].model: duplicate "g" (already defined at models[0])',
      "models[0].tiers[1].upTo: must be greater than the previous tier's upTo (10)",
      'models[0].tiers[1].upTo: the last tier must be open (upTo: null) so that every input size has a price',
    ]));
    expect(lines).toHaveLength(4);
  });
});

describe('usage-billing command line', () => {
  it.each([
    [[]],
    [['frobnicate']],
    [['validate']],
    [['validate', 'a.json', 'b.json']],
    [['quote', '--pricing', 'p.json']],
    [['quote', '--usage', 'u.json']],
    [['quote', '--pricing', 'p.json', '--usage', 'u.json', '--verbose']],
  ])('exits 2 with the usage text for %j', (args) => {
    const { status, stderr } = runCli(args);
    expect(status).toBe(2);
    expect(stderr).toContain('Usage:');
  });

  it('prints help with exit 0', () => {
    for (const flag of ['--help', '-h', 'help']) {
      const { status, stdout } = runCli([flag]);
      expect(status).toBe(0);
      expect(stdout).toContain('usage-billing quote --pricing');
    }
  });

  it('asks for a build when the compiled module is missing', () => {
    // A copy of the CLI in a folder with no dist/ next to it.
    const bin = path.join(tmp, 'no-build', 'bin');
    fs.mkdirSync(bin, { recursive: true });
    fs.copyFileSync(CLI, path.join(bin, 'usage-billing.js'));
    const { status, stderr } = runCli(['validate', writeTemp(PRICING_FILE)], path.join(bin, 'usage-billing.js'));
    expect(status).toBe(2);
    expect(stderr).toContain('run `npm run build` first');
  });
});
