import { Button, Flex, Modal, Typography } from '@strapi/design-system';
import { useNavigate } from 'react-router-dom';

import { useAccountsApi } from '../../api/accounts';
import type { ReconcileResult } from '../../api/types';
import { Callout } from '../../components/Callout';
import { CellText, DataTable, type Column } from '../../components/DataTable';
import { Money } from '../../components/Money';
import { useRequest } from '../../hooks/useRequest';
import { BASE_PATH } from '../../pluginId';
import { formatCount } from '../../utils/decimal';
import { useT } from '../../utils/translations';

type Mismatch = ReconcileResult['mismatches'][number];

/** Runs GET /reconcile when opened: every cached balance against the sum of its ledger. */
export const ReconcileModal = ({ open, currency, onClose }: { open: boolean; currency?: string; onClose: () => void }) => {
  const t = useT();
  const api = useAccountsApi();
  const navigate = useNavigate();
  const result = useRequest(() => api.reconcile(), [api, open], { enabled: open });

  const columns: Column<Mismatch>[] = [
    { key: 'userId', label: t('accounts.column.userId'), render: (row) => <CellText mono>{row.userId}</CellText> },
    { key: 'balance', label: t('accounts.column.balance'), align: 'right', render: (row) => <Money value={row.balance} currency={currency} exact /> },
    {
      key: 'ledgerSum',
      label: t('accounts.reconcile.ledgerSum'),
      align: 'right',
      render: (row) => <Money value={row.ledgerSum} currency={currency} exact />,
    },
    {
      key: 'difference',
      label: t('accounts.reconcile.difference'),
      align: 'right',
      render: (row) => <Money value={row.difference} currency={currency} signed colored fontWeight="bold" exact />,
    },
  ];

  return (
    <Modal.Root open={open} onOpenChange={(next: boolean) => !next && onClose()}>
      <Modal.Content style={{ maxWidth: '80rem', width: '100%' }}>
        <Modal.Header>
          <Modal.Title>{t('accounts.reconcile.title')}</Modal.Title>
        </Modal.Header>
        <Modal.Body>
          <Flex direction="column" alignItems="stretch" gap={4}>
            <Typography textColor="neutral600">{t('accounts.reconcile.intro')}</Typography>
            {result.error && <Callout variant="danger">{result.error.message}</Callout>}
            {result.isFetching && <Typography textColor="neutral600">{t('accounts.reconcile.running')}</Typography>}
            {!result.isFetching && result.data && (
              <>
                {result.data.mismatches.length === 0 ? (
                  <Callout variant="success">
                    {t('accounts.reconcile.ok', { accounts: formatCount(result.data.accounts) })}
                  </Callout>
                ) : (
                  <Callout variant="danger">
                    {t('accounts.reconcile.mismatches', {
                      count: result.data.mismatches.length,
                      accounts: formatCount(result.data.accounts),
                    })}
                  </Callout>
                )}
                {result.data.mismatches.length > 0 && (
                  <DataTable
                    columns={columns}
                    rows={result.data.mismatches}
                    rowKey={(row) => row.userId}
                    emptyContent=""
                    onRowClick={(row) => navigate(`${BASE_PATH}/accounts/${encodeURIComponent(row.userId)}`)}
                  />
                )}
              </>
            )}
          </Flex>
        </Modal.Body>
        <Modal.Footer>
          <Button variant="tertiary" onClick={() => void result.refetch()} loading={result.isFetching}>
            {t('accounts.reconcile.again')}
          </Button>
          <Modal.Close>
            <Button>{t('common.close')}</Button>
          </Modal.Close>
        </Modal.Footer>
      </Modal.Content>
    </Modal.Root>
  );
};
