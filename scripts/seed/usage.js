'use strict';
// Synthetic gateway traffic for the demo: 30 days of calls with a daily and weekly rhythm, a mix of
// routes and models, cached tokens, tools, service tiers, a few errors and a few unpriced models.
// Deterministic: the same anchor date gives the same calls (and request ids), so an interrupted
// seed can be resumed and every re-report is an idempotent repeat of the same request.

const { ROUTES, UNPRICED_MODELS, ACCOUNTS, DAY } = require('./data');

const DAYS = 30;
/** Scales every account's callsPerDay: ~3,000 calls in total. */
const VOLUME = 1.25;
const SEED = 0x5eed_b111;

/** Relative activity per local hour of day (0–23). */
const HOURLY = [0.12, 0.08, 0.06, 0.05, 0.05, 0.08, 0.18, 0.4, 0.8, 1.1, 1.25, 1.2, 0.9, 1.05, 1.25, 1.3, 1.2, 1.0, 0.75, 0.6, 0.5, 0.42, 0.3, 0.2];

/** mulberry32: a tiny seeded PRNG, good enough for synthetic data. */
function createRng(seed) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const rng = {
    next,
    chance: (p) => next() < p,
    between: (min, max) => min + next() * (max - min),
    int: (min, max) => Math.floor(min + next() * (max - min + 1)),
    /** A key of `weights` ({ key: weight }), proportionally to its weight. */
    pick(weights) {
      const entries = Object.entries(weights).filter(([, w]) => w > 0);
      const total = entries.reduce((sum, [, w]) => sum + w, 0);
      let roll = next() * total;
      for (const [key, weight] of entries) {
        roll -= weight;
        if (roll < 0) return key;
      }
      return entries[entries.length - 1][0];
    },
    /** Log-normal around `median` (sigma in natural-log units), as token counts are. */
    logNormal(median, sigma) {
      const u = Math.max(next(), 1e-12);
      const v = next();
      const gaussian = Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
      return median * Math.exp(sigma * gaussian);
    },
  };
  return rng;
}

const clampInt = (value, min, max) => Math.max(min, Math.min(max, Math.round(value)));
const isOpenAi = (model) => /^(gpt|o\d|text-embedding|dall-e|whisper|sora)/.test(model);
const isClaude = (model) => model.startsWith('claude');

function modelFor(rng, account, route) {
  if (route === 'chat' && account.unpricedShare && rng.chance(account.unpricedShare)) {
    return UNPRICED_MODELS[rng.int(0, UNPRICED_MODELS.length - 1)];
  }
  const weights = {};
  for (const [model, weight] of Object.entries(ROUTES[route])) weights[model] = weight * (account.favor?.[model] ?? 1);
  return rng.pick(weights);
}

function chatCall(rng, model) {
  const usage = {
    inputTokens: clampInt(rng.logNormal(1800, 0.9), 20, 120000),
    outputTokens: clampInt(rng.logNormal(350, 0.8), 1, 8000),
  };
  if (model === 'gemini-2.5-pro' && rng.chance(0.08)) usage.inputTokens = rng.int(210000, 600000); // long context: second tier
  if (rng.chance(0.35)) usage.cacheReadTokens = clampInt(rng.logNormal(6000, 0.8), 256, 150000);
  if (isClaude(model) && rng.chance(0.12)) usage.cacheWriteTokens = clampInt(rng.logNormal(3000, 0.7), 1024, 50000);
  let serviceTier;
  if (isOpenAi(model)) {
    const roll = rng.next();
    serviceTier = roll < 0.05 ? 'priority' : roll < 0.12 ? 'batch' : roll < 0.16 && /^o\d/.test(model) ? 'flex' : undefined;
  }
  return { usage, serviceTier, latencyMs: clampInt(250 + usage.outputTokens * rng.between(8, 25), 120, 120000) };
}

function agentCall(rng, model) {
  const usage = {
    inputTokens: clampInt(rng.logNormal(9000, 0.7), 500, 180000),
    outputTokens: clampInt(rng.logNormal(1200, 0.6), 20, 16000),
  };
  if (rng.chance(0.7)) usage.cacheReadTokens = clampInt(rng.logNormal(25000, 0.6), 1024, 180000);
  if (isClaude(model) && rng.chance(0.3)) usage.cacheWriteTokens = clampInt(rng.logNormal(8000, 0.6), 1024, 60000);
  const tools = [];
  if (rng.chance(0.6)) tools.push({ tool: 'web_search', calls: rng.int(1, 5) });
  if (rng.chance(0.3)) tools.push({ tool: 'code_interpreter', calls: rng.int(1, 3) });
  if (rng.chance(0.35)) tools.push({ tool: 'file_search', calls: rng.int(1, 4) });
  return { usage, tools, latencyMs: rng.int(3000, 40000) };
}

function embeddingsCall(rng) {
  return {
    usage: { inputTokens: clampInt(rng.logNormal(1500, 1.1), 5, 300000) },
    serviceTier: rng.chance(0.2) ? 'batch' : undefined,
    latencyMs: rng.int(80, 600),
  };
}

function imagesCall(rng) {
  return { usage: { calls: Number(rng.pick({ 1: 70, 2: 15, 4: 15 })) }, latencyMs: rng.int(6000, 25000) };
}

function videoCall(rng, model) {
  const durationSeconds = model === 'veo-3' ? 8 : Number(rng.pick({ 4: 40, 8: 40, 12: 20 }));
  return { usage: { durationSeconds }, latencyMs: rng.int(45000, 240000) };
}

function audioCall(rng) {
  const durationSeconds = Math.round(Math.min(3600, Math.max(5, rng.logNormal(180, 0.9))) * 10) / 10;
  return { usage: { durationSeconds }, latencyMs: clampInt(durationSeconds * rng.between(40, 80), 500, 300000) };
}

const BUILDERS = { chat: chatCall, agent: agentCall, embeddings: embeddingsCall, images: imagesCall, video: videoCall, audio: audioCall };

/** A failed call: the provider answered with an error after reading the prompt (no output, no media). */
function asError(rng, call) {
  const usage = { ...call.usage, outputTokens: call.usage.outputTokens === undefined ? undefined : 0 };
  if (usage.calls !== undefined) usage.calls = 0;
  if (usage.durationSeconds !== undefined) usage.durationSeconds = 0;
  for (const key of Object.keys(usage)) if (usage[key] === undefined) delete usage[key];
  return { ...call, usage, tools: undefined, status: 'error', latencyMs: rng.chance(0.5) ? rng.int(30000, 60000) : rng.int(150, 900) };
}

/**
 * The calls, oldest first, each `{ occurredAt, body }` with body a /usage request. `costOf(body)`
 * (nanos, bigint) is used to stop accounts with a `budget` once their credit is spent.
 */
function generateUsage({ anchor, costOf, toNanos }) {
  const rng = createRng(SEED);
  const end = anchor.getTime();
  const firstDay = Date.UTC(anchor.getUTCFullYear(), anchor.getUTCMonth(), anchor.getUTCDate()) - (DAYS - 1) * DAY;
  const hourWeights = Object.fromEntries(HOURLY.map((w, h) => [h, w]));
  const perAccount = new Map(ACCOUNTS.map((a) => [a.userId, []]));

  for (let day = 0; day < DAYS; day += 1) {
    const dayStart = firstDay + day * DAY;
    const weekday = new Date(dayStart).getUTCDay();
    const weekend = weekday === 0 || weekday === 6;
    for (const account of ACCOUNTS) {
      if (day < (account.startDay ?? 0) || day > (account.endDay ?? DAYS - 1)) continue;
      const trend = 0.8 + (0.4 * day) / (DAYS - 1); // the platform grows over the month
      const expected = account.callsPerDay * VOLUME * trend * (weekend ? 0.4 : 1) * rng.between(0.7, 1.3);
      const count = Math.max(0, Math.round(expected + rng.between(-0.5, 0.5)));
      for (let i = 0; i < count; i += 1) {
        const localHour = Number(rng.pick(hourWeights));
        const at = dayStart + (localHour - account.utcOffset) * 3600000 + rng.int(0, 3599999);
        if (at > end || at < firstDay) continue;
        const route = rng.pick(account.routes);
        const model = modelFor(rng, account, route);
        let call = BUILDERS[route](rng, model);
        if (rng.chance(0.02)) call = asError(rng, call);
        const body = { userId: account.userId, model, usage: call.usage, routeSource: route, latencyMs: call.latencyMs };
        if (call.tools?.length) body.tools = call.tools;
        if (call.serviceTier) body.serviceTier = call.serviceTier;
        if (call.status) body.status = call.status;
        perAccount.get(account.userId).push({ at, body });
      }
    }
  }

  const calls = [];
  const spend = new Map();
  for (const account of ACCOUNTS) {
    const own = perAccount.get(account.userId).sort((x, y) => x.at - y.at);
    const budget = account.budget === undefined ? null : toNanos(account.budget);
    let total = 0n;
    for (const call of own) {
      const cost = costOf(call.body);
      if (budget !== null && total + cost > budget) break; // the trial credit is spent: no more calls
      total += cost;
      calls.push(call);
    }
    spend.set(account.userId, total);
  }
  calls.sort((x, y) => x.at - y.at || (x.body.userId < y.body.userId ? -1 : 1));
  return {
    calls: calls.map((call, index) => ({
      occurredAt: new Date(call.at),
      body: { requestId: `demo-${String(index + 1).padStart(5, '0')}`, ...call.body },
    })),
    spend,
    rng: createRng(SEED ^ 0xa11ce),
  };
}

module.exports = { generateUsage, createRng, DAYS };
