import type { BillingSettings, SecretSettingPath } from '../../../../contracts/settings';
import { EPAY_CURRENCY } from '../../../../contracts/payments';
import { PaymentProviderError, WebhookRejectedError } from '../../errors';
import { epaySign, epaySignatureValid } from './epay-sign';
import type { CheckoutContext, CheckoutResult, PaymentEvent, PaymentProvider, WebhookOutcome, WebhookReply, WebhookRequest } from './types';

/**
 * EPay (易支付, protocol v1, MD5 sign), as one-api/new-api style gateways speak it. Page mode hands the user
 * a signed `submit.php` URL; API mode asks `mapi.php` for a pay URL server-side. The gateway then calls our
 * notify URL (GET query or POST form) with its own sign; only `trade_status=TRADE_SUCCESS` means paid.
 * Money is never a JS number here: the notified `money` is turned into integer fen from its digits.
 */

const KEY_PATH: SecretSettingPath = 'payments.epay.key';
/** A mapi.php call that hangs must not hold the user's checkout request forever; nothing is charged by then. */
const API_TIMEOUT_MS = 10_000;
/** EPay's money: yuan with at most 2 decimals, digits only — no sign, exponent, spaces or thousands separators. */
const MONEY = /^(\d+)(?:\.(\d{1,2}))?$/;

/** `https://pay.example.com/` and `https://pay.example.com` both end up as `https://pay.example.com/submit.php`. */
const endpoint = (gatewayUrl: string, file: string) => `${gatewayUrl.replace(/\/+$/, '')}/${file}`;

/** Yuan as EPay writes them ("72.35", "72.3", "72") → fen; null when it is not exactly that shape. */
export function epayMoneyToFen(money: string): bigint | null {
  const match = MONEY.exec(money);
  if (!match) return null;
  return BigInt(match[1]) * 100n + BigInt((match[2] ?? '').padEnd(2, '0'));
}

/** The callback's parameters: the query (GET, and a POST may carry some there too) overlaid by a form body. */
function notifyParams(request: WebhookRequest): Record<string, string> {
  const params: Record<string, string> = {};
  for (const [name, value] of Object.entries(request.query ?? {})) {
    if (typeof value === 'string') params[name] = value;
  }
  if (request.method.toUpperCase() !== 'GET' && request.rawBody && request.rawBody.length > 0) {
    for (const [name, value] of new URLSearchParams(request.rawBody.toString('utf8'))) params[name] = value;
  }
  return params;
}

/** A gateway's message, without the merchant key should a broken gateway echo it, and not a whole page. */
function scrub(text: string, key: string): string {
  const cleaned = key ? text.split(key).join('***') : text;
  return cleaned.length > 200 ? `${cleaned.slice(0, 200)}…` : cleaned;
}

const epay: PaymentProvider = {
  channel: 'epay',

  configurationProblems(settings: BillingSettings, hasSecret: (path: SecretSettingPath) => boolean): string[] {
    const { epay: config, publicUrl } = settings.payments;
    const problems: string[] = [];
    if (!config.gatewayUrl) problems.push('payments.epay.gatewayUrl is empty');
    if (!config.merchantId) problems.push('payments.epay.merchantId is empty');
    if (!hasSecret(KEY_PATH)) problems.push('payments.epay.key is not set');
    // notify_url is built on it: without it the gateway could not tell us an order was paid.
    if (!publicUrl) problems.push('payments.publicUrl is empty (the notify URL is built on it)');
    if (config.payTypes.length === 0) problems.push('payments.epay.payTypes is empty');
    return problems;
  },

  payTypes(settings: BillingSettings): string[] {
    return [...settings.payments.epay.payTypes];
  },

  async createCheckout(context: CheckoutContext): Promise<CheckoutResult> {
    const { order, settings, urls } = context;
    const config = settings.payments.epay;
    // The core converts to yuan before calling us; charging another currency's digits as yuan would be wrong money.
    if (order.payCurrency !== EPAY_CURRENCY) throw new PaymentProviderError('epay', `pay currency must be ${EPAY_CURRENCY}, not ${order.payCurrency}`);
    if (!MONEY.test(order.payAmount)) throw new PaymentProviderError('epay', `pay amount "${order.payAmount}" is not yuan with 2 decimals`);
    const type = order.payType ?? config.payTypes[0];
    if (!type) throw new PaymentProviderError('epay', 'no pay type configured');
    const key = await context.secret(KEY_PATH);
    if (!config.gatewayUrl || !config.merchantId || !key) throw new PaymentProviderError('epay', 'gateway URL, merchant id or key not configured');

    const params: Record<string, string> = {
      pid: config.merchantId,
      type,
      out_trade_no: order.orderNo,
      notify_url: urls.notify,
      return_url: urls.success,
      name: order.description,
      money: order.payAmount,
    };

    if (config.mode !== 'api') {
      const query = new URLSearchParams({ ...params, sign: epaySign(params, key), sign_type: 'MD5' });
      return { url: `${endpoint(config.gatewayUrl, 'submit.php')}?${query.toString()}` };
    }

    // Node reports IPv4 clients on a dual-stack socket as "::ffff:1.2.3.4"; gateways expect the IPv4 form.
    const clientip = (context.clientIp || '127.0.0.1').replace(/^::ffff:(?=\d{1,3}(?:\.\d{1,3}){3}$)/i, '');
    const apiParams: Record<string, string> = { ...params, clientip, device: 'pc' };
    const body = new URLSearchParams({ ...apiParams, sign: epaySign(apiParams, key), sign_type: 'MD5' });
    let status: number;
    let text: string;
    try {
      const response = await fetch(endpoint(config.gatewayUrl, 'mapi.php'), {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
        body: body.toString(),
        signal: AbortSignal.timeout(API_TIMEOUT_MS),
      });
      status = response.status;
      text = await response.text();
    } catch (error) {
      // The request carries the sign, never the key; fetch's message names the failure (timeout, refused).
      const reason = error instanceof Error ? (error.name === 'TimeoutError' ? `no answer within ${API_TIMEOUT_MS / 1000} s` : error.message) : String(error);
      throw new PaymentProviderError('epay', `mapi.php unreachable: ${scrub(reason, key)}`);
    }
    let answer: { code?: unknown; msg?: unknown; trade_no?: unknown; payurl?: unknown; qrcode?: unknown };
    try {
      answer = JSON.parse(text);
    } catch {
      throw new PaymentProviderError('epay', `mapi.php answered HTTP ${status} with no JSON: ${scrub(text, key)}`);
    }
    if (answer === null || typeof answer !== 'object') throw new PaymentProviderError('epay', `mapi.php answered HTTP ${status} with no JSON object`);
    // Gateways differ on 1 vs "1".
    if (String(answer.code) !== '1') {
      const msg = typeof answer.msg === 'string' && answer.msg ? answer.msg : `code ${String(answer.code)}`;
      throw new PaymentProviderError('epay', `mapi.php refused the order: ${scrub(msg, key)}`);
    }
    const url = (typeof answer.payurl === 'string' && answer.payurl) || (typeof answer.qrcode === 'string' && answer.qrcode) || '';
    if (!url) throw new PaymentProviderError('epay', 'mapi.php answered neither payurl nor qrcode');
    const tradeNo = typeof answer.trade_no === 'string' || typeof answer.trade_no === 'number' ? String(answer.trade_no) : '';
    return tradeNo ? { url, refs: { tradeNo } } : { url };
  },

  async parseWebhook(request: WebhookRequest, settings: BillingSettings, secret: (path: SecretSettingPath) => Promise<string>): Promise<PaymentEvent> {
    const params = notifyParams(request);
    const key = await secret(KEY_PATH);
    // An unset key is refused by epaySignatureValid: with an empty key anyone could compute the sign.
    if (!epaySignatureValid(params, key)) throw new WebhookRejectedError('Invalid sign');
    const merchantId = settings.payments.epay.merchantId;
    // A valid sign from another merchant of the same gateway would be another shop's payment.
    if (!merchantId || params.pid !== merchantId) throw new WebhookRejectedError('Unknown merchant');

    const tradeNo = params.trade_no ?? '';
    const status = params.trade_status ?? '';
    if (!tradeNo) throw new WebhookRejectedError('Missing trade_no');
    // EPay has no event id: the trade number and its status identify a notification, so the gateway's retries
    // of the same notice (it retries until it reads `success`) are duplicates.
    const eventId = `${tradeNo}:${status}`;
    if (status !== 'TRADE_SUCCESS') return { type: 'ignored', eventId, reason: `trade_status ${status || '(none)'} is not TRADE_SUCCESS` };

    const orderNo = params.out_trade_no ?? '';
    if (!orderNo) throw new WebhookRejectedError('Missing out_trade_no');
    // Exactly yuan with at most 2 decimals: "1e2", "72.345", " 72.35" are refused rather than guessed at.
    const fen = epayMoneyToFen(params.money ?? '');
    if (fen === null) throw new WebhookRejectedError('Invalid money');
    return { type: 'paid', eventId, match: { orderNo }, paid: { minor: fen, currency: EPAY_CURRENCY }, refs: { tradeNo } };
  },

  reply(outcome: WebhookOutcome): WebhookReply {
    if (outcome !== 'refused') return { status: 200, body: 'success' };
    // EPay reads only the text: anything but `success` makes it retry, whatever the status. We answer 400 so a
    // refused notification (bad sign, wrong merchant, wrong money, unknown order) stands out in access logs and
    // monitoring like Stripe's refusals do; its retries are refused the same way and change nothing.
    return { status: 400, body: 'fail' };
  },
};

export default epay;
