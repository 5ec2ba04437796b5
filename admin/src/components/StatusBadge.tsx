import { Badge } from '@strapi/design-system';

import type { CodeStatus, OrderStatus, PaymentChannel, PlanInterval, SubscriptionStatus } from '../../../contracts';
import { useT } from '../utils/translations';

type Variant = 'success' | 'primary' | 'danger' | 'warning' | 'neutral' | 'secondary' | 'alternative';

const VARIANTS: Record<string, Variant> = {
  success: 'success',
  active: 'success',
  captured: 'success',
  settled: 'success',
  paid: 'success',
  error: 'danger',
  failed: 'danger',
  suspended: 'danger',
  unpriced: 'warning',
  open: 'warning',
  held: 'warning',
  pending: 'warning',
  expired: 'neutral',
  exhausted: 'warning',
  cancelled: 'danger',
  released: 'neutral',
  disabled: 'neutral',
  usage: 'secondary',
  period: 'alternative',
  self: 'neutral',
  topup: 'success',
  redemption: 'success',
  refund: 'success',
  adjustment: 'primary',
  subscription: 'alternative',
  admin: 'primary',
  gateway: 'secondary',
  auto: 'warning',
  import: 'alternative',
  monthly: 'secondary',
  yearly: 'primary',
  lifetime: 'alternative',
  refunded: 'secondary',
  plan: 'alternative',
  stripe: 'primary',
  epay: 'secondary',
};

export const StatusBadge = ({ value, label }: { value: string | null | undefined; label?: string }) => {
  if (!value) return null;
  return (
    <Badge variant={VARIANTS[value] ?? 'neutral'} size="S">
      {label ?? value}
    </Badge>
  );
};

/** Enabled / Disabled, for an entry that can be switched off (a price, a tool, a model). */
export const EnabledBadge = ({ enabled }: { enabled: boolean }) => {
  const t = useT();
  return <StatusBadge value={enabled ? 'active' : 'disabled'} label={enabled ? t('common.enabled') : t('common.disabled')} />;
};

/** A plan's interval: monthly, yearly, lifetime. */
export const IntervalBadge = ({ interval }: { interval: PlanInterval }) => {
  const t = useT();
  return <StatusBadge value={interval} label={t(`plans.interval.${interval}`)} />;
};

/** A subscription's status: active, expired, cancelled. */
export const SubscriptionStatusBadge = ({ status }: { status: SubscriptionStatus }) => {
  const t = useT();
  return <StatusBadge value={status} label={t(`subscriptions.status.${status}`)} />;
};

/** A redemption code's status: active, disabled, expired, exhausted. */
export const CodeStatusBadge = ({ status }: { status: CodeStatus }) => {
  const t = useT();
  return <StatusBadge value={status} label={t(`codes.status.${status}`)} />;
};

/** A payment order's status: pending, paid, failed, expired, refunded. */
export const OrderStatusBadge = ({ status }: { status: OrderStatus }) => {
  const t = useT();
  return <StatusBadge value={status} label={t(`orders.status.${status}`)} />;
};

/** A payment channel: Stripe, EPay. */
export const ChannelBadge = ({ channel }: { channel: PaymentChannel }) => {
  const t = useT();
  return <StatusBadge value={channel} label={t(`payments.channel.${channel}`)} />;
};
