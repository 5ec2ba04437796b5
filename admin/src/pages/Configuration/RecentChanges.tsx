import { Typography } from '@strapi/design-system';
import type { AuditEntry } from '../../../../contracts';
import { useAuditTrail } from '../../api/settings';
import { DateTime } from '../../components/DateTime';
import { QueryTable } from '../../components/QueryTable';
import { Section } from '../../components/Section';
import { isTranslationKey, useT } from '../../utils/translations';

/** How many of the latest edits the page shows. */
const LATEST = 10;

/** `model-prices.update` → "Model price · updated": the list's name and the verb, each translated. */
const useActionLabel = () => {
  const t = useT();
  return (action: string) => {
    const [resource, verb] = action.split('.');
    const part = (key: string, fallback: string) => (isTranslationKey(key) ? t(key) : fallback);
    return `${part(`audit.resource.${resource}`, resource)} · ${part(`audit.verb.${verb}`, verb)}`;
  };
};

/** The latest configuration edits (settings, prices, plans, imports): who made them and when. */
export const RecentChanges = () => {
  const t = useT();
  const actionLabel = useActionLabel();
  const audit = useAuditTrail({ page: 1, pageSize: LATEST });
  return (
    <Section title={t('audit.title')} subtitle={t('audit.subtitle', { count: LATEST })}>
      <QueryTable<AuditEntry>
        query={{ ...audit, data: audit.data?.data }}
        rowKey={(entry) => String(entry.id)}
        emptyContent={t('audit.empty')}
        columns={[
          { key: 'when', label: t('audit.column.when'), render: (entry) => <DateTime value={entry.createdAt} /> },
          { key: 'who', label: t('audit.column.who'), render: (entry) => <Typography>{entry.actor}</Typography> },
          { key: 'what', label: t('audit.column.what'), render: (entry) => <Typography>{actionLabel(entry.action)}</Typography> },
          { key: 'subject', label: t('audit.column.subject'), render: (entry) => <Typography>{entry.subject ?? ''}</Typography> },
        ]}
      />
    </Section>
  );
};
