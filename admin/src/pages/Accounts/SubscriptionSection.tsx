import * as React from 'react';
import { Button, Grid, Typography } from '@strapi/design-system';
import { useNotification } from '@strapi/strapi/admin';

import type { SubscriptionSummary } from '../../../../contracts';
import { useCancelSubscription } from '../../api/accounts';
import { Callout } from '../../components/Callout';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { DetailItem } from '../../components/DetailItem';
import { Money } from '../../components/Money';
import { Section } from '../../components/Section';
import { IntervalBadge, SubscriptionStatusBadge } from '../../components/StatusBadge';
import { useNotifyApiError } from '../../hooks/useNotifyApiError';
import { usePermissions } from '../../hooks/usePermissions';
import { isNegativeDecimal } from '../../utils/decimal';
import { useT } from '../../utils/translations';
import { GrantPlanModal } from './GrantPlanModal';
import { useSubscriptionText } from './useSubscriptionText';

interface SubscriptionSectionProps {
  userId: string;
  subscription: SubscriptionSummary | null | undefined;
  currency?: string;
}

/** The account's current subscription (period mode's funding), with grant and cancel for accounts.adjust. */
export const SubscriptionSection = ({ userId, subscription, currency }: SubscriptionSectionProps) => {
  const t = useT();
  const text = useSubscriptionText();
  const { can } = usePermissions();
  const { toggleNotification } = useNotification();
  const notifyApiError = useNotifyApiError();
  const [cancelSubscription] = useCancelSubscription();
  const [grantOpen, setGrantOpen] = React.useState(false);
  const [cancelOpen, setCancelOpen] = React.useState(false);

  // Granting needs the plans to choose from (plans.read) as well as accounts.adjust.
  const canGrant = can['accounts.adjust'] && can['plans.read'];
  const cancellable = can['accounts.adjust'] && subscription?.status === 'active' && !subscription.cancelledAt;

  const confirmCancel = async () => {
    try {
      const cancelled = await cancelSubscription(userId).unwrap();
      toggleNotification({
        type: 'success',
        message: t('subscriptions.cancel.done', { plan: cancelled.planName, endsAt: text.endsAt(cancelled) }),
      });
      setCancelOpen(false);
    } catch (error) {
      notifyApiError(error);
    }
  };

  return (
    <>
      <Section
        title={t('subscriptions.title')}
        subtitle={t('subscriptions.subtitle')}
        actions={
          <>
            {cancellable && (
              <Button variant="danger-light" onClick={() => setCancelOpen(true)}>
                {t('subscriptions.cancel')}
              </Button>
            )}
            {canGrant && (
              <Button variant="secondary" onClick={() => setGrantOpen(true)}>
                {t('subscriptions.grant')}
              </Button>
            )}
          </>
        }
      >
        {!subscription ? (
          <Typography textColor="neutral600">{t('subscriptions.none')}</Typography>
        ) : (
          <>
            {subscription.cancelledAt && subscription.status === 'active' && (
              <Callout variant="warning">
                {t('subscriptions.cancelledNote', { cancelledAt: text.date(subscription.cancelledAt), endsAt: text.endsAt(subscription) })}
              </Callout>
            )}
            <Grid.Root gap={5}>
              <DetailItem label={t('subscriptions.field.plan')}>{subscription.planName}</DetailItem>
              <DetailItem label={t('subscriptions.field.status')}>
                <SubscriptionStatusBadge status={subscription.status} />
              </DetailItem>
              <DetailItem label={t('subscriptions.field.interval')}>
                <IntervalBadge interval={subscription.interval} />
              </DetailItem>
              <DetailItem label={t('subscriptions.field.period')}>{text.period(subscription)}</DetailItem>
              <DetailItem label={t('subscriptions.field.credit')}>
                <Money value={subscription.credit} currency={currency} exact />
              </DetailItem>
              <DetailItem label={t('subscriptions.field.used')}>
                <Money value={subscription.used} currency={currency} exact />
              </DetailItem>
              <DetailItem label={t('subscriptions.field.remaining')}>
                <Money
                  value={subscription.remaining}
                  currency={currency}
                  fontWeight="bold"
                  textColor={isNegativeDecimal(subscription.remaining) ? 'danger600' : undefined}
                  exact
                />
              </DetailItem>
              <DetailItem label={t('subscriptions.field.endsAt')}>{text.endsAt(subscription)}</DetailItem>
              <DetailItem label={t('subscriptions.field.nextPlan')}>
                {subscription.nextPlanName ? t('subscriptions.nextPlan', { plan: subscription.nextPlanName }) : '—'}
              </DetailItem>
              <DetailItem label={t('subscriptions.field.source')}>{text.source(subscription)}</DetailItem>
              <DetailItem label={t('subscriptions.field.startedAt')}>{text.date(subscription.startedAt)}</DetailItem>
            </Grid.Root>
          </>
        )}
      </Section>
      <GrantPlanModal
        open={grantOpen}
        userId={userId}
        current={subscription?.status === 'active' ? subscription : null}
        onClose={() => setGrantOpen(false)}
        onGranted={() => setGrantOpen(false)}
      />
      <ConfirmDialog
        open={cancelOpen}
        onOpenChange={setCancelOpen}
        title={t('subscriptions.cancel.title')}
        confirmLabel={t('subscriptions.cancel')}
        onConfirm={confirmCancel}
      >
        {!subscription
          ? ''
          : subscription.periodEnd === null
            ? t('subscriptions.cancel.bodyLifetime', { plan: subscription.planName })
            : t('subscriptions.cancel.body', { plan: subscription.planName, endsAt: text.date(subscription.periodEnd) })}
      </ConfirmDialog>
    </>
  );
};
