import { Flex, Grid } from '@strapi/design-system';
import { useNotification } from '@strapi/strapi/admin';

import type { SubscriptionSummary } from '../../../../contracts';
import { useGrantSubscription } from '../../api/accounts';
import { usePlans } from '../../api/plans';
import { Callout } from '../../components/Callout';
import { FormCell, SelectField } from '../../components/FormFields';
import { FormModal } from '../../components/FormModal';
import { useDialogForm } from '../../hooks/useFormSubmit';
import { formatMoney } from '../../utils/money';
import { useT } from '../../utils/translations';

interface GrantPlanModalProps {
  open: boolean;
  userId: string;
  /** The subscription the grant replaces, if any. */
  current: SubscriptionSummary | null | undefined;
  onClose: () => void;
  onGranted: (subscription: SubscriptionSummary) => void;
}

/** Starts a plan for the user now, chosen among the enabled plans (accounts.adjust; the plans need plans.read). */
export const GrantPlanModal = ({ open, userId, current, onClose, onGranted }: GrantPlanModalProps) => {
  const t = useT();
  const [grant] = useGrantSubscription();
  const { toggleNotification } = useNotification();
  const plans = usePlans({ enabled: open });
  const { values, field, saving, submit, dirty } = useDialogForm<{ planId: string }>(open, () => ({ planId: '' }));
  // A disabled plan cannot be granted (the server answers 409): only enabled ones are offered.
  const enabledPlans = (plans.data ?? []).filter((plan) => plan.enabled);

  const onSubmit = () =>
    submit(values.planId ? {} : { planId: t('errors.required') }, async () => {
      const subscription = await grant({ userId, body: { planId: Number(values.planId) } }).unwrap();
      toggleNotification({ type: 'success', message: t('subscriptions.grant.done', { plan: subscription.planName, userId }) });
      onGranted(subscription);
    });

  return (
    <FormModal
      dirty={dirty}
      open={open}
      title={t('subscriptions.grant.title', { userId })}
      saving={saving}
      onClose={onClose}
      onSubmit={onSubmit}
      submitLabel={t('subscriptions.grant.submit')}
    >
      <Flex direction="column" alignItems="stretch" gap={4}>
        {plans.error && <Callout variant="danger">{plans.error.message}</Callout>}
        {plans.data && enabledPlans.length === 0 && <Callout variant="warning">{t('subscriptions.grant.noPlans')}</Callout>}
        <Grid.Root gap={4}>
          <FormCell col={12}>
            <SelectField<string>
              {...field('planId')}
              label={t('subscriptions.grant.plan')}
              placeholder={plans.isLoading ? t('common.loading') : undefined}
              required
              options={enabledPlans.map((plan) => ({
                value: String(plan.id),
                label: t('subscriptions.grant.option', {
                  name: plan.name,
                  interval: t(`plans.interval.${plan.interval}`),
                  credit: formatMoney(plan.periodCredit, plan.currency),
                }),
              }))}
            />
          </FormCell>
        </Grid.Root>
        {current ? (
          <Callout variant="warning">{t('subscriptions.grant.replaces', { plan: current.planName })}</Callout>
        ) : (
          <Callout variant="info">{t('subscriptions.grant.explain')}</Callout>
        )}
      </Flex>
    </FormModal>
  );
};
