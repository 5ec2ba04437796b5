import * as React from 'react';
import { useNotification } from '@strapi/strapi/admin';

import type { Plan } from '../../../../contracts';
import { usePlanMutations } from '../../api/plans';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { useBusyAction } from '../../hooks/useBusyAction';
import { useNotifyApiError } from '../../hooks/useNotifyApiError';
import { useT } from '../../utils/translations';

/**
 * Enables or disables a plan from its row: `toggle(plan)`. Disabling a plan that active subscriptions run
 * on first asks for confirmation, stating how many it touches (they keep their terms until their period
 * ends; only new purchases stop); any other switch applies at once. Render `dialog` once; `busyPlanId` is
 * the plan being switched.
 */
export const usePlanToggle = () => {
  const t = useT();
  const { update } = usePlanMutations();
  const { toggleNotification } = useNotification();
  const notifyApiError = useNotifyApiError();
  const [busyPlanId, act] = useBusyAction<number>();
  const [confirming, setConfirming] = React.useState<Plan>();

  const setEnabled = async (plan: Plan, enabled: boolean) => {
    const saved = await update(plan.id, { enabled });
    toggleNotification({
      type: 'success',
      message: t(enabled ? 'plans.toggle.enabled' : 'plans.toggle.disabled', { name: saved.name }),
    });
  };

  const toggle = (plan: Plan) => {
    if (plan.enabled && plan.activeSubscriptions > 0) setConfirming(plan);
    else void act(plan.id, () => setEnabled(plan, !plan.enabled));
  };

  const confirmDisable = async () => {
    if (!confirming) return;
    try {
      await setEnabled(confirming, false);
      setConfirming(undefined);
    } catch (error) {
      notifyApiError(error);
    }
  };

  const dialog = (
    <ConfirmDialog
      open={confirming !== undefined}
      onOpenChange={(open) => !open && setConfirming(undefined)}
      title={t('plans.disable.title', { name: confirming?.name ?? '' })}
      confirmLabel={t('common.disable')}
      onConfirm={confirmDisable}
    >
      {t('plans.disable.body', { count: confirming?.activeSubscriptions ?? 0 })}
    </ConfirmDialog>
  );

  return { toggle, busyPlanId, dialog };
};
