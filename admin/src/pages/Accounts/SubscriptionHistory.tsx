import type { SubscriptionSummary } from '../../../../contracts';
import { useSubscriptions } from '../../api/accounts';
import { CellText, type Column } from '../../components/DataTable';
import { QueryTable } from '../../components/QueryTable';
import { Section } from '../../components/Section';
import { IntervalBadge, SubscriptionStatusBadge } from '../../components/StatusBadge';
import { useT } from '../../utils/translations';
import { useSubscriptionText } from './useSubscriptionText';

/** Every subscription the user ever had, newest first (a grant or a cancel refreshes it: api/accounts.ts). */
export const SubscriptionHistory = ({ userId }: { userId: string }) => {
  const t = useT();
  const text = useSubscriptionText();
  const subscriptions = useSubscriptions(userId);

  const columns: Column<SubscriptionSummary>[] = [
    { key: 'planName', label: t('subscriptions.field.plan'), render: (item) => <CellText>{item.planName}</CellText> },
    { key: 'status', label: t('subscriptions.field.status'), render: (item) => <SubscriptionStatusBadge status={item.status} /> },
    { key: 'interval', label: t('subscriptions.field.interval'), render: (item) => <IntervalBadge interval={item.interval} /> },
    { key: 'startedAt', label: t('subscriptions.field.startedAt'), render: (item) => <CellText>{text.date(item.startedAt)}</CellText> },
    {
      key: 'endsAt',
      label: t('subscriptions.history.end'),
      // An ended subscription shows when it stopped; a running one, when it is due to end.
      render: (item) => <CellText muted={!item.endedAt}>{item.endedAt ? text.date(item.endedAt) : text.endsAt(item)}</CellText>,
    },
    { key: 'source', label: t('subscriptions.field.source'), render: (item) => <CellText muted>{text.source(item)}</CellText> },
  ];

  return (
    <Section title={t('subscriptions.history.title')} subtitle={t('subscriptions.history.subtitle')}>
      <QueryTable
        query={subscriptions}
        columns={columns}
        rowKey={(item) => String(item.id)}
        emptyContent={t('subscriptions.history.empty')}
        compactEmpty
      />
    </Section>
  );
};
