#!/usr/bin/env node
// @ts-check
// Starts the OpenAI-compatible billing proxy (proxy.mjs) from environment variables; see README.md.
import { createServer } from 'node:http';
import { createBillingClient } from 'strapi-plugin-usage-billing/client';
import { createOpenAIProxy } from './proxy.mjs';

/** @param {string} name */
function required(name) {
  const value = process.env[name];
  if (!value) {
    console.error(`openai-proxy: set ${name} (see examples/openai-proxy/README.md)`);
    process.exit(1);
  }
  return value;
}

/**
 * Who is calling: the proxy hands out its own API keys, one per user, and maps each to the user's billing
 * userId (PROXY_KEYS, a JSON object `{ "<key>": "<userId>" }`). The provider's key never leaves the proxy.
 * @param {string} json
 * @returns {(req: import('node:http').IncomingMessage) => string | null}
 */
function keyIdentity(json) {
  const users = new Map(Object.entries(JSON.parse(json)));
  return (req) => {
    const match = /^Bearer (.+)$/.exec(req.headers.authorization ?? '');
    return (match && users.get(match[1])) || null;
  };
}

const billing = createBillingClient({ baseUrl: process.env.BILLING_URL ?? 'http://localhost:1337', token: required('BILLING_TOKEN') });
const handle = createOpenAIProxy({
  billing,
  upstreamUrl: process.env.UPSTREAM_URL ?? 'https://api.openai.com/v1',
  upstreamApiKey: required('UPSTREAM_API_KEY'),
  identify: keyIdentity(required('PROXY_KEYS')),
});

const server = createServer((req, res) => void handle(req, res));
server.listen(Number(process.env.PORT ?? 8787), process.env.HOST ?? '127.0.0.1', () => {
  const address = /** @type {import('node:net').AddressInfo} */ (server.address());
  console.log(`openai-proxy listening on http://${address.address}:${address.port}/v1`);
});
for (const signal of /** @type {const} */ (['SIGINT', 'SIGTERM'])) process.on(signal, () => server.close(() => process.exit(0)));
