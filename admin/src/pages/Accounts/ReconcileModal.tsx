import { Button, Flex, Modal, Typography } from '@strapi/design-system';
import { useNavigate } from 'react-router-dom';

import type { ReconcileResult } from '../../../../contracts';
import { useReconcile } from '../../api/accounts';
import { Callout } from '../../components/Callout';
import { DataTable, textColumn, type Column } from '../../components/DataTable';
import { moneyColumn } from '../../components/Money';
import { BASE_PATH } from '../../pluginId';
import { formatCount } from '../../utils/decimal';
import { useT } from '../../utils/translations';

type Mismatch = ReconcileResult['mismatches'][number];

/** Runs GET /reconcile when opened: every cached balance against the sum of its ledger. */
export const ReconcileModal = ({ open, currency, onClose }: { open: boolean; currency?: string; onClose: () => void }) => {
  const t = useT();
  const navigate = useNavigate();
  const result = useReconcile({ enabled: open });

  const columns: Column<Mismatch>[] = [
    textColumn('userId', t('accounts.column.userId'), { mono: true }),
    moneyColumn('balance', t('accounts.column.balance'), { currency, exact: true }),
    moneyColumn('ledgerSum', t('accounts.reconcile.ledgerSum'), { currency, exact: true }),
    moneyColumn('difference', t('accounts.reconcile.difference'), {
      currency,
      signed: true,
      colored: true,
      fontWeight: 'bold',
      exact: true,
    }),
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
                    {t('accounts.reconcile.ok', { count: result.data.accounts, accounts: formatCount(result.data.accounts) })}
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
