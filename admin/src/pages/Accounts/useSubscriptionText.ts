import type { SubscriptionSummary } from '../../../../contracts';
import { useFormatDateTime } from '../../components/DateTime';
import { useT } from '../../utils/translations';

/** `admin:<id>`, `code:<code>`, `order:<orderNo>`: who started a subscription, as the server records it. */
const SOURCE = /^(admin|code|order):(.*)$/;
const ADMIN_REFERENCE = /^(\d+)(?: \((.+)\))?$/;

/** How a subscription's period and source read in the admin (the current one and the history alike). */
export const useSubscriptionText = () => {
  const t = useT();
  const formatDateTime = useFormatDateTime();
  const date = (value: string | null) => formatDateTime(value, true);

  return {
    /** "Jan 5, 2026 – Feb 5, 2026", or "Lifetime" for a period without end. */
    period: (subscription: Pick<SubscriptionSummary, 'periodStart' | 'periodEnd'>) =>
      subscription.periodEnd === null
        ? t('subscriptions.period.lifetime', { start: date(subscription.periodStart) })
        : t('subscriptions.period.range', { start: date(subscription.periodStart), end: date(subscription.periodEnd) }),
    /** When the entitlement ends; "Never" for a lifetime plan. */
    endsAt: (subscription: Pick<SubscriptionSummary, 'endsAt'>) =>
      subscription.endsAt === null ? t('subscriptions.never') : date(subscription.endsAt),
    /** "Granted by an administrator (ada@example.com)", "Redemption code PRO-MONTH-K7QP", "Order 2024…"; an unknown source as recorded. */
    source: (subscription: Pick<SubscriptionSummary, 'source'>) => {
      if (!subscription.source) return '—';
      const match = SOURCE.exec(subscription.source);
      if (!match) return subscription.source;
      const [, kind, reference] = match;
      if (kind === 'admin') {
        // `admin:<id> (<email>)`: the email when recorded, else the id.
        const [, id, email] = ADMIN_REFERENCE.exec(reference) ?? [];
        return t('subscriptions.source.admin', { admin: email ?? (id ? `#${id}` : reference) });
      }
      if (kind === 'code') return t('subscriptions.source.code', { code: reference });
      return t('subscriptions.source.order', { order: reference });
    },
    date,
  };
};
