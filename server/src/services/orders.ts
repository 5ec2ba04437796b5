import crypto from 'node:crypto';
import type { Core } from '@strapi/strapi';
import {
  fromMinorUnits,
  toMinorUnits,
  type OrderKind,
  type OrderListQuery,
  type OrderPlanSnapshot,
  type OrderStatus,
  type OrderView,
  type PaymentChannel,
  type RecurringStop,
  type RecurringStopView,
} from '../../../contracts/payments';
import { nanosToString, toNanos } from '../rating';
import { NotFoundError, WebhookRejectedError } from '../errors';
import { getService } from '../utils/get-service';
import { onePage, paginationMeta } from '../utils/pagination';
import { TABLES, asText, containsPattern, fromJson, onPostgres, rowMeta, toDate, toJson, withTransaction, type Trx } from './db';
import type { OrderMatch, OrderRefs, PaymentEvent, ReportedMoney, WebhookOutcome } from './payments/types';

/** What an order is for, as checkout fixed it. */
interface OrderTerms {
  userId: string;
  channel: PaymentChannel;
  kind: OrderKind;
  currency: string;
  payCurrency: string;
  rate: string | null;
  planId: number | null;
  plan: OrderPlanSnapshot | null;
  planAction: string | null;
  payType: string | null;
  test: boolean;
}

/** An order as the service works with it: amounts in nanos. */
export interface OrderRecord extends OrderTerms {
  id: number;
  orderNo: string;
  status: OrderStatus;
  amount: bigint;
  payAmount: bigint;
  refundedAmount: bigint;
  /** A stop of this recurring order's Stripe subscription was requested (see requestRecurringStops). */
  recurringStop: RecurringStop | null;
}

/** A recurring stop waiting to be sent to its provider (or retried). */
export interface PendingRecurringStop {
  id: number;
  orderNo: string;
  channel: PaymentChannel;
  providerSubscriptionId: string;
  mode: RecurringStop;
  attempts: number;
}

/**
 * How long one instance's attempt to send a stop holds it (a lease): the provider call takes at most about
 * 20 s; a crashed attempt is picked up again after this.
 */
const RECURRING_STOP_LEASE_MS = 2 * 60_000;

/** A new order: amounts as decimal strings. */
export interface NewOrder extends OrderTerms {
  amount: string;
  payAmount: string;
  actor: string | null;
}

/** How an event ended: its outcome for the provider's reply, and why, for the log. */
export interface EventResult {
  outcome: WebhookOutcome;
  orderNo?: string;
  reason?: string;
  /** Orders whose recurring payment this event asked to stop: the caller sends the stops after the commit. */
  recurringStops?: number[];
}

const REF_COLUMNS: Record<keyof OrderRefs, string> = {
  sessionId: 'session_id',
  paymentIntentId: 'payment_intent_id',
  providerSubscriptionId: 'provider_subscription_id',
  tradeNo: 'trade_no',
};

const refColumns = (refs: OrderRefs | undefined) =>
  Object.fromEntries(Object.entries(refs ?? {}).filter(([, v]) => v).map(([k, v]) => [REF_COLUMNS[k as keyof OrderRefs], v]));

const matchColumns = (match: OrderMatch): Record<string, string> => {
  if ('orderNo' in match) return { order_no: match.orderNo };
  const [[key, value]] = Object.entries(match) as Array<[keyof OrderRefs, string]>;
  return { [REF_COLUMNS[key]]: value };
};

/**
 * Unguessable and safe in every provider's order field (letters and digits, ≤ 64): "UB" + time (base 36,
 * so numbers sort by creation) + 96 random bits.
 */
const newOrderNo = () => `UB${Date.now().toString(36).toUpperCase()}${crypto.randomBytes(12).toString('hex').toUpperCase()}`;

const selectOrders = (db: Trx) =>
  db(TABLES.orders).select(
    'id',
    'order_no',
    'user_id',
    'channel',
    'kind',
    'status',
    asText(db, 'amount'),
    'currency',
    asText(db, 'pay_amount'),
    'pay_currency',
    'rate',
    'plan_id',
    'plan_snapshot',
    'plan_action',
    'pay_type',
    'session_id',
    'payment_intent_id',
    'provider_subscription_id',
    'trade_no',
    'renews_order_no',
    'failure_reason',
    asText(db, 'refunded_amount'),
    'paid_at',
    'closed_at',
    'test',
    'actor',
    'created_at',
    'recurring_stop',
    'recurring_stop_requested_at',
    'recurring_stopped_at',
    'recurring_stop_error',
    'recurring_stop_attempts',
  );

const toRecord = (r: any): OrderRecord => ({
  id: Number(r.id),
  orderNo: r.order_no,
  userId: r.user_id,
  channel: r.channel,
  kind: r.kind,
  status: r.status,
  amount: BigInt(r.amount ?? '0'),
  currency: r.currency,
  payAmount: BigInt(r.pay_amount ?? '0'),
  payCurrency: r.pay_currency,
  rate: r.rate ?? null,
  planId: r.plan_id === null || r.plan_id === undefined ? null : Number(r.plan_id),
  plan: fromJson<OrderPlanSnapshot>(r.plan_snapshot) ?? null,
  planAction: r.plan_action ?? null,
  payType: r.pay_type ?? null,
  refundedAmount: BigInt(r.refunded_amount ?? '0'),
  test: Boolean(r.test),
  recurringStop: r.recurring_stop ?? null,
});

const recurringStopView = (r: any): RecurringStopView | null =>
  r.recurring_stop
    ? {
        mode: r.recurring_stop,
        requestedAt: toDate(r.recurring_stop_requested_at)!.toISOString(),
        stoppedAt: toDate(r.recurring_stopped_at)?.toISOString() ?? null,
        error: r.recurring_stop_error ?? null,
        attempts: Number(r.recurring_stop_attempts ?? 0),
      }
    : null;

/** Nanos as a decimal with the currency's digits ("57.80" CNY), like the amounts checkout answered. */
const inCurrency = (nanos: string | null | undefined, currency: string) => fromMinorUnits(toMinorUnits(nanosToString(nanos ?? '0'), currency), currency);

const toView = (r: any): OrderView => ({
  orderNo: r.order_no,
  userId: r.user_id,
  channel: r.channel,
  kind: r.kind,
  status: r.status,
  amount: inCurrency(r.amount, r.currency),
  currency: r.currency,
  payAmount: inCurrency(r.pay_amount, r.pay_currency),
  payCurrency: r.pay_currency,
  rate: r.rate ?? null,
  payType: r.pay_type ?? null,
  planId: r.plan_id === null || r.plan_id === undefined ? null : Number(r.plan_id),
  plan: fromJson<OrderPlanSnapshot>(r.plan_snapshot) ?? null,
  planAction: r.plan_action ?? null,
  sessionId: r.session_id ?? null,
  paymentIntentId: r.payment_intent_id ?? null,
  providerSubscriptionId: r.provider_subscription_id ?? null,
  tradeNo: r.trade_no ?? null,
  renewsOrderNo: r.renews_order_no ?? null,
  failureReason: r.failure_reason ?? null,
  refundedAmount: inCurrency(r.refunded_amount, r.pay_currency),
  test: Boolean(r.test),
  actor: r.actor ?? null,
  createdAt: toDate(r.created_at)!.toISOString(),
  paidAt: toDate(r.paid_at)?.toISOString() ?? null,
  closedAt: toDate(r.closed_at)?.toISOString() ?? null,
  recurringStop: recurringStopView(r),
});

/** What the provider charges for `order`, in its minor units (fen, cents). */
const payMinor = (order: OrderRecord) => toMinorUnits(nanosToString(order.payAmount), order.payCurrency);

/** Why `paid` is not what `order` asked for, or null when it is (integer minor units and the currency). */
const moneyMismatch = (order: OrderRecord, paid: ReportedMoney): string | null => {
  const currency = paid.currency.toUpperCase();
  if (currency !== order.payCurrency) return `currency mismatch: paid in ${currency}, the order is in ${order.payCurrency}`;
  const expected = payMinor(order);
  if (paid.minor !== expected) {
    return `amount mismatch: paid ${fromMinorUnits(paid.minor, currency)} ${currency}, the order asks ${fromMinorUnits(expected, currency)} ${currency}`;
  }
  return null;
};

/** A refused event whose finding is kept on the order for administrators (written after the rollback). */
class RecordedRefusal extends Error {
  constructor(readonly orderId: number, readonly reason: string) {
    super(reason);
  }
}

/**
 * Payment orders and processed provider events: the only writer of both tables. An event is applied in one
 * transaction — its id claimed under the unique (provider, event id) key, the order row locked, the state
 * change checked, the balance credited through the ledger (reference = the order number) or the plan
 * granted through the subscriptions service — and the provider is answered after the commit. Concurrent
 * copies of one event wait on the claim and then find it taken; distinct events for one order (Stripe's
 * `completed` and `async_payment_succeeded`) serialize on the order lock and only a pending order is paid.
 */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const db = () => strapi.db.connection;

  /** Claims `eventId` for this transaction; false when it was processed before. */
  const claimEvent = async (trx: Trx, channel: PaymentChannel, event: PaymentEvent, orderNo: string | null): Promise<boolean> => {
    const row = { ...rowMeta(), provider: channel, event_id: event.eventId, type: event.type, order_no: orderNo };
    if (onPostgres(trx)) {
      // ON CONFLICT DO NOTHING: a concurrent copy waits for the first one's commit, then inserts nothing.
      const inserted = await trx(TABLES.webhookEvents).insert(row).onConflict(['provider', 'event_id']).ignore().returning('id');
      return inserted.length > 0;
    }
    // SQLite runs one transaction at a time: look, then insert.
    if (await trx(TABLES.webhookEvents).where({ provider: channel, event_id: event.eventId }).first('id')) return false;
    await trx(TABLES.webhookEvents).insert(row);
    return true;
  };

  /**
   * The order an event is about, row locked; null when a provider reference matches none of ours. A refund,
   * invoice or subscription of something else sold on the same Stripe account (or of a plan payment, whose
   * payment intent lives on its invoice) is not ours to refuse: it is acknowledged and ignored, while an
   * unknown order number or checkout session — what only our checkouts carry — is refused.
   */
  const lockOrder = async (trx: Trx, channel: PaymentChannel, match: OrderMatch): Promise<OrderRecord | null> => {
    const row = await selectOrders(trx).where(matchColumns(match)).orderBy('id', 'asc').forUpdate().first();
    if (!row && ('paymentIntentId' in match || 'providerSubscriptionId' in match)) return null;
    if (!row) throw new WebhookRejectedError(`No order matches ${JSON.stringify(match)}`, 404);
    const order = toRecord(row);
    if (order.channel !== channel) throw new WebhookRejectedError(`Order ${order.orderNo} was not paid through ${channel}`, 404);
    return order;
  };

  const update = (trx: Trx, order: OrderRecord, columns: Record<string, unknown>) =>
    trx(TABLES.orders).where({ id: order.id }).update({ ...columns, updated_at: new Date() });

  /** What a paid order buys, granted inside the event's transaction. */
  const fulfil = async (trx: Trx, order: OrderRecord, orderNo = order.orderNo) => {
    if (order.kind === 'topup') {
      await getService('ledger').post(trx, order.userId, {
        kind: 'topup',
        amount: order.amount,
        reference: orderNo,
        actor: `${order.channel}:${orderNo}`,
        note: order.test ? 'Test payment' : null,
      });
    } else {
      await getService('subscriptions').purchaseIn(trx, order.userId, order.planId!, `order:${orderNo}`);
    }
  };

  /**
   * Inside a plan purchase's or an administrator's cancel's transaction (the user's account row locked): every
   * other live recurring Stripe order of `userId` — paid (or refunded: a refund does not stop Stripe's
   * billing), holding a subscription, not closed by customer.subscription.deleted, not a renewal (renewal
   * orders name the first order, which stands for the subscription) — is marked to stop renewing. Only the
   * request is written here; the provider is called after the commit (stopRecurring in the payments service)
   * and retried by the sweep until it confirms. A stop already requested is left alone, except that `now`
   * replaces a pending `period_end` (a switch, then an upgrade: the subscription must end at once).
   * Returns the orders marked.
   */
  const requestRecurringStops = async (trx: Trx, userId: string, mode: RecurringStop, exceptOrderId: number | null = null): Promise<number[]> => {
    const live = trx(TABLES.orders)
      .where({ user_id: userId, channel: 'stripe' })
      .whereIn('status', ['paid', 'refunded'])
      .whereNotNull('provider_subscription_id')
      .whereNull('renews_order_no')
      .whereNull('closed_at')
      .andWhere((q) => {
        q.whereNull('recurring_stop');
        if (mode === 'now') q.orWhere('recurring_stop', 'period_end');
      });
    if (exceptOrderId !== null) live.whereNot('id', exceptOrderId);
    const ids = (await live.select('id').forUpdate()).map((r: { id: number | string }) => Number(r.id));
    if (ids.length === 0) return [];
    const now = new Date();
    await trx(TABLES.orders).whereIn('id', ids).update({
      recurring_stop: mode,
      recurring_stop_requested_at: now,
      recurring_stop_attempted_at: null,
      recurring_stop_attempts: 0,
      recurring_stopped_at: null,
      recurring_stop_error: null,
      updated_at: now,
    });
    return ids;
  };

  /**
   * What paying `order` does to the user's other recurring Stripe subscriptions (README, Payments): a plan that
   * starts now (`subscribe`, `upgrade`) stops them at once; a `switch` takes effect at the next period, so
   * they stop at the end of the period paid; a `renew` buys one more period of the plan the user runs on and
   * stops nothing (a Stripe subscription on that plan keeps renewing it, each payment adding its period).
   */
  const stopsForPurchase = (trx: Trx, order: OrderRecord): Promise<number[]> => {
    if (order.kind !== 'plan' || order.planAction === 'renew') return Promise.resolve([]);
    return requestRecurringStops(trx, order.userId, order.planAction === 'switch' ? 'period_end' : 'now', order.id);
  };

  const refuseMismatch = (order: OrderRecord, reason: string | null) => {
    if (reason) throw new RecordedRefusal(order.id, reason);
  };

  /** The event's effect on its locked order; the event is already claimed. */
  const applyTo = async (trx: Trx, order: OrderRecord, event: Exclude<PaymentEvent, { type: 'ignored' }>): Promise<EventResult> => {
    const now = new Date();
    const done = (outcome: WebhookOutcome, reason?: string): EventResult => ({ outcome, orderNo: order.orderNo, reason });
    switch (event.type) {
      case 'paid': {
        if (order.status === 'paid' || order.status === 'refunded') return done('duplicate', `order already ${order.status}`);
        refuseMismatch(order, moneyMismatch(order, event.paid));
        await fulfil(trx, order);
        await update(trx, order, { status: 'paid', paid_at: now, ...refColumns(event.refs) });
        return { ...done('applied'), recurringStops: await stopsForPurchase(trx, order) };
      }
      case 'awaiting':
        if (order.status === 'pending') await update(trx, order, refColumns(event.refs));
        return done('applied');
      case 'failed':
        if (order.status !== 'pending') return done('ignored', `order is ${order.status}`);
        await update(trx, order, { status: 'failed', failure_reason: event.reason, closed_at: now });
        return done('applied');
      case 'expired':
        if (order.status !== 'pending') return done('ignored', `order is ${order.status}`);
        await update(trx, order, { status: 'expired', closed_at: now });
        return done('applied');
      case 'renewal': {
        // A recurring plan's next period: a new paid order (its own record of the money) renewing this one.
        refuseMismatch(order, moneyMismatch(order, event.paid));
        const orderNo = newOrderNo();
        // Charged after this subscription was asked to stop (Stripe billed before our stop reached it): the
        // money is recorded as the paid renewal it is and acknowledged, but buys no period of the old plan —
        // the plan bought since (or the cancel) decides the user's subscription, and applying the old plan
        // would switch an upgraded user back down or undo a cancel. The order says so for an admin to refund.
        const stopped = order.recurringStop !== null;
        await trx(TABLES.orders).insert({
          ...rowMeta(now),
          ...orderColumns({ ...orderInput(order), actor: `stripe:${event.invoiceId}` }),
          order_no: orderNo,
          status: 'paid',
          paid_at: now,
          trade_no: event.invoiceId,
          provider_subscription_id: 'providerSubscriptionId' in event.match ? event.match.providerSubscriptionId : null,
          renews_order_no: order.orderNo,
          failure_reason: stopped
            ? `Charged after order ${order.orderNo}'s Stripe subscription was asked to stop renewing (${order.recurringStop}): recorded, no period granted — refund it in Stripe`
            : null,
        });
        if (stopped) return { outcome: 'applied', orderNo, reason: 'renewal charged after the recurring stop was requested: recorded, not applied' };
        await fulfil(trx, order, orderNo);
        return { outcome: 'applied', orderNo };
      }
      case 'recurringEnded':
        await update(trx, order, { closed_at: now });
        return done('applied');
      case 'refund': {
        // Only money we credited can be reversed: a refund of a payment that never settled this order moves nothing.
        if (order.status !== 'paid' && order.status !== 'refunded') return done('ignored', `order is ${order.status}`);
        const total = payMinor(order);
        const before = toMinorUnits(nanosToString(order.refundedAmount), order.payCurrency);
        if (event.refunded.currency.toUpperCase() !== order.payCurrency || event.refunded.minor > total) {
          refuseMismatch(order, `refund mismatch: ${fromMinorUnits(event.refunded.minor, event.refunded.currency.toUpperCase())} ${event.refunded.currency.toUpperCase()} refunded of ${fromMinorUnits(total, order.payCurrency)} ${order.payCurrency}`);
        }
        if (event.refunded.minor <= before) return done('duplicate', 'refund already applied');
        if (order.kind === 'topup') {
          // The credit is reversed in proportion to the money returned (all of it for a full refund). The
          // balance may go negative: that much was already spent, and authorizations fail until it is repaid.
          // Reversed so far and now both computed from the cumulative refund, so partial refunds add up to
          // exactly the order's amount whatever their rounding.
          const reversed = (order.amount * event.refunded.minor) / total - (order.amount * before) / total;
          await getService('ledger').post(trx, order.userId, {
            kind: 'refund',
            amount: -reversed,
            reference: `${order.orderNo}:${event.refunded.minor}`,
            actor: `${order.channel}:${order.orderNo}`,
            note: `Refund of ${fromMinorUnits(event.refunded.minor - before, order.payCurrency)} ${order.payCurrency}`,
          });
        }
        const refunded = toNanos(fromMinorUnits(event.refunded.minor, order.payCurrency));
        await update(trx, order, { refunded_amount: refunded.toString(), ...(event.refunded.minor === total ? { status: 'refunded', closed_at: now } : {}) });
        return done('applied');
      }
    }
  };

  const orderInput = (order: OrderRecord): NewOrder => ({
    userId: order.userId,
    channel: order.channel,
    kind: order.kind,
    amount: nanosToString(order.amount),
    currency: order.currency,
    payAmount: nanosToString(order.payAmount),
    payCurrency: order.payCurrency,
    rate: order.rate,
    planId: order.planId,
    plan: order.plan,
    planAction: order.planAction,
    payType: order.payType,
    test: order.test,
    actor: null,
  });

  const orderColumns = (input: NewOrder) => ({
    user_id: input.userId,
    channel: input.channel,
    kind: input.kind,
    amount: toNanos(input.amount).toString(),
    currency: input.currency,
    pay_amount: toNanos(input.payAmount).toString(),
    pay_currency: input.payCurrency,
    rate: input.rate,
    plan_id: input.planId,
    plan_snapshot: input.plan ? toJson(input.plan) : null,
    plan_action: input.planAction,
    pay_type: input.payType,
    test: input.test,
    actor: input.actor,
    refunded_amount: '0',
  });

  return {
    /** A new pending order; its number is what the provider and the user see. */
    async create(input: NewOrder): Promise<string> {
      const orderNo = newOrderNo();
      await db()(TABLES.orders).insert({ ...rowMeta(), ...orderColumns(input), order_no: orderNo, status: 'pending' });
      return orderNo;
    },

    /** The checkout was created: its URL and the provider's references. */
    async attachCheckout(orderNo: string, url: string, refs: OrderRefs | undefined) {
      await db()(TABLES.orders).where({ order_no: orderNo }).update({ url, ...refColumns(refs), updated_at: new Date() });
    },

    /** The provider refused to create the checkout: nothing can be paid on this order. */
    async failCheckout(orderNo: string, reason: string) {
      await db()(TABLES.orders).where({ order_no: orderNo, status: 'pending' }).update({ status: 'failed', failure_reason: reason, closed_at: new Date(), updated_at: new Date() });
    },

    requestRecurringStops,

    /**
     * Recurring stops still to send: requested, not confirmed, not held by an attempt in flight (lease).
     * `ids` narrows to the orders one transaction just marked.
     */
    async pendingRecurringStops(ids?: number[], limit = 50): Promise<PendingRecurringStop[]> {
      const query = db()(TABLES.orders)
        .select('id', 'order_no', 'channel', 'provider_subscription_id', 'recurring_stop', 'recurring_stop_attempts')
        .whereNotNull('recurring_stop')
        .whereNull('recurring_stopped_at')
        .andWhere((q) => q.whereNull('recurring_stop_attempted_at').orWhere('recurring_stop_attempted_at', '<', new Date(Date.now() - RECURRING_STOP_LEASE_MS)))
        .orderBy('id', 'asc')
        .limit(limit);
      if (ids) query.whereIn('id', ids);
      return (await query).map((r: any) => ({
        id: Number(r.id),
        orderNo: r.order_no,
        channel: r.channel,
        providerSubscriptionId: r.provider_subscription_id,
        mode: r.recurring_stop,
        attempts: Number(r.recurring_stop_attempts ?? 0),
      }));
    },

    /**
     * Takes `stop` for one attempt: a conditional update on the attempt count and the lease, so of two
     * instances (or the webhook and the sweep) only one sends it. Returns the attempt's number, or null when
     * another took it, Stripe already confirmed it, or the request changed meanwhile.
     */
    async claimRecurringStop(stop: PendingRecurringStop): Promise<number | null> {
      const now = new Date();
      const claimed = await db()(TABLES.orders)
        .where({ id: stop.id, recurring_stop: stop.mode, recurring_stop_attempts: stop.attempts })
        .whereNull('recurring_stopped_at')
        .andWhere((q) => q.whereNull('recurring_stop_attempted_at').orWhere('recurring_stop_attempted_at', '<', new Date(now.getTime() - RECURRING_STOP_LEASE_MS)))
        .update({ recurring_stop_attempted_at: now, recurring_stop_attempts: stop.attempts + 1, updated_at: now });
      return Number(claimed) === 1 ? stop.attempts + 1 : null;
    },

    /** An attempt's end: confirmed (error null) or failed (kept for admins; the sweep retries). Ignored when the request changed meanwhile. */
    async finishRecurringStop(stop: PendingRecurringStop, attempt: number, error: string | null) {
      const now = new Date();
      await db()(TABLES.orders)
        .where({ id: stop.id, recurring_stop: stop.mode, recurring_stop_attempts: attempt })
        .whereNull('recurring_stopped_at')
        .update({
          recurring_stop_attempted_at: null,
          recurring_stop_error: error,
          ...(error === null ? { recurring_stopped_at: now } : {}),
          updated_at: now,
        });
    },

    /** Applies one verified provider event exactly once (see above). */
    async applyEvent(channel: PaymentChannel, event: PaymentEvent): Promise<EventResult> {
      if (event.type === 'ignored') return { outcome: 'ignored', reason: event.reason };
      try {
        return await withTransaction(strapi, async (trx) => {
          const order = await lockOrder(trx, channel, event.match);
          if (!order) return { outcome: 'ignored', reason: `no order of ours matches ${JSON.stringify(event.match)}` };
          if (!(await claimEvent(trx, channel, event, order.orderNo))) return { outcome: 'duplicate', orderNo: order.orderNo, reason: 'event already processed' };
          return applyTo(trx, order, event);
        });
      } catch (error) {
        if (!(error instanceof RecordedRefusal)) throw error;
        // Rolled back: nothing credited and the event left unclaimed; the finding is kept for administrators.
        await db()(TABLES.orders).where({ id: error.orderId }).update({ failure_reason: error.reason, updated_at: new Date() });
        return { outcome: 'refused', reason: error.reason };
      }
    },

    async find(orderNo: string): Promise<OrderView> {
      const row = await selectOrders(db()).where({ order_no: orderNo }).first();
      if (!row) throw new NotFoundError('Order', { orderNo });
      return toView(row);
    },

    /** Admin list, newest first. `q` matches the order number or a provider reference (prefix). */
    async list({ status, channel, kind, userId, q, page = 1, pageSize = 25 }: OrderListQuery) {
      const filtered = () => {
        const query = db()(TABLES.orders);
        if (status) query.where({ status });
        if (channel) query.where({ channel });
        if (kind) query.where({ kind });
        if (userId) query.where({ user_id: userId });
        if (q) {
          const pattern = containsPattern(q);
          query.where((w) => {
            for (const column of ['order_no', 'session_id', 'payment_intent_id', 'provider_subscription_id', 'trade_no']) {
              w.orWhereRaw(`${column} LIKE ? ESCAPE '\\'`, [pattern]);
            }
          });
        }
        return query;
      };
      const [{ count }] = await filtered().count({ count: '*' });
      const rows = await onePage(selectOrders(db()).whereIn('id', filtered().select('id')).orderBy('id', 'desc'), { page, pageSize });
      return { data: rows.map(toView), meta: { pagination: paginationMeta({ page, pageSize }, Number(count)) } };
    },
  };
};
