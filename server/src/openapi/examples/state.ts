/**
 * What the examples of the document assume, so that each one is literally true (the integration test sets
 * up exactly this, then sends every example and checks its status and answer schema): usage mode with a
 * prepaid amount of 0.05 USD, the example prices of docs/pricing.md (claude-sonnet-4-5 at 3 / 15 / 0.3 /
 * 3.75 USD per 1M input / output / cache-read / cache-write tokens, web_search at 0.01 a call, service tier
 * `priority` ×2), and these accounts, holds and codes.
 */
export const EXAMPLE_STATE = {
  mode: 'usage',
  prepaidAmount: '0.05',
  /** Balances credited before the examples run. */
  balances: { 'u-1': '10.00' },
  /** Users with no money at all. */
  broke: 'u-2',
  /** Holds of 0.05 open for u-1: the usage example settles the first, the others are released and extended. */
  holds: { usage: 'hold_9f3b2c1d4e5a6b7c8d9e0f1a', release: 'hold_2a7c4e6f8b0d1e3f5a7c9e1b', extend: 'hold_7e5d3c1b9a8f6e4d2c0b1a3f' },
  unknownHold: 'hold_000000000000000000000000',
  /** A usage code worth 5.00, one use. */
  code: { code: 'WELCOME-5', amount: '5' },
  /** Users that redeem the code, and that fail to. */
  redeemer: 'u-3',
  /** EPay enabled in page mode (no provider call at checkout), charging yuan at this rate. */
  epay: { gatewayUrl: 'https://pay.example.com', usdToCnyRate: '7.2', publicUrl: 'https://billing.example.com', payTypes: ['alipay', 'wxpay'] },
} as const;
