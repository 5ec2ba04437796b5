import type { OrderView } from '../../../../contracts';
import { Callout } from '../../components/Callout';
import { useFormatDateTime } from '../../components/DateTime';
import { useT } from '../../utils/translations';

/**
 * A recurring Stripe order whose subscription was asked to stop renewing (another plan bought, or the
 * subscription cancelled): requested, confirmed by Stripe, or failing with the last error (the sweep retries).
 */
export const RecurringStopCallout = ({ order }: { order: OrderView }) => {
  const t = useT();
  const formatDateTime = useFormatDateTime();
  const stop = order.recurringStop;
  if (!stop) return null;
  const state = stop.stoppedAt ? 'stopped' : stop.error ? 'failing' : 'requested';
  const variant = state === 'stopped' ? 'success' : state === 'failing' ? 'danger' : 'info';
  return (
    <Callout variant={variant} title={t(`orders.recurringStop.${state}`)}>
      {t(`orders.recurringStop.mode.${stop.mode}`, { subscription: order.providerSubscriptionId ?? '—' })}{' '}
      {t('orders.recurringStop.requestedAt', { date: formatDateTime(stop.requestedAt) })}
      {stop.stoppedAt && <> {t('orders.recurringStop.stoppedAt', { date: formatDateTime(stop.stoppedAt) })}</>}
      {stop.error && <> {t('orders.recurringStop.error', { attempts: stop.attempts, error: stop.error })}</>}
    </Callout>
  );
};
