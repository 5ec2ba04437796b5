'use strict';
// The example pricing file of the docs (public list prices), shared with the unit tests.
const PRICING = require('../fixtures/example-pricing.json');

/** Loads the pricing file and sets billing settings through the plugin's services. */
async function setupBilling(strapi, settings = {}, pricing = PRICING) {
  const plugin = strapi.plugin('usage-billing');
  await plugin.service('settings').update({ mode: 'usage', prepaidAmount: '0.1', ...settings });
  await plugin.service('pricing').importFile(pricing, { dryRun: false, allowUnknown: true });
}

module.exports = { PRICING, setupBilling };
