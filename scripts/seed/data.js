'use strict';
// The demo's synthetic customers, plans and redemption codes. Prices are in examples/pricing.json.
// Everything here is invented; money is written as decimal strings of the billing currency (USD).

/** Settings written once, before anything is priced or charged. */
const SETTINGS = { mode: 'usage', currency: 'USD', prepaidAmount: '0.05', allowUnpricedModels: false, toolBilling: true };

/**
 * Models per route of the (imaginary) gateway, with relative weights. `unpriced` models have no
 * price on purpose: their calls show up as unpriced in the logs.
 */
const ROUTES = {
  chat: {
    'claude-sonnet-4-5': 24, 'gpt-4o': 12, 'gpt-4o-mini': 18, 'gpt-4.1': 8, 'gpt-4.1-mini': 8, 'claude-haiku-4-5': 10,
    'gemini-2.5-flash': 10, 'gemini-2.5-pro': 6, 'gemini-2.5-flash-lite': 4, 'deepseek-v3': 6, o3: 3, 'o4-mini': 4,
    'claude-opus-4-1': 2, 'llama-3.1-8b': 4, 'qwen2.5-7b-instruct': 3,
  },
  agent: { 'claude-sonnet-4-5': 40, 'gpt-4.1': 18, o3: 14, 'gemini-2.5-pro': 10, 'o4-mini': 10, 'claude-opus-4-1': 5 },
  embeddings: { 'text-embedding-3-small': 70, 'text-embedding-3-large': 30 },
  images: { 'gpt-image-1': 60, 'dall-e-3': 40 },
  video: { 'sora-2': 60, 'veo-3': 40 },
  audio: { 'whisper-1': 1 },
};

/** Display names and providers for the model catalog (the unpriced models are left as auto-registered). */
const MODEL_INFO = {
  'claude-opus-4-1': ['Claude Opus 4.1', 'anthropic'],
  'claude-sonnet-4-5': ['Claude Sonnet 4.5', 'anthropic'],
  'claude-haiku-4-5': ['Claude Haiku 4.5', 'anthropic'],
  'gpt-4o': ['GPT-4o', 'openai'],
  'gpt-4o-mini': ['GPT-4o mini', 'openai'],
  'gpt-4.1': ['GPT-4.1', 'openai'],
  'gpt-4.1-mini': ['GPT-4.1 mini', 'openai'],
  o3: ['o3', 'openai'],
  'o4-mini': ['o4-mini', 'openai'],
  'gemini-2.5-pro': ['Gemini 2.5 Pro', 'google'],
  'gemini-2.5-flash': ['Gemini 2.5 Flash', 'google'],
  'gemini-2.5-flash-lite': ['Gemini 2.5 Flash-Lite', 'google'],
  'deepseek-v3': ['DeepSeek-V3', 'deepseek'],
  'text-embedding-3-small': ['text-embedding-3-small', 'openai'],
  'text-embedding-3-large': ['text-embedding-3-large', 'openai'],
  'gpt-image-1': ['GPT Image 1', 'openai'],
  'dall-e-3': ['DALL·E 3', 'openai'],
  'sora-2': ['Sora 2', 'openai'],
  'veo-3': ['Veo 3', 'google'],
  'whisper-1': ['Whisper', 'openai'],
  'llama-3.1-8b': ['Llama 3.1 8B (self-hosted)', 'meta'],
  'qwen2.5-7b-instruct': ['Qwen2.5 7B Instruct (self-hosted)', 'alibaba'],
};

/** Model names the gateway reports but nobody priced. */
const UNPRICED_MODELS = ['grok-4', 'mistral-large-2411'];

/**
 * A dozen accounts. callsPerDay: average weekday volume. routes: share of each route. favor: models
 * this customer uses more (weight multiplier). utcOffset: their working hours. startDay/endDay: active
 * days of the 30 (0 = 29 days ago, 29 = today). topUp: the size of their usual top-up. budget: a
 * trial that stops when its credit is spent. unpricedShare: share of chat calls on unpriced models.
 */
const ACCOUNTS = [
  { userId: 'acme-corp', callsPerDay: 22, utcOffset: -5, topUp: '200', routes: { chat: 55, agent: 20, embeddings: 20, images: 5 }, favor: { 'claude-sonnet-4-5': 2 } },
  { userId: 'globex-ai', callsPerDay: 16, utcOffset: 1, topUp: '100', routes: { chat: 40, agent: 35, embeddings: 25 }, favor: { 'gpt-4.1': 2.5, o3: 2 }, unpricedShare: 0.03 },
  { userId: 'initech', callsPerDay: 12, utcOffset: -8, topUp: '50', routes: { chat: 70, embeddings: 30 }, favor: { 'gpt-4o-mini': 3 } },
  { userId: 'umbrella-labs', callsPerDay: 9, utcOffset: 8, topUp: '100', routes: { chat: 50, images: 25, video: 10, embeddings: 15 }, favor: { 'gemini-2.5-pro': 3, 'gemini-2.5-flash': 2 } },
  { userId: 'hooli-search', callsPerDay: 10, utcOffset: -8, topUp: '50', routes: { embeddings: 60, chat: 40 }, favor: { 'deepseek-v3': 4 } },
  { userId: 'stark-studio', callsPerDay: 4, utcOffset: -5, topUp: '100', routes: { images: 45, video: 30, chat: 25 }, favor: { 'claude-opus-4-1': 2 } },
  { userId: 'wayne-analytics', callsPerDay: 6, utcOffset: -5, topUp: '50', routes: { agent: 60, chat: 40 }, favor: { o3: 2 } },
  { userId: 'soylent-health', callsPerDay: 5, utcOffset: 1, topUp: '20', routes: { chat: 50, audio: 35, embeddings: 15 }, favor: { 'claude-haiku-4-5': 3 } },
  { userId: 'tyrell-robotics', callsPerDay: 5, utcOffset: 9, topUp: '50', routes: { chat: 60, agent: 40 }, favor: { 'qwen2.5-7b-instruct': 4, 'llama-3.1-8b': 4 }, unpricedShare: 0.04, startDay: 11 },
  { userId: 'cyberdyne-dev', callsPerDay: 4, utcOffset: 0, topUp: '20', routes: { chat: 80, embeddings: 20 }, favor: { 'gpt-4o': 2 }, endDay: 18 },
  { userId: 'pied-piper', callsPerDay: 6, utcOffset: -8, topUp: '20', routes: { chat: 75, images: 25 }, favor: { 'gemini-2.5-flash-lite': 5, 'gpt-4o-mini': 3 }, startDay: 6 },
  // A trial that burns its welcome credit on the most expensive model and is left below the prepaid amount.
  { userId: 'vandelay-trial', callsPerDay: 9, utcOffset: -5, topUp: '5', routes: { chat: 100 }, favor: { 'claude-opus-4-1': 60 }, startDay: 19, budget: '5' },
];

/** Credit every account gets before its first call (a sign-up bonus written as an adjustment). */
const WELCOME_CREDIT = '5';

/** One-off adjustments besides welcome credits and top-ups (both directions, as support would do). */
const EXTRA_ADJUSTMENTS = [
  { userId: 'globex-ai', amount: '10', reason: 'Goodwill credit: degraded latency incident' },
  { userId: 'acme-corp', amount: '200', reason: 'Top-up: bank transfer (received twice)' },
  { userId: 'acme-corp', amount: '-200', reason: 'Correction: duplicate bank transfer refunded' },
  { userId: 'stark-studio', amount: '25', reason: 'Credit for failed video generations' },
];

const PLANS = [
  {
    key: 'monthly',
    name: 'Pro Monthly',
    description: 'Monthly subscription: $25 of model usage every month.',
    price: '20',
    interval: 'monthly',
    periodCredit: '25',
    discount: '0',
    sortOrder: 1,
    notes: ['$25 of model usage each month', 'Every model and tool', 'Email support'],
  },
  {
    key: 'yearly',
    name: 'Pro Yearly',
    description: 'Yearly subscription: $300 of model usage a year, 20 % off.',
    price: '240',
    interval: 'yearly',
    periodCredit: '300',
    discount: '20',
    sortOrder: 2,
    notes: ['$300 of model usage a year', '20 % off the yearly price', 'Priority support'],
  },
  {
    key: 'lifetime',
    name: 'Founders Lifetime',
    description: 'One payment, $500 of model usage that never expires.',
    price: '399',
    interval: 'lifetime',
    periodCredit: '500',
    discount: '0',
    sortOrder: 3,
    notes: ['$500 of model usage, never reset', 'Free models do not count against credit'],
  },
];

/**
 * Accounts with a subscription history, oldest step first: a plan key above to start that plan (a later
 * one replaces the earlier, carrying its unused credit), or 'cancel' (runs to the period end).
 */
const SUBSCRIPTIONS = [
  { userId: 'acme-corp', steps: ['yearly'] },
  { userId: 'initech', steps: ['monthly'] },
  { userId: 'wayne-analytics', steps: ['monthly', 'yearly'] },
  { userId: 'pied-piper', steps: ['monthly', 'cancel'] },
  { userId: 'stark-studio', steps: ['lifetime'] },
];

const DAY = 24 * 3600 * 1000;

/**
 * Redemption codes with chosen texts; `plan` names a plan key above, `expiresInDays` is relative to the
 * seeding date. `generated` adds a batch of codes the service generates.
 */
const CODES = [
  { code: 'WELCOME-5', mode: 'usage', amount: '5', totalUses: 1000, perUserLimit: 1, expiresInDays: 90, description: 'Sign-up bonus for new customers', batch: 'welcome' },
  { code: 'LAUNCH-20', mode: 'usage', amount: '20', totalUses: 50, perUserLimit: 1, expiresInDays: 14, description: 'Launch week promotion', batch: 'launch' },
  { code: 'PARTNER-100', mode: 'usage', amount: '100', totalUses: 5, perUserLimit: 1, description: 'Credit for integration partners', batch: 'partners' },
  { code: 'SUMMER-10', mode: 'usage', amount: '10', totalUses: 200, perUserLimit: 1, expiresInDays: -3, description: 'Expired seasonal promotion', batch: 'summer' },
  { code: 'PAUSED-15', mode: 'usage', amount: '15', totalUses: 100, perUserLimit: 1, expiresInDays: 30, description: 'Disabled while the campaign is reviewed', batch: 'paused', enabled: false },
  { code: 'PRO-YEAR-GIFT', mode: 'period', plan: 'yearly', durationDays: 365, totalUses: 1, perUserLimit: 1, expiresInDays: 180, description: 'One year of Pro for a contest winner', batch: 'gifts' },
  // A batch of single-use monthly-plan codes, as handed out at a conference.
  ...['K7QP', 'M2XD', 'R9TB', 'W4HN', 'Z6CJ'].map((suffix) => ({
    code: `PRO-MONTH-${suffix}`,
    mode: 'period',
    plan: 'monthly',
    durationDays: 30,
    totalUses: 1,
    perUserLimit: 1,
    expiresInDays: 60,
    description: 'Conference giveaway: one month of Pro',
    batch: 'conference',
  })),
];

/** Batches of generated codes (random strings), as an admin would create them on the Codes page. */
const GENERATED_CODES = [
  { batch: 'newsletter-2026-11', mode: 'usage', amount: '2', count: 40, totalUses: 1, perUserLimit: 1, expiresInDays: 45, description: 'Newsletter readers: $2 of credit' },
  { batch: 'support-goodwill', mode: 'usage', amount: '10', count: 10, totalUses: 1, perUserLimit: 1, description: 'Handed out by support after incidents' },
];

/** Redemptions made by demo accounts: a chosen code, or `{ batch, index }` for the index-th code of a generated batch. */
const REDEMPTIONS = [
  { userId: 'initech', code: 'WELCOME-5' },
  { userId: 'pied-piper', code: 'WELCOME-5' },
  { userId: 'hooli-search', code: 'LAUNCH-20' },
  { userId: 'globex-ai', batch: 'support-goodwill', index: 0 },
  { userId: 'soylent-health', batch: 'newsletter-2026-11', index: 0 },
  { userId: 'cyberdyne-dev', batch: 'newsletter-2026-11', index: 1 },
];

module.exports = { SETTINGS, ROUTES, MODEL_INFO, UNPRICED_MODELS, ACCOUNTS, WELCOME_CREDIT, EXTRA_ADJUSTMENTS, PLANS, SUBSCRIPTIONS, CODES, GENERATED_CODES, REDEMPTIONS, DAY };
