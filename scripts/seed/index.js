'use strict';
// Seeds the demo data once per database, through the plugin's own services wherever they exist.
//
// Progress is kept in the plugin store (type plugin, name usage-billing, key demo-seed): each part is
// recorded when it completes, so a second start skips it, and a start after an interrupted or partial
// seed (for instance a plugin service that did not exist yet) resumes with the parts still missing.
// Every part is also idempotent on its own (unique references, request ids, codes and names).
const fs = require('node:fs');
const path = require('node:path');
const { ROOT, RATING_MODULE } = require('../lib/paths');
const { ensureAdmin, ensureApiToken } = require('./auth');
const { SETTINGS, MODEL_INFO, ACCOUNTS, WELCOME_CREDIT, EXTRA_ADJUSTMENTS, PLANS, SUBSCRIPTIONS, CODES, GENERATED_CODES, REDEMPTIONS, DAY } = require('./data');
const { generateUsage } = require('./usage');

const PLUGIN = 'usage-billing';
const MARKER_KEY = 'demo-seed';
const MARKER_VERSION = 1;
const PRICING_FILE = path.join(ROOT, 'examples', 'pricing.json');
const ACTOR = 'demo-seed';

const rating = () => require(RATING_MODULE);

/** A plugin service, or null when the plugin does not have it (yet). */
function pluginService(strapi, name) {
  try {
    return strapi.plugin(PLUGIN).service(name) ?? null;
  } catch {
    return null;
  }
}

const isUniqueViolation = (error) =>
  error?.code === '23505' || error?.code === 'SQLITE_CONSTRAINT_UNIQUE' || /UNIQUE constraint failed|duplicate key value/i.test(String(error?.message));

const markerStore = (strapi) => strapi.store({ type: 'plugin', name: PLUGIN, key: MARKER_KEY });

async function readMarker(strapi) {
  const value = await markerStore(strapi).get({});
  return value && typeof value === 'object' ? value : null;
}

const writeMarker = (strapi, marker) => markerStore(strapi).set({ value: marker });

/** The pricing file, parsed and validated with the plugin's own rules (throws on a mistake in it). */
function loadPricingFile() {
  const raw = JSON.parse(fs.readFileSync(PRICING_FILE, 'utf8'));
  const result = rating().validatePricingFile(raw);
  if (!result.ok) throw new Error(`${PRICING_FILE}: ${result.errors.map((e) => `${e.path}: ${e.message}`).join('; ')}`);
  return { raw, file: result.file };
}

/** The synthetic usage for this database's anchor date, with each account's expected spend. */
function plannedUsage(anchor) {
  const { rate, bookFor, validateRateRequest, toNanos } = rating();
  const { file } = loadPricingFile();
  const costOf = (body) => {
    const checked = validateRateRequest(body, { requireIds: false });
    if (!checked.ok) throw new Error(`invalid synthetic call ${JSON.stringify(body)}: ${JSON.stringify(checked.errors)}`);
    return toNanos(rate(checked.request, bookFor(file, body.model)).total);
  };
  return generateUsage({ anchor: new Date(anchor), costOf, toNanos });
}

// ---------------------------------------------------------------------------------------------------
// The parts, in order. `needs`: plugin service methods the part calls; `after`: parts that must be done first.

async function seedSettings({ strapi }) {
  await pluginService(strapi, 'settings').update(SETTINGS);
  return `billing mode "${SETTINGS.mode}", prepaid amount ${SETTINGS.prepaidAmount} ${SETTINGS.currency}`;
}

async function seedPricing({ strapi }) {
  const { file } = loadPricingFile();
  const result = await pluginService(strapi, 'pricingFile').importFile(file, { dryRun: false, allowUnknown: true, actor: ACTOR });
  const changed = result?.models ? ` (${result.models.new?.length ?? 0} new, ${result.models.changed?.length ?? 0} changed)` : '';
  return `${file.models.length} model prices${changed}, ${file.tools.length} tool prices, ${file.multipliers.length} service multipliers from examples/pricing.json`;
}

async function seedCatalog({ strapi }) {
  const catalog = pluginService(strapi, 'catalog');
  for (const [name, [displayName, provider]] of Object.entries(MODEL_INFO)) {
    await catalog.save({ name, displayName, provider }, 'import');
  }
  return `display names and providers for ${Object.keys(MODEL_INFO).length} catalog models`;
}

async function seedPlans({ strapi }) {
  const service = pluginService(strapi, 'plans');
  const existing = new Set((await service.list()).map((plan) => plan.name));
  let created = 0;
  for (const plan of PLANS) {
    if (existing.has(plan.name)) continue;
    const { key, ...input } = plan;
    await service.create(input);
    created += 1;
  }
  return `${PLANS.length} plans (${PLANS.map((p) => p.name).join(', ')})${created < PLANS.length ? `, ${PLANS.length - created} already there` : ''}`;
}

/**
 * A few accounts with subscriptions (shown on the Accounts and Plans pages; they count once the mode is
 * switched to period): each step starts a plan through the subscriptions service, or cancels.
 */
async function seedSubscriptions({ strapi }) {
  const subscriptions = pluginService(strapi, 'subscriptions');
  // A database seeded before a plan was added to PLANS gets it now.
  await seedPlans({ strapi });
  const planIds = new Map((await pluginService(strapi, 'plans').list()).map((plan) => [plan.name, plan.id]));
  const byKey = new Map(PLANS.map((plan) => [plan.key, plan.name]));
  let steps = 0;
  for (const { userId, steps: userSteps } of SUBSCRIPTIONS) {
    // Already seeded by an earlier, interrupted run: the history exists.
    if ((await subscriptions.history(userId)).length > 0) continue;
    for (const step of userSteps) {
      if (step === 'cancel') await subscriptions.cancel(userId);
      else await subscriptions.start(userId, planIds.get(byKey.get(step)), { source: ACTOR });
      steps += 1;
    }
  }
  return `${SUBSCRIPTIONS.length} subscribed accounts (${steps} subscription steps)`;
}

async function seedCodes({ strapi, marker }) {
  const codes = pluginService(strapi, 'codes');
  const planIds = new Map((await pluginService(strapi, 'plans').list()).map((plan) => [plan.name, plan.id]));
  const planId = (key) => planIds.get(PLANS.find((plan) => plan.key === key).name);
  const anchor = new Date(marker.anchor).getTime();
  const expiry = (days) => (days === undefined ? null : new Date(anchor + days * DAY));
  const existing = new Set((await codes.list({ page: 1, pageSize: 500 })).data.map((c) => c.batch));
  const grant = (c) => (c.mode === 'usage' ? { amount: c.amount } : { planId: planId(c.plan), durationDays: c.durationDays });
  let created = 0;
  for (const c of CODES) {
    // Chosen codes are unique: one already there (an interrupted seed) is a 409, skipped.
    try {
      await codes.create({ mode: c.mode, ...grant(c), count: 1, code: c.code, totalUses: c.totalUses, perUserLimit: c.perUserLimit, expiresAt: expiry(c.expiresInDays), description: c.description, batch: c.batch });
      created += 1;
    } catch (error) {
      if (error?.name !== 'ConflictError') throw error;
    }
    if (c.enabled === false) {
      const [row] = (await codes.list({ q: c.code, page: 1, pageSize: 1 })).data;
      if (row?.enabled) await codes.setEnabled(row.id, false);
    }
  }
  for (const g of GENERATED_CODES) {
    if (existing.has(g.batch)) continue;
    await codes.create({ mode: g.mode, amount: g.amount, count: g.count, totalUses: g.totalUses, perUserLimit: g.perUserLimit, expiresAt: expiry(g.expiresInDays), description: g.description, batch: g.batch });
    created += g.count;
  }
  const generated = GENERATED_CODES.reduce((sum, g) => sum + g.count, 0);
  return `${CODES.length + generated} redemption codes (${CODES.length} chosen, ${GENERATED_CODES.length} generated batches; one expired, one disabled)${created ? '' : ', already there'}`;
}

/** A few accounts redeem codes (usage-mode codes: the demo runs in usage mode). */
async function seedRedemptions({ strapi }) {
  const codes = pluginService(strapi, 'codes');
  const redemptions = pluginService(strapi, 'redemptions');
  let redeemed = 0;
  for (const r of REDEMPTIONS) {
    const filter = r.code ? { q: r.code } : { batch: r.batch };
    const rows = (await codes.list({ ...filter, page: 1, pageSize: 500 })).data.sort((a, b) => a.id - b.id);
    const code = r.code ? rows.find((c) => c.code === r.code) : rows[r.index];
    if (!code) continue;
    if ((await codes.redemptions(code.id)).some((x) => x.userId === r.userId)) continue;
    await redemptions.redeem(r.userId, code.code, { throttleKeys: [] });
    redeemed += 1;
  }
  return `${REDEMPTIONS.length} redemptions by demo accounts${redeemed < REDEMPTIONS.length ? ` (${REDEMPTIONS.length - redeemed} already there)` : ''}`;
}

/**
 * Credits before usage: a welcome credit, a few one-off adjustments, and as many top-ups of the
 * account's usual size as its 30 days of usage need, leaving a realistic balance. The trial account
 * only gets its budget, which its usage spends to below the prepaid amount.
 */
function creditPlan(spend, rng) {
  const { toNanos } = rating();
  const entries = [];
  for (const account of ACCOUNTS) {
    const budget = account.budget === undefined ? null : toNanos(account.budget);
    const welcome = budget !== null && budget < toNanos(WELCOME_CREDIT) ? budget : toNanos(WELCOME_CREDIT);
    const own = [{ reference: `demo:welcome:${account.userId}`, amount: welcome, reason: 'Welcome credit' }];
    EXTRA_ADJUSTMENTS.filter((a) => a.userId === account.userId).forEach((a, i) =>
      own.push({ reference: `demo:adjustment:${account.userId}:${i + 1}`, amount: toNanos(a.amount), reason: a.reason }),
    );
    const topUp = toNanos(account.topUp);
    const credited = own.reduce((sum, e) => sum + e.amount, 0n);
    if (budget !== null) {
      if (budget > credited) own.push({ reference: `demo:topup:${account.userId}:1`, amount: budget - credited, reason: 'Top-up: card payment' });
    } else {
      // What is left after the month: between 5 % and 90 % of one top-up.
      const cushion = (topUp * BigInt(Math.round(rng.between(5, 90)))) / 100n;
      const needed = (spend.get(account.userId) ?? 0n) + cushion - credited;
      const count = needed > 0n ? Number((needed + topUp - 1n) / topUp) : 0;
      for (let i = 1; i <= count; i += 1) {
        own.push({
          reference: `demo:topup:${account.userId}:${i}`,
          amount: topUp,
          reason: i % 2 ? 'Top-up: card payment' : `Top-up: bank transfer (invoice INV-${String(1000 + rng.int(0, 8999))})`,
        });
      }
    }
    entries.push(...own.map((e) => ({ ...e, userId: account.userId })));
  }
  return entries;
}

async function seedAccounts({ strapi, marker }) {
  const { nanosToString } = rating();
  const ledger = pluginService(strapi, 'ledger');
  const { spend, rng } = plannedUsage(marker.anchor);
  const entries = creditPlan(spend, rng);
  const ledgerEntries = strapi.db.query(`plugin::${PLUGIN}.ledger-entry`);
  let applied = 0;
  let total = 0n;
  for (const entry of entries) {
    total += entry.amount;
    // Already credited by an earlier, interrupted seed: references are unique per kind.
    if (await ledgerEntries.findOne({ where: { kind: 'adjustment', reference: entry.reference }, select: ['id'] })) continue;
    try {
      await ledger.adjust({ userId: entry.userId, amount: nanosToString(entry.amount), reason: entry.reason, actor: ACTOR, reference: entry.reference });
      applied += 1;
    } catch (error) {
      const duplicate = isUniqueViolation(error) || (error?.name === 'ConflictError' && error?.details?.reference === entry.reference);
      if (!duplicate) throw error;
    }
  }
  return `${ACCOUNTS.length} accounts credited with ${entries.length} adjustments (${nanosToString(total)} ${SETTINGS.currency} in total)${applied < entries.length ? `, ${entries.length - applied} already there` : ''}`;
}

/** Lets the event loop run (signals, HTTP) and stops when the demo is shutting down. */
async function checkpoint(signal) {
  await new Promise((resolve) => setImmediate(resolve));
  if (signal?.aborted) throw Object.assign(new Error('seeding interrupted'), { name: 'AbortError' });
}

async function seedUsage({ strapi, marker, log, signal }) {
  const metering = pluginService(strapi, 'metering');
  const { validateRateRequest } = rating();
  const { calls } = plannedUsage(marker.anchor);
  const concurrency = strapi.db.dialect.client === 'postgres' ? 4 : 1;
  // Calls of one account stay in order (its balance runs down in time); accounts run side by side.
  const queues = new Map();
  for (const call of calls) {
    if (!queues.has(call.body.userId)) queues.set(call.body.userId, []);
    queues.get(call.body.userId).push(call);
  }
  const lanes = Array.from({ length: concurrency }, () => []);
  [...queues.values()].sort((a, b) => b.length - a.length).forEach((queue, i) => lanes[i % concurrency].push(...queue));

  let done = 0;
  let nextReport = 0.1;
  const failures = new Map();
  const started = Date.now();
  await Promise.all(
    lanes.map(async (lane) => {
      for (const [index, call] of lane.entries()) {
        // SQLite queries are synchronous: without this, a Ctrl-C would wait for the whole seed.
        if (index % 20 === 0) await checkpoint(signal);
        try {
          // report() takes the request as the /usage controller hands it over: validated, defaults applied.
          const checked = validateRateRequest(call.body, { requireIds: true });
          if (!checked.ok) throw Object.assign(new Error(JSON.stringify(checked.errors)), { name: 'InvalidSyntheticCall' });
          await metering.report(checked.request, { occurredAt: call.occurredAt });
        } catch (error) {
          const key = `${error?.name ?? 'Error'}: ${error?.message ?? error}`;
          if (!failures.has(key)) failures.set(key, { count: 0, example: call.body.requestId });
          failures.get(key).count += 1;
        }
        done += 1;
        if (done / calls.length >= nextReport) {
          log.info(`  usage ${Math.round((done / calls.length) * 100)} % (${done}/${calls.length} calls, ${Math.round(done / ((Date.now() - started) / 1000))}/s)`);
          nextReport += 0.1;
        }
      }
    }),
  );
  const failed = [...failures.values()].reduce((sum, f) => sum + f.count, 0);
  for (const [message, { count, example }] of failures) log.warn(`${count} usage reports failed (e.g. ${example}): ${message}`);
  const days = new Set(calls.map((c) => c.occurredAt.toISOString().slice(0, 10))).size;
  const priced = new Set(loadPricingFile().file.models.map((m) => m.model));
  const errors = calls.filter((c) => c.body.status === 'error').length;
  const unpriced = calls.filter((c) => !priced.has(c.body.model)).length;
  const summary = `${calls.length - failed} usage logs over ${days} days (${errors} errors, ${unpriced} on unpriced models)`;
  // Mostly failing means something is wrong: leave the part pending so the next start retries it
  // (request ids make already-recorded calls harmless repeats).
  return { message: failed ? `${summary}; ${failed} failed` : summary, complete: failed < calls.length / 2 };
}

const PARTS = [
  { name: 'settings', title: 'billing settings', needs: ['settings.update'], run: seedSettings },
  { name: 'pricing', title: 'model, tool and tier prices', needs: ['pricingFile.importFile'], after: ['settings'], run: seedPricing },
  { name: 'catalog', title: 'model catalog names', needs: ['catalog.save'], after: ['pricing'], run: seedCatalog },
  { name: 'plans', title: 'subscription plans', needs: ['plans.create'], after: ['settings'], run: seedPlans },
  { name: 'codes', title: 'redemption codes', needs: ['codes.create'], after: ['plans'], run: seedCodes },
  { name: 'accounts', title: 'accounts, welcome credits and top-ups', needs: ['ledger.adjust'], after: ['settings'], run: seedAccounts },
  { name: 'subscriptions', title: 'subscriptions', needs: ['subscriptions.start'], after: ['plans', 'accounts'], run: seedSubscriptions },
  { name: 'redemptions', title: 'code redemptions', needs: ['redemptions.redeem'], after: ['codes', 'accounts'], run: seedRedemptions },
  { name: 'usage', title: '30 days of usage logs', needs: ['metering.report'], after: ['settings', 'pricing', 'accounts'], run: seedUsage },
];

/**
 * Makes sure the demo admin and API token exist and match `credentials`, then runs the seed parts not
 * done yet. Returns the credentials and what was seeded or is still pending.
 */
async function seedDemo(strapi, { credentials = {}, log, signal }) {
  const admin = await ensureAdmin(strapi, { password: credentials.adminPassword, log });
  const token = await ensureApiToken(strapi, { accessKey: credentials.apiToken, log });

  let marker = await readMarker(strapi);
  if (!marker || marker.version !== MARKER_VERSION) {
    // The anchor fixes the 30-day window, so a resumed seed regenerates exactly the same calls.
    marker = { version: MARKER_VERSION, anchor: new Date().toISOString(), startedAt: new Date().toISOString(), done: {} };
    await writeMarker(strapi, marker);
  }

  const pending = [];
  let seededNow = 0;
  const allDone = PARTS.every((part) => marker.done[part.name]);
  if (allDone) {
    log.ok(`demo data already seeded on ${new Date(marker.done.usage).toLocaleString()}: reusing it`);
  } else {
    const finish = log.step(Object.keys(marker.done).length ? 'resuming the demo seed' : 'seeding the demo data (first start on this database)');
    for (const part of PARTS) {
      if (marker.done[part.name]) continue;
      await checkpoint(signal);
      const missing = part.needs.filter((need) => {
        const [name, method] = need.split('.');
        return typeof pluginService(strapi, name)?.[method] !== 'function';
      });
      const blockedBy = (part.after ?? []).filter((name) => !marker.done[name]);
      if (missing.length || blockedBy.length) {
        const why = missing.length ? `plugin service method ${missing.join(', ')} not available` : `waits for ${blockedBy.join(', ')}`;
        log.warn(`skipped ${part.title}: ${why}; the next start will retry it`);
        pending.push({ part: part.name, reason: why });
        continue;
      }
      const end = log.step(`seeding ${part.title}`);
      let result;
      try {
        result = await part.run({ strapi, marker, log, signal });
      } catch (error) {
        if (error?.name === 'AbortError') throw error;
        log.error(`seeding ${part.title} failed: ${error?.stack || error}`);
        pending.push({ part: part.name, reason: `failed: ${error?.message ?? error}` });
        continue;
      }
      const { message, complete = true } = typeof result === 'string' ? { message: result } : result;
      end(message);
      if (complete) {
        marker.done[part.name] = new Date().toISOString();
        await writeMarker(strapi, marker);
        seededNow += 1;
      } else {
        pending.push({ part: part.name, reason: 'incomplete' });
      }
    }
    finish(pending.length ? `seed incomplete: ${pending.map((p) => p.part).join(', ')} pending` : 'demo data seeded');
  }

  return { admin, token, pending, seededNow, marker };
}

module.exports = { seedDemo, PARTS, MARKER_KEY, loadPricingFile, plannedUsage, creditPlan };
