import type { RedemptionCode } from '../../../../contracts';
import type { Column } from '../../components/DataTable';
import { CodeStatusBadge, StatusBadge } from '../../components/StatusBadge';
import { useT } from '../../utils/translations';
import { CodeBatch, CodeExpiry, CodeGrant, CodeUses, CodeWithCopy } from './CodeCells';

/** The data columns of the codes list (the actions column is added by the page). */
export const useCodeColumns = (currency: string | undefined): Column<RedemptionCode>[] => {
  const t = useT();
  return [
    { key: 'code', label: t('codes.column.code'), render: (code) => <CodeWithCopy code={code.code} /> },
    {
      key: 'mode',
      label: t('codes.column.mode'),
      render: (code) => <StatusBadge value={code.mode} label={t(`codes.mode.${code.mode}`)} />,
    },
    { key: 'grant', label: t('codes.column.grant'), render: (code) => <CodeGrant grant={code} currency={currency} /> },
    { key: 'uses', label: t('codes.column.uses'), align: 'right', render: (code) => <CodeUses code={code} /> },
    { key: 'expiresAt', label: t('codes.column.expiresAt'), render: (code) => <CodeExpiry expiresAt={code.expiresAt} /> },
    { key: 'status', label: t('codes.column.status'), render: (code) => <CodeStatusBadge status={code.status} /> },
    { key: 'batch', label: t('codes.column.batch'), render: (code) => <CodeBatch batch={code.batch} description={code.description} /> },
  ];
};
