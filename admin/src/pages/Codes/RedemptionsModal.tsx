import { Flex, Modal, Typography } from '@strapi/design-system';
import { useNavigate } from 'react-router-dom';

import type { Redemption, RedemptionCode } from '../../../../contracts';
import { useCodeRedemptions } from '../../api/codes';
import { CellText, dateColumn, textColumn, type Column } from '../../components/DataTable';
import { QueryTable } from '../../components/QueryTable';
import { usePermissions } from '../../hooks/usePermissions';
import { BASE_PATH } from '../../pluginId';
import { formatCount } from '../../utils/decimal';
import { useT } from '../../utils/translations';
import { CodeGrant, CodeText } from './CodeCells';
import { useReturnFocus } from '../../hooks/useReturnFocus';
import { CloseOnlyFooter } from '../../components/ModalClose';

interface RedemptionsModalProps {
  /** The code whose history is shown; the dialog is closed without one. */
  code?: RedemptionCode;
  currency?: string;
  onClose: () => void;
}

/** Who redeemed a code, when, what it gave them and where that is recorded (ledger entry or subscription). */
export const RedemptionsModal = ({ code, currency, onClose }: RedemptionsModalProps) => {
  const t = useT();
  const navigate = useNavigate();
  const { can } = usePermissions();
  const redemptions = useCodeRedemptions(code?.id);
  useReturnFocus(Boolean(code));
  if (!code) return null;

  const columns: Column<Redemption>[] = [
    textColumn('userId', t('codes.redemptions.column.user'), { mono: true }),
    dateColumn('createdAt', t('codes.redemptions.column.when')),
    {
      key: 'grant',
      label: t('codes.redemptions.column.grant'),
      // A redemption keeps what it granted; the plan's name is the code's (the redemption copies its plan).
      render: (redemption) => <CodeGrant grant={{ ...redemption, planName: code.planName }} currency={currency} />,
    },
    {
      key: 'reference',
      label: t('codes.redemptions.column.reference'),
      render: (redemption) =>
        redemption.ledgerReference ? (
          <CellText mono>{redemption.ledgerReference}</CellText>
        ) : redemption.subscriptionId !== null ? (
          <CellText>{t('codes.redemptions.subscription', { id: redemption.subscriptionId })}</CellText>
        ) : (
          <CellText muted>—</CellText>
        ),
    },
  ];

  return (
    <Modal.Root open onOpenChange={(open: boolean) => !open && onClose()}>
      <Modal.Content style={{ maxWidth: '90rem', width: '100%' }}>
        <Modal.Header>
          <Modal.Title>{t('codes.redemptions.title', { code: code.code })}</Modal.Title>
        </Modal.Header>
        <Modal.Body>
          <Flex direction="column" alignItems="stretch" gap={4}>
            <Flex gap={2} wrap="wrap" alignItems="center">
              <CodeText code={code.code} />
              <Typography textColor="neutral600">·</Typography>
              <CodeGrant grant={code} currency={currency} />
              <Typography textColor="neutral600">·</Typography>
              <Typography textColor="neutral600">
                {t('codes.uses', { used: formatCount(code.usedCount), total: formatCount(code.totalUses) })}
              </Typography>
            </Flex>
            <QueryTable
              query={redemptions}
              columns={columns}
              rowKey={(redemption) => String(redemption.id)}
              emptyContent={t('codes.redemptions.empty')}
              loadingLabel={t('common.loading')}
              compactEmpty
              onRowClick={
                can['accounts.read']
                  ? (redemption) => navigate(`${BASE_PATH}/accounts/${encodeURIComponent(redemption.userId)}`)
                  : undefined
              }
            />
          </Flex>
        </Modal.Body>
        <CloseOnlyFooter />
      </Modal.Content>
    </Modal.Root>
  );
};
