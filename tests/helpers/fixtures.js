'use strict';
// Shared test data: the public list prices used across the suites.
const PRICING = {
  version: 1,
  currency: 'USD',
  models: [
    { model: 'claude-sonnet-4-5', mode: 'token', input: '3', output: '15', cacheRead: '0.3', cacheWrite: '3.75' },
    { model: 'gemini-2.5-pro', mode: 'tiered', tiers: [
      { upTo: 200000, input: '1.25', output: '10', cacheRead: '0.125' },
      { upTo: null, input: '2.5', output: '15', cacheRead: '0.25' },
    ] },
    { model: 'gpt-image-1', mode: 'per_call', perCall: '0.04' },
    { model: 'sora-2', mode: 'per_second', perSecond: '0.1' },
    { model: 'llama-3.1-8b', mode: 'free' },
  ],
  tools: [{ tool: 'web_search', perCall: '0.01', enabled: true }],
  multipliers: [{ name: 'priority', factor: '2' }],
};

/** Loads the pricing file and sets billing settings through the plugin's services. */
async function setupBilling(strapi, settings = {}, pricing = PRICING) {
  const plugin = strapi.plugin('usage-billing');
  await plugin.service('settings').update({ mode: 'usage', prepaidAmount: '0.1', ...settings });
  await plugin.service('pricing').importFile(pricing, { dryRun: false, allowUnknown: true });
}

module.exports = { PRICING, setupBilling };
