'use strict';

// Throughput of the rating engine on one core, next to a baseline every server pays anyway:
// JSON.parse of the same request bodies. The ratio says how rating compares with merely
// reading the request, which is more telling across machines than bills/s alone.

const fs = require('node:fs');
const path = require('node:path');

const RATING_MODULE = path.join(__dirname, '..', 'dist', 'rating', 'index.js');

const MIX_SIZE = 10_000;
const WARMUP_PASSES = 1;
const RATE_PASSES = 5; // 50,000 timed rate() calls
const PARSE_PASSES = 20; // JSON.parse is much faster; more passes give it a measurable duration

const PRICING = {
  version: 1,
  currency: 'USD',
  models: [
    { model: 'claude-sonnet-4-5', mode: 'token', input: '3', output: '15', cacheRead: '0.3', cacheWrite: '3.75' },
    { model: 'gpt-4o', mode: 'token', input: '2.5', output: '10', cacheRead: '1.25' },
    {
      model: 'gemini-2.5-pro',
      mode: 'tiered',
      tiers: [
        { upTo: 200000, input: '1.25', output: '10', cacheRead: '0.125' },
        { upTo: null, input: '2.5', output: '15', cacheRead: '0.25' },
      ],
    },
    { model: 'gpt-image-1', mode: 'per_call', perCall: '0.04' },
    { model: 'sora-2', mode: 'per_second', perSecond: '0.1' },
    { model: 'llama-3.1-8b', mode: 'free' },
  ],
  tools: [
    { tool: 'web_search', perCall: '0.01', enabled: true },
    { tool: 'code_interpreter', perCall: '0.03', enabled: true },
    { tool: 'file_search', perCall: '0.0025', enabled: true },
  ],
  multipliers: [
    { name: 'priority', factor: '2' },
    { name: 'batch', factor: '0.5' },
    { name: 'flex', factor: '0.5' },
  ],
};

/** Small deterministic PRNG (mulberry32): the same mix on every run. */
function prng(seed) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function buildMix(random) {
  const int = (max) => Math.floor(random() * max);
  const pick = (items) => items[int(items.length)];
  const maybeTier = () => (random() < 0.2 ? pick(['priority', 'batch', 'flex']) : undefined);
  const maybeTools = () =>
    random() < 0.3 ? [{ tool: pick(['web_search', 'code_interpreter', 'file_search']), calls: 1 + int(5) }] : undefined;

  // Weights roughly as in a chat-heavy deployment: mostly token models, some media.
  const kinds = [
    [0.35, () => ({ model: 'claude-sonnet-4-5', usage: { inputTokens: int(20_000), outputTokens: int(4_000), cacheReadTokens: int(100_000), cacheWriteTokens: int(10_000) } })],
    [0.2, () => ({ model: 'gpt-4o', usage: { inputTokens: int(10_000), outputTokens: int(2_000), cacheReadTokens: int(20_000) } })],
    // Within ±1,000 tokens of the 200k boundary, cache included, so both tiers are hit.
    [0.15, () => ({ model: 'gemini-2.5-pro', usage: { inputTokens: 190_000 + int(10_000), cacheReadTokens: int(11_000), outputTokens: int(8_000) } })],
    [0.1, () => ({ model: 'gpt-image-1', usage: { calls: 1 + int(4) } })],
    [0.1, () => ({ model: 'sora-2', usage: { durationSeconds: Math.round(random() * 200) / 10 } })],
    [0.1, () => ({ model: 'llama-3.1-8b', usage: { inputTokens: int(8_000), outputTokens: int(1_000) }, tools: [{ tool: 'web_search', calls: 1 + int(3) }] })],
  ];

  const mix = [];
  for (let i = 0; i < MIX_SIZE; i++) {
    let roll = random();
    const [, make] = kinds.find(([weight]) => (roll -= weight) < 0) ?? kinds[kinds.length - 1];
    const body = make();
    const serviceTier = maybeTier();
    const tools = body.tools ?? maybeTools();
    mix.push({ ...body, ...(tools ? { tools } : {}), ...(serviceTier ? { serviceTier } : {}) });
  }
  return mix;
}

/** Runs fn over every item `passes` times; returns operations per second. */
function opsPerSecond(items, passes, fn) {
  let sink = 0;
  const start = process.hrtime.bigint();
  for (let pass = 0; pass < passes; pass++) {
    for (let i = 0; i < items.length; i++) sink += fn(items[i]);
  }
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  if (sink < 0) console.log(sink); // keeps the work observable, so it cannot be optimized away
  return (items.length * passes) / seconds;
}

async function benchRating() {
  if (!fs.existsSync(RATING_MODULE)) throw new Error('the compiled rating module is missing: run `npm run build` first');
  const rating = require(RATING_MODULE);

  const checked = rating.validatePricingFile(PRICING);
  if (!checked.ok) throw new Error(`bench pricing file is invalid: ${JSON.stringify(checked.errors)}`);
  const bodies = buildMix(prng(20250101));
  // Price books are looked up once, as a server would have them cached; only rate() is timed.
  const jobs = bodies.map((body) => ({ request: body, book: rating.bookFor(checked.file, body.model) }));
  const serialized = bodies.map((body) => JSON.stringify(body));

  const rateOne = (job) => rating.rate(job.request, job.book).lines.length;
  const parseOne = (text) => JSON.parse(text).usage === undefined ? 0 : 1;

  opsPerSecond(jobs, WARMUP_PASSES, rateOne);
  opsPerSecond(serialized, WARMUP_PASSES, parseOne);
  const billsPerSecond = opsPerSecond(jobs, RATE_PASSES, rateOne);
  const baselinePerSecond = opsPerSecond(serialized, PARSE_PASSES, parseOne);
  const ratio = billsPerSecond / baselinePerSecond;

  const fmt = (n) => Math.round(n).toLocaleString('en-US');
  console.log('== rating ==');
  console.log(`mix: ${bodies.length} requests (token, tiered at the 200k boundary, per_call, per_second, free + tools; 20% with a service tier)`);
  console.log(`rate():              ${fmt(billsPerSecond)} bills/s (${RATE_PASSES * bodies.length} calls, one core)`);
  console.log(`JSON.parse baseline: ${fmt(baselinePerSecond)} parses/s (same request bodies)`);
  console.log(`ratio rate/parse:    ${ratio.toFixed(3)}`);

  return { billsPerSecond, baselinePerSecond, ratio };
}

module.exports = { benchRating };

if (require.main === module) {
  benchRating().catch((err) => {
    console.error(err);
    process.exitCode = 1;
  });
}
