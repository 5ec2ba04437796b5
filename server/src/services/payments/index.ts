import type { Core } from '@strapi/strapi';
import {
  PAYMENT_CHANNELS,
  STRIPE_WEBHOOK_EVENTS,
  TEST_PAYMENT_AMOUNT,
  WEBHOOK_PATHS,
  EPAY_CURRENCY,
  currencyMinorDigits,
  epayPayAmount,
  type BillingSettings,
  type CheckoutRequest,
  type CheckoutResponse,
  type OrderPlanSnapshot,
  type PaymentChannel,
  type PaymentsStatus,
  type SecretSettingPath,
  type UserPaymentOptions,
} from '../../../../contracts';
import { Decimal } from 'decimal.js';
import { toNanos } from '../../rating';
import { BillingError, BillingValidationError, CheckoutNotAvailableError, PaymentProviderError, WebhookRejectedError } from '../../errors';
import { getService } from '../../utils/get-service';
import { PLUGIN_ID } from '../../../../contracts/plugin';
import { termsOf } from '../plans';
import { planActionFor } from '../subscriptions/plan-actions';
import { PROVIDERS } from './providers';
import type { CheckoutOrder, WebhookReply, WebhookRequest } from './types';

/** Whether a secret setting holds a value (stored encrypted; nothing is decrypted to answer). */
const secretIsSet = (settings: BillingSettings) => (path: SecretSettingPath) =>
  Boolean(path.split('.').reduce<any>((holder, key) => holder?.[key], settings));

/** `base` + `path`, `base` without its trailing slash; null while the public URL is not set. */
const joinUrl = (base: string, path: string) => (base ? `${base.replace(/\/+$/, '')}${path}` : null);

/**
 * `url` with `orderNo` added to its query, so the page the user returns to knows which order it was. Added
 * to the text as is, not through URLSearchParams, which would re-encode Stripe's `{CHECKOUT_SESSION_ID}`
 * placeholder and stop Stripe filling it in.
 */
const withOrderNo = (url: string, orderNo: string) => {
  const hash = url.indexOf('#');
  const [base, fragment] = hash === -1 ? [url, ''] : [url.slice(0, hash), url.slice(hash)];
  return `${base}${base.includes('?') ? '&' : '?'}orderNo=${encodeURIComponent(orderNo)}${fragment}`;
};

/**
 * Money coming in: checkouts (a pending order, then the provider's checkout for it), provider callbacks
 * (verified by the provider module, applied by the orders service) and the channels' state for the admin.
 */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const settingsService = () => getService('settings');

  const problemsOf = (channel: PaymentChannel, settings: BillingSettings) =>
    PROVIDERS[channel].configurationProblems(settings, secretIsSet(settings));

  /** Channels a user can pay through now: enabled and fully configured. */
  const readyChannels = (settings: BillingSettings) =>
    PAYMENT_CHANNELS.filter((channel) => settings.payments[channel].enabled && problemsOf(channel, settings).length === 0);

  /** The plan, its price now and what buying it does for this user; 409 when it is not for sale to them. */
  const planPurchase = async (userId: string, planId: number) => {
    const plans = await getService('plans').records();
    const plan = plans.find((p) => p.id === planId);
    if (!plan || !plan.enabled) throw new CheckoutNotAvailableError('plan-unavailable', `Plan ${planId} is not for sale`, { planId });
    const current = (await getService('subscriptions').currentByUsers([userId])).get(userId);
    const currentPlan = current ? (plans.find((p) => p.id === current.planId) ?? null) : null;
    const action = planActionFor(plan, currentPlan);
    if (action === 'current' || action === 'unavailable') {
      throw new CheckoutNotAvailableError('plan-unavailable', `Plan ${planId} cannot be bought by this user (${action})`, { planId, action });
    }
    // The terms a subscription would start on today, kept on the order as bought.
    const { planId: _planId, ...snapshot } = termsOf(plan);
    return { plan, action, snapshot: snapshot satisfies OrderPlanSnapshot };
  };

  return {
    /**
     * Starts a payment for `userId`: checks the mode rules, the channel and the amount, writes a pending order
     * (amounts, rate and plan terms snapshotted), then asks the provider for its checkout. A test payment
     * (admin) is a top-up of TEST_PAYMENT_AMOUNT allowed in every mode and below the minimum.
     */
    async checkout(
      userId: string,
      request: CheckoutRequest,
      { clientIp = null, test = false, actor = null }: { clientIp?: string | null; test?: boolean; actor?: string | null } = {},
    ): Promise<CheckoutResponse> {
      const settings = await settingsService().get();
      const { channel } = request;
      if (!settings.payments[channel].enabled) throw new CheckoutNotAvailableError('channel-disabled', `Payments through ${channel} are disabled`, { channel });
      const problems = problemsOf(channel, settings);
      if (problems.length) throw new CheckoutNotAvailableError('channel-not-configured', `${channel} is not configured: ${problems.join('; ')}`, { channel, problems });
      if (!test) {
        if (settings.mode === 'self') throw new CheckoutNotAvailableError('mode', 'Nothing is sold in self billing mode', { mode: settings.mode });
        if (request.kind === 'topup' && settings.mode !== 'usage') throw new CheckoutNotAvailableError('mode', 'Top-ups are sold in usage billing mode only', { mode: settings.mode });
        if (request.kind === 'plan' && settings.mode !== 'period') throw new CheckoutNotAvailableError('mode', 'Plans are sold in period billing mode only', { mode: settings.mode });
      }

      const { currency } = settings;
      const digits = currencyMinorDigits(currency);
      let amount: string;
      let plan: Awaited<ReturnType<typeof planPurchase>> | null = null;
      if (request.kind === 'topup') {
        const requested = request.amount!;
        // A card or wallet charges whole minor units: 10.001 USD cannot be paid.
        if ((requested.split('.')[1] ?? '').replace(/0+$/, '').length > digits) {
          throw BillingValidationError.naming('Invalid checkout', [{ path: 'amount', message: `must have at most ${digits} decimals in ${currency}` }]);
        }
        if (!test && toNanos(requested) < toNanos(settings.payments.topupMinimum)) {
          throw BillingValidationError.naming('Invalid checkout', [{ path: 'amount', message: `must be at least ${settings.payments.topupMinimum} ${currency}` }]);
        }
        amount = new Decimal(requested).toFixed(digits);
      } else {
        plan = await planPurchase(userId, request.planId!);
        amount = plan.snapshot.finalPrice;
      }
      if (toNanos(amount) <= 0n) throw new CheckoutNotAvailableError('plan-unavailable', 'Nothing to pay: the price is 0', { planId: request.planId });

      let payType: string | null = null;
      let payAmount = amount;
      let payCurrency = currency;
      let rate: string | null = null;
      if (channel === 'epay') {
        const types = PROVIDERS.epay.payTypes(settings);
        payType = request.payType ?? types[0];
        if (!types.includes(payType)) throw BillingValidationError.naming('Invalid checkout', [{ path: 'payType', message: `must be one of ${types.join(', ')}` }]);
        rate = currency === EPAY_CURRENCY ? '1' : settings.payments.usdToCnyRate;
        payAmount = epayPayAmount(amount, currency, rate);
        payCurrency = EPAY_CURRENCY;
      }

      // Stripe renews monthly and yearly plans by itself (a Stripe subscription) when the purchase starts a
      // plan; a renewal, a switch and lifetime plans are one payment. EPay has no recurring payments.
      const interval = plan?.plan.interval;
      const startsPlan = plan?.action === 'subscribe' || plan?.action === 'upgrade';
      const recurring = channel === 'stripe' && startsPlan && (interval === 'monthly' || interval === 'yearly') ? { interval: interval === 'monthly' ? ('month' as const) : ('year' as const) } : null;

      const orderNo = await getService('orders').create({
        userId,
        channel,
        kind: request.kind,
        amount,
        currency,
        payAmount,
        payCurrency,
        rate,
        planId: plan?.plan.id ?? null,
        plan: plan?.snapshot ?? null,
        planAction: plan?.action ?? null,
        payType,
        test,
        actor,
      });
      const order: CheckoutOrder = {
        orderNo,
        userId,
        kind: request.kind,
        description: plan ? `${plan.snapshot.name} (${plan.snapshot.interval})` : `Top-up ${amount} ${currency}`,
        amount,
        currency,
        payAmount,
        payCurrency,
        payType,
        recurring,
      };
      const { publicUrl, stripe, epay } = settings.payments;
      const back = (own: string) => withOrderNo(own || publicUrl, orderNo);
      try {
        const result = await PROVIDERS[channel].createCheckout({
          order,
          settings,
          secret: (path) => settingsService().secret(path),
          urls: {
            notify: joinUrl(publicUrl, WEBHOOK_PATHS[channel])!,
            success: back(channel === 'stripe' ? stripe.successUrl : epay.returnUrl),
            cancel: back(channel === 'stripe' ? stripe.cancelUrl : epay.returnUrl),
          },
          clientIp,
        });
        await getService('orders').attachCheckout(orderNo, result.url, result.refs);
        return { orderNo, channel, amount, currency, payAmount, payCurrency, url: result.url };
      } catch (error) {
        const reason = error instanceof Error ? error.message : String(error);
        await getService('orders').failCheckout(orderNo, `checkout not created: ${reason}`);
        if (error instanceof BillingError) throw error;
        throw new PaymentProviderError(channel, reason);
      }
    },

    /**
     * One provider callback: verified by its provider module, applied by the orders service, answered the
     * way the provider expects — after the commit, so an acknowledgement always means the money is booked.
     */
    async handleWebhook(channel: PaymentChannel, request: WebhookRequest): Promise<WebhookReply> {
      const provider = PROVIDERS[channel];
      const settings = await settingsService().get();
      try {
        // No `enabled` check: disabling a channel stops new checkouts, while the money of orders already
        // paid must still be booked (EPay stops retrying after about half an hour). The signature decides.
        const event = await provider.parseWebhook(request, settings, (path) => settingsService().secret(path));
        const result = await getService('orders').applyEvent(channel, event);
        // Committed: now stop the subscriptions this payment replaced. The reply waits (a short, bounded call);
        // a failure is kept on the order and retried by the sweep, never turned into a refused delivery.
        if (result.recurringStops?.length) await this.stopRecurring(result.recurringStops);
        if (result.outcome === 'refused') strapi.log.warn(`${PLUGIN_ID}: ${channel} event refused (${result.orderNo ?? 'order'}): ${result.reason}`);
        return provider.reply(result.outcome, result.reason);
      } catch (error) {
        if (!(error instanceof WebhookRejectedError)) throw error;
        strapi.log.warn(`${PLUGIN_ID}: ${channel} webhook refused: ${error.message}`);
        const reply = provider.reply('refused', error.message);
        return reply.status >= 400 ? { ...reply, status: error.status } : reply;
      }
    },

    /**
     * Sends the recurring stops requested in committed transactions (orders.requestRecurringStops) to their
     * provider: those `orderIds` just marked, or (the sweep) every one still unconfirmed. Each is claimed
     * first, so overlapping callers send it once; the outcome is written on the order. Never throws: a failed
     * stop stays pending with its error and the next sweep retries it. Returns how many Stripe confirmed.
     */
    async stopRecurring(orderIds?: number[]): Promise<{ stopped: number; failed: number }> {
      const orders = getService('orders');
      const counts = { stopped: 0, failed: 0 };
      try {
        const pending = await orders.pendingRecurringStops(orderIds);
        if (pending.length === 0) return counts;
        const settings = await settingsService().get();
        for (const stop of pending) {
          const attempt = await orders.claimRecurringStop(stop);
          if (attempt === null) continue;
          let error: string | null = null;
          try {
            const provider = PROVIDERS[stop.channel];
            if (!provider.stopRecurring) throw new PaymentProviderError(stop.channel, 'this channel has no recurring payments');
            await provider.stopRecurring({
              orderNo: stop.orderNo,
              providerSubscriptionId: stop.providerSubscriptionId,
              mode: stop.mode,
              attempt,
              settings,
              secret: (path) => settingsService().secret(path),
            });
          } catch (failure) {
            // Provider errors are key-free already (safeMessage); anything else is ours.
            error = failure instanceof Error ? failure.message : String(failure);
            strapi.log.warn(`${PLUGIN_ID}: stopping the recurring payment of order ${stop.orderNo} failed (attempt ${attempt}, retried): ${error}`);
          }
          await orders.finishRecurringStop(stop, attempt, error);
          counts[error === null ? 'stopped' : 'failed'] += 1;
        }
      } catch (failure) {
        strapi.log.warn(`${PLUGIN_ID}: recurring stops not sent (retried by the sweep): ${(failure as Error).message}`);
      }
      return counts;
    },

    /** The user view's payment options; null in self mode or when no channel is ready. */
    async userOptions(mode: string): Promise<UserPaymentOptions | null> {
      if (mode === 'self') return null;
      const settings = await settingsService().get();
      const channels = readyChannels(settings).map((channel) => ({ channel, payTypes: PROVIDERS[channel].payTypes(settings) }));
      if (channels.length === 0) return null;
      const topup = mode === 'usage' ? { minimum: settings.payments.topupMinimum, presets: settings.payments.topupPresets, currency: settings.currency } : undefined;
      return { channels, ...(topup ? { topup } : {}) };
    },

    /** For the admin's Payments page: each channel's state and what to paste into the provider's dashboard. */
    async status(): Promise<PaymentsStatus> {
      const settings = await settingsService().get();
      const { publicUrl } = settings.payments;
      return {
        publicUrl,
        channels: PAYMENT_CHANNELS.map((channel) => ({
          channel,
          enabled: settings.payments[channel].enabled,
          problems: problemsOf(channel, settings),
          webhookUrl: joinUrl(publicUrl, WEBHOOK_PATHS[channel]),
          events: channel === 'stripe' ? [...STRIPE_WEBHOOK_EVENTS] : [],
        })),
      };
    },

    /** A real checkout of TEST_PAYMENT_AMOUNT for the administrator's own test account (`admin-test-<id>`). */
    async testPayment(admin: { id: number | string }, channel: PaymentChannel, actor: string) {
      const userId = `admin-test-${admin.id}`;
      const { orderNo, url } = await this.checkout(userId, { channel, kind: 'topup', amount: TEST_PAYMENT_AMOUNT }, { test: true, actor });
      return { orderNo, url, userId };
    },
  };
};
