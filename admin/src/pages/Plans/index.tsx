import * as React from 'react';
import { Button, Flex, Typography } from '@strapi/design-system';
import { Plus } from '@strapi/icons';

import type { Plan } from '../../../../contracts';
import { usePlanMutations, usePlans } from '../../api/plans';
import { BillingPage } from '../../components/BillingPage';
import { Callout } from '../../components/Callout';
import { CellText, type Column } from '../../components/DataTable';
import { moneyColumn } from '../../components/Money';
import { QueryTable } from '../../components/QueryTable';
import { EnableToggleButton, useDeleteConfirm, useRowActionsColumn } from '../../components/RowActions';
import { EnabledBadge, IntervalBadge } from '../../components/StatusBadge';
import { useBillingSettings } from '../../hooks/useBillingSettings';
import { usePermissions } from '../../hooks/usePermissions';
import { formatCount, formatDecimal, isZeroDecimal } from '../../utils/decimal';
import { useT } from '../../utils/translations';
import { PlanModal } from './PlanModal';
import { usePlanToggle } from './usePlanToggle';

interface PlanModalState {
  open: boolean;
  plan?: Plan;
}

/** Subscription plans: the list (in the server's order: sort order, then id), create, edit, enable, delete. */
export const PlansPage = () => {
  const t = useT();
  const { can } = usePermissions();
  const { settings, currency } = useBillingSettings();
  const canUpdate = can['plans.update'];

  const plans = usePlans();
  const { remove } = usePlanMutations();
  const planToggle = usePlanToggle();
  const [modal, setModal] = React.useState<PlanModalState>({ open: false });
  const openPlan = (plan?: Plan) => setModal({ open: true, plan });
  const closeModal = () => setModal((state) => ({ ...state, open: false }));

  const deletion = useDeleteConfirm<Plan>({
    title: t('plans.deleteTitle'),
    body: (plan) => t('plans.deleteBody', { name: plan.name }),
    remove: (plan) => remove(plan.id),
    deleted: (plan) => t('common.deleted', { name: plan.name }),
  });
  const actions = useRowActionsColumn<Plan>({
    canUpdate,
    onEdit: openPlan,
    onDelete: deletion.ask,
    // The server refuses it too (409): a plan anyone ever subscribed to stays, so their history keeps its name.
    deleteBlockedBy: (plan) => (plan.subscriptions > 0 ? t('plans.deleteBlocked', { count: plan.subscriptions }) : undefined),
    extra: (plan) => <EnableToggleButton enabled={plan.enabled} busy={planToggle.busyPlanId === plan.id} onToggle={() => planToggle.toggle(plan)} />,
  });

  const planCurrency = (plan: Plan) => plan.currency;
  const columns: Column<Plan>[] = [
    {
      key: 'name',
      label: t('plans.column.name'),
      render: (plan) => (
        <Flex direction="column" alignItems="flex-start" gap={1}>
          <Typography fontWeight="semiBold">{plan.name}</Typography>
          {plan.description && (
            <Typography variant="pi" textColor="neutral600" ellipsis style={{ maxWidth: '12rem' }}>
              {plan.description}
            </Typography>
          )}
        </Flex>
      ),
    },
    { key: 'interval', label: t('plans.column.interval'), render: (plan) => <IntervalBadge interval={plan.interval} /> },
    moneyColumn('price', t('plans.column.price'), { currency: planCurrency }),
    {
      key: 'discount',
      label: t('plans.column.discount'),
      align: 'right',
      render: (plan) =>
        isZeroDecimal(plan.discount) ? (
          <CellText muted>—</CellText>
        ) : (
          <CellText>{t('plans.discount', { discount: formatDecimal(plan.discount) })}</CellText>
        ),
    },
    moneyColumn('finalPrice', t('plans.column.finalPrice'), { currency: planCurrency, fontWeight: 'semiBold' }),
    moneyColumn('periodCredit', t('plans.column.periodCredit'), { currency: planCurrency }),
    { key: 'enabled', label: t('plans.column.enabled'), render: (plan) => <EnabledBadge enabled={plan.enabled} /> },
    { key: 'sortOrder', label: t('plans.column.sortOrder'), align: 'right', render: (plan) => <CellText>{plan.sortOrder}</CellText> },
    {
      key: 'activeSubscriptions',
      label: t('plans.column.activeSubscriptions'),
      align: 'right',
      render: (plan) => (
        <Flex direction="column" alignItems="flex-end">
          <CellText muted={plan.activeSubscriptions === 0}>
            {t('plans.column.subscriptionsActive', { count: formatCount(plan.activeSubscriptions) })}
          </CellText>
          {plan.subscriptions > 0 && (
            <Typography variant="pi" textColor="neutral600">
              {t('plans.column.subscriptionsEver', { count: plan.subscriptions })}
            </Typography>
          )}
        </Flex>
      ),
    },
    actions,
  ];

  const addButton = (variant: 'default' | 'secondary') => (
    <Button variant={variant} startIcon={<Plus />} onClick={() => openPlan()}>
      {t('plans.add')}
    </Button>
  );

  return (
    <BillingPage
      title={t('plans.title')}
      subtitle={t('plans.subtitle')}
      primaryAction={canUpdate && addButton('default')}
      gap={4}
      dialogs={
        <>
          <PlanModal
            open={modal.open}
            plan={modal.plan}
            readOnly={!canUpdate}
            billingCurrency={currency}
            onClose={closeModal}
            onSaved={closeModal}
            onOpenExisting={(existing) => {
              const existingPlan = plans.data?.find((entry) => entry.id === existing.id);
              if (existingPlan) openPlan(existingPlan);
            }}
          />
          {planToggle.dialog}
          {deletion.dialog}
        </>
      }
    >
      {settings && settings.mode !== 'period' && (
        <Callout variant="info">{t('plans.modeNote', { mode: t(`mode.${settings.mode}.title`) })}</Callout>
      )}
      <QueryTable
        query={plans}
        columns={columns}
        rowKey={(plan) => String(plan.id)}
        emptyContent={t('plans.empty')}
        emptyAction={canUpdate ? addButton('secondary') : undefined}
        onRowClick={openPlan}
        rowBackground={(plan) => (plan.enabled ? undefined : 'neutral100')}
      />
    </BillingPage>
  );
};

export default PlansPage;
