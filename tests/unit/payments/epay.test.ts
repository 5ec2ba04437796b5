// The EPay provider without Strapi: the MD5 sign against the protocol's known vector, the submit URL and the
// mapi.php call (checked by the fake gateway's own sign implementation), and the notify parser's refusals.
import { createHash } from 'node:crypto';
import { DEFAULT_SETTINGS, type BillingSettings, type SecretSettingPath } from '../../../contracts/settings';
import { PaymentProviderError, WebhookRejectedError } from '../../../server/src/errors';
import epay, { epayMoneyToFen } from '../../../server/src/services/payments/epay';
import { epaySign, epaySignatureValid } from '../../../server/src/services/payments/epay-sign';
import type { CheckoutContext, CheckoutOrder, WebhookRequest } from '../../../server/src/services/payments/types';
import { gatewaySign, startFakeEpay, type FakeEpay } from '../../helpers/fake-epay';

const KEY = 'unit-merchant-key';
const PID = '1001';

const settingsFor = (gatewayUrl: string, epayPatch: Partial<BillingSettings['payments']['epay']> = {}): BillingSettings => ({
  ...DEFAULT_SETTINGS,
  payments: {
    ...DEFAULT_SETTINGS.payments,
    publicUrl: 'https://shop.example.com',
    epay: { ...DEFAULT_SETTINGS.payments.epay, enabled: true, gatewayUrl, merchantId: PID, key: '********', payTypes: ['alipay', 'wxpay'], ...epayPatch },
  },
});

const secretOf =
  (key: string) =>
  async (path: SecretSettingPath): Promise<string> => {
    if (path !== 'payments.epay.key') throw new Error(`unexpected secret ${path}`);
    return key;
  };

const order = (patch: Partial<CheckoutOrder> = {}): CheckoutOrder => ({
  orderNo: 'UB20250101ABCDEF',
  userId: 'u-1',
  kind: 'topup',
  description: 'Top-up 10.00 USD',
  amount: '10.00',
  currency: 'USD',
  payAmount: '72.35',
  payCurrency: 'CNY',
  payType: null,
  recurring: null,
  ...patch,
});

const contextFor = (settings: BillingSettings, patch: Partial<CheckoutContext> = {}): CheckoutContext => ({
  order: order(),
  settings,
  secret: secretOf(KEY),
  urls: {
    notify: 'https://shop.example.com/api/usage-billing/webhooks/epay',
    success: 'https://shop.example.com/paid?x=1&y=2',
    cancel: 'https://shop.example.com/cancelled',
  },
  clientIp: null,
  ...patch,
});

describe('epaySign', () => {
  test('the known vector of the protocol notes: sign, sign_type and empty values dropped, key appended directly', () => {
    expect(epaySign({ device: 'devicev', money: 'moneyv', sign: 'x', sign_type: 'MD5', empty: '' }, '1234567')).toBe('3854cc9f022e0fb821bd2e002260245d');
    // Key order of the object does not matter (sorted), undefined is dropped like empty.
    expect(epaySign({ money: 'moneyv', missing: undefined, device: 'devicev' }, '1234567')).toBe('3854cc9f022e0fb821bd2e002260245d');
  });

  test('ASCII order (upper case before lower, "_" between) and raw values, not URL-encoded', () => {
    // Z (0x5a) < _ (0x5f) < a (0x61): localeCompare would put "a" first.
    const params = { a: '1', Z: '2', _x: '3', name: 'Top-up 10.00 USD & more', url: 'https://x.test/?a=1&b=2' };
    const expected = createHash('md5')
      .update('Z=2&_x=3&a=1&name=Top-up 10.00 USD & more&url=https://x.test/?a=1&b=2' + 'k')
      .digest('hex');
    expect(epaySign(params, 'k')).toBe(expected);
  });

  test('epaySignatureValid: the right sign only; missing, wrong length, upper case, or an empty key are false', () => {
    const params = { pid: PID, money: '1.00' };
    const sign = epaySign(params, KEY);
    expect(epaySignatureValid({ ...params, sign, sign_type: 'MD5' }, KEY)).toBe(true);
    expect(epaySignatureValid({ ...params, sign }, 'other-key')).toBe(false);
    expect(epaySignatureValid({ ...params, money: '1.01', sign }, KEY)).toBe(false);
    expect(epaySignatureValid(params, KEY)).toBe(false);
    expect(epaySignatureValid({ ...params, sign: sign.slice(1) }, KEY)).toBe(false);
    // The gateway sends lowercase hex; this sign has letters, so its upper case differs.
    expect(sign).toMatch(/[a-f]/);
    expect(epaySignatureValid({ ...params, sign: sign.toUpperCase() }, KEY)).toBe(false);
    // With no key configured, md5(params) alone would be forgeable by anyone.
    expect(epaySignatureValid({ ...params, sign: epaySign(params, '') }, '')).toBe(false);
  });
});

describe('epayMoneyToFen', () => {
  test.each([
    ['72.35', 7235n],
    ['72.3', 7230n],
    ['72', 7200n],
    ['0.01', 1n],
    ['12345678901234567890.99', 1234567890123456789099n],
  ])('%s → %s fen', (money, fen) => expect(epayMoneyToFen(money)).toBe(fen));

  test.each(['72.345', '1e2', '7.2e1', '-1.00', '+1.00', ' 1.00', '1.00 ', '1,00', '.5', '5.', '', '0x10', 'NaN', 'Infinity', '１.00'])('%j is refused', (money) =>
    expect(epayMoneyToFen(money)).toBeNull(),
  );
});

describe('epay provider', () => {
  let fake: FakeEpay;
  beforeAll(async () => {
    fake = await startFakeEpay({ merchantId: PID, key: KEY });
  });
  afterAll(async () => fake.close());

  test('configurationProblems names each missing piece; none when complete', () => {
    const complete = settingsFor('https://pay.example.com');
    expect(epay.configurationProblems(complete, () => true)).toEqual([]);
    const empty: BillingSettings = {
      ...complete,
      payments: { ...complete.payments, publicUrl: '', epay: { ...complete.payments.epay, gatewayUrl: '', merchantId: '', payTypes: [] } },
    };
    const problems = epay.configurationProblems(empty, () => false);
    expect(problems).toHaveLength(5);
    for (const [i, setting] of ['gatewayUrl', 'merchantId', 'epay.key', 'publicUrl', 'payTypes'].entries()) expect(problems[i]).toContain(setting);
    expect(epay.payTypes(complete)).toEqual(['alipay', 'wxpay']);
  });

  test.each(['', '/'])('page mode: a submit.php URL signed so the gateway accepts it (gatewayUrl ending in %j)', async (slash) => {
    const { url, refs } = await epay.createCheckout(contextFor(settingsFor(fake.url + slash)));
    expect(refs).toBeUndefined();
    expect(url.startsWith(`${fake.url}/submit.php?`)).toBe(true);
    const params = Object.fromEntries(new URL(url).searchParams);
    expect(params).toEqual({
      pid: PID,
      type: 'alipay',
      out_trade_no: 'UB20250101ABCDEF',
      notify_url: 'https://shop.example.com/api/usage-billing/webhooks/epay',
      return_url: 'https://shop.example.com/paid?x=1&y=2',
      name: 'Top-up 10.00 USD',
      money: '72.35',
      sign: gatewaySign(params, KEY),
      sign_type: 'MD5',
    });
    expect(url).not.toContain(KEY);
    const opened = await fake.open(url);
    expect(opened.status).toBe(200);
    expect(opened.order?.params.money).toBe('72.35');
  });

  test("page mode: the order's pay type; a sign made with another key is refused by the gateway", async () => {
    const { url } = await epay.createCheckout(contextFor(settingsFor(fake.url), { order: order({ orderNo: 'UB-WX', payType: 'wxpay' }) }));
    expect(new URL(url).searchParams.get('type')).toBe('wxpay');
    expect((await fake.open(url)).status).toBe(200);
    const forged = await epay.createCheckout(contextFor(settingsFor(fake.url), { order: order({ orderNo: 'UB-BAD' }), secret: secretOf('not-the-key') }));
    const refused = await fake.open(forged.url);
    expect(refused).toMatchObject({ status: 400, text: 'sign error', order: null });
  });

  test('a pay amount not in CNY, or not yuan with 2 decimals, is never sent', async () => {
    await expect(epay.createCheckout(contextFor(settingsFor(fake.url), { order: order({ payCurrency: 'USD', payAmount: '10.00' }) }))).rejects.toThrow(PaymentProviderError);
    await expect(epay.createCheckout(contextFor(settingsFor(fake.url), { order: order({ payAmount: '72.345' }) }))).rejects.toThrow(PaymentProviderError);
  });

  test('API mode: mapi.php with clientip and device, signed; answers the payurl and the trade number', async () => {
    const before = fake.requests.length;
    const result = await epay.createCheckout(contextFor(settingsFor(fake.url, { mode: 'api' }), { order: order({ orderNo: 'UB-API' }), clientIp: '203.0.113.9' }));
    const [call] = fake.requests.slice(before);
    expect(call).toMatchObject({ method: 'POST', path: '/mapi.php', refusal: null });
    expect(call.params).toMatchObject({ clientip: '203.0.113.9', device: 'pc', out_trade_no: 'UB-API', money: '72.35', sign_type: 'MD5' });
    const tradeNo = fake.orders.get('UB-API')!.tradeNo;
    expect(result).toEqual({ url: `${fake.url}/pay/${tradeNo}`, refs: { tradeNo } });

    const defaultIp = fake.requests.length;
    await epay.createCheckout(contextFor(settingsFor(fake.url, { mode: 'api' }), { order: order({ orderNo: 'UB-API-2' }) }));
    expect(fake.requests[defaultIp].params.clientip).toBe('127.0.0.1');

    // An IPv4 client seen on a dual-stack socket is sent in its IPv4 form; a real IPv6 address as it is.
    const mapped = fake.requests.length;
    await epay.createCheckout(contextFor(settingsFor(fake.url, { mode: 'api' }), { order: order({ orderNo: 'UB-API-3' }), clientIp: '::ffff:198.51.100.7' }));
    await epay.createCheckout(contextFor(settingsFor(fake.url, { mode: 'api' }), { order: order({ orderNo: 'UB-API-4' }), clientIp: '2001:db8::1' }));
    expect(fake.requests.slice(mapped).map((r) => [r.params.clientip, r.refusal])).toEqual([
      ['198.51.100.7', null],
      ['2001:db8::1', null],
    ]);
  });

  test("API mode: the gateway's refusal and an unreachable gateway are PaymentProviderErrors without the key", async () => {
    const refused = epay.createCheckout(contextFor(settingsFor(fake.url, { mode: 'api' }), { secret: secretOf('wrong-key-123') }));
    await expect(refused).rejects.toThrow(PaymentProviderError);
    await expect(refused).rejects.toThrow('epay: mapi.php refused the order: sign error');
    const fakeAt404 = epay.createCheckout(contextFor(settingsFor(`${fake.url}/nowhere`, { mode: 'api' })));
    await expect(fakeAt404).rejects.toThrow(/HTTP 404/);
    // A closed port: nothing listens on port 1 of loopback.
    const unreachable = epay.createCheckout(contextFor(settingsFor('http://127.0.0.1:1', { mode: 'api' })));
    await expect(unreachable).rejects.toThrow(/^epay: mapi\.php unreachable/);
    await unreachable.catch((error: Error) => expect(error.message).not.toContain(KEY));
  });
});

describe('epay notify (parseWebhook)', () => {
  const settings = settingsFor('https://pay.example.com');
  const notifyParams = (patch: Record<string, string | undefined> = {}, key = KEY) => {
    const params: Record<string, string | undefined> = {
      pid: PID,
      trade_no: '2025000000000042',
      out_trade_no: 'UB20250101ABCDEF',
      type: 'alipay',
      name: 'Top-up 10.00 USD',
      money: '72.35',
      trade_status: 'TRADE_SUCCESS',
      ...patch,
    };
    const defined = Object.fromEntries(Object.entries(params).filter((entry): entry is [string, string] => entry[1] !== undefined));
    return { ...defined, sign: gatewaySign(defined, key), sign_type: 'MD5' };
  };
  const get = (query: Record<string, string>): WebhookRequest => ({ method: 'GET', query, rawBody: Buffer.alloc(0), headers: {} });
  const post = (form: Record<string, string>, query: Record<string, string> = {}): WebhookRequest => ({
    method: 'POST',
    query,
    rawBody: Buffer.from(new URLSearchParams(form).toString()),
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
  });
  const parse = (request: WebhookRequest, key = KEY) => epay.parseWebhook(request, settings, secretOf(key));
  const paid = {
    type: 'paid',
    eventId: '2025000000000042:TRADE_SUCCESS',
    match: { orderNo: 'UB20250101ABCDEF' },
    paid: { minor: 7235n, currency: 'CNY' },
    refs: { tradeNo: '2025000000000042' },
  };

  test('GET query and POST form: a paid event in integer fen, its id the trade number and status', async () => {
    expect(await parse(get(notifyParams()))).toEqual(paid);
    expect(await parse(post(notifyParams()))).toEqual(paid);
    // A POST with everything in the query (some gateways do) is read too.
    expect(await parse(post({}, notifyParams()))).toEqual(paid);
    // "72.3" is 7230 fen, not 723.
    expect(await parse(get(notifyParams({ money: '72.3' })))).toMatchObject({ paid: { minor: 7230n, currency: 'CNY' } });
  });

  test('a name with spaces, & and non-ASCII survives form encoding and still verifies', async () => {
    const params = notifyParams({ name: '充值 10 USD & tax=0' });
    expect(await parse(post(params))).toEqual(paid);
    expect(await parse(get(params))).toEqual(paid);
  });

  test('any other trade_status is acknowledged and ignored', async () => {
    for (const status of ['WAIT_BUYER_PAY', 'TRADE_CLOSED', 'trade_success']) {
      expect(await parse(get(notifyParams({ trade_status: status })))).toEqual({
        type: 'ignored',
        eventId: `2025000000000042:${status}`,
        reason: expect.stringContaining(status),
      });
    }
  });

  const rejected = async (request: WebhookRequest, reason: string, key = KEY) => {
    const attempt = parse(request, key);
    await expect(attempt).rejects.toThrow(WebhookRejectedError);
    await expect(attempt).rejects.toThrow(reason);
  };

  test('a bad, missing or foreign-key sign is rejected before anything else is read', async () => {
    const good = notifyParams();
    await rejected(get({ ...good, money: '0.01' }), 'Invalid sign');
    await rejected(post({ ...good, out_trade_no: 'UB-OTHER' }), 'Invalid sign');
    const { sign: _dropped, ...unsigned } = good;
    await rejected(get(unsigned), 'Invalid sign');
    await rejected(get(notifyParams({}, 'another-merchant-key')), 'Invalid sign');
    // No key configured: nothing verifies, not even a sign made with the empty key.
    await rejected(get(notifyParams({}, '')), 'Invalid sign', '');
    // A body field changed after signing while the query keeps the signed one: the body wins and fails.
    await rejected(post({ money: '0.01' }, good), 'Invalid sign');
  });

  test('a well-signed notice for another merchant id is rejected', async () => {
    await rejected(get(notifyParams({ pid: '9999' })), 'Unknown merchant');
    await rejected(get(notifyParams({ pid: undefined })), 'Unknown merchant');
  });

  test.each(['72.345', '7.235e1', '1e2', '-72.35', '72.35 ', '0x10', ''])('money %j (signed) is rejected, never guessed at', async (money) => {
    await rejected(get(notifyParams({ money })), 'Invalid money');
  });

  test('a paid notice without trade_no or out_trade_no is rejected', async () => {
    await rejected(get(notifyParams({ trade_no: undefined })), 'Missing trade_no');
    await rejected(get(notifyParams({ out_trade_no: undefined })), 'Missing out_trade_no');
  });

  test("reply: 'success' for applied, duplicate and ignored; 400 'fail' when refused", () => {
    for (const outcome of ['applied', 'duplicate', 'ignored'] as const) expect(epay.reply(outcome)).toEqual({ status: 200, body: 'success' });
    expect(epay.reply('refused', 'Invalid sign')).toEqual({ status: 400, body: 'fail' });
  });
});
