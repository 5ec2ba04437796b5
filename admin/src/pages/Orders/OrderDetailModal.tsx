import * as React from 'react';
import { Flex, Grid, Modal, TextButton, Typography } from '@strapi/design-system';
import { useNavigate } from 'react-router-dom';

import type { OrderView } from '../../../../contracts';
import { Callout } from '../../components/Callout';
import { DateTime } from '../../components/DateTime';
import { DetailItem } from '../../components/DetailItem';
import { Money } from '../../components/Money';
import { ChannelBadge, OrderStatusBadge, StatusBadge } from '../../components/StatusBadge';
import { usePermissions } from '../../hooks/usePermissions';
import { BASE_PATH } from '../../pluginId';
import { formatDecimal, isZeroDecimal } from '../../utils/decimal';
import { isTranslationKey, useT, type TranslationKey } from '../../utils/translations';
import { RefWithCopy, TestBadge } from './OrderCells';
import { RecurringStopCallout } from './RecurringStopCallout';
import { useReturnFocus } from '../../hooks/useReturnFocus';
import { CloseOnlyFooter } from '../../components/ModalClose';

/** The provider's references an order may hold, in the order a payment produces them. */
const REFERENCES: Array<{ key: 'sessionId' | 'paymentIntentId' | 'providerSubscriptionId' | 'tradeNo'; label: TranslationKey }> = [
  { key: 'sessionId', label: 'orders.detail.sessionId' },
  { key: 'paymentIntentId', label: 'orders.detail.paymentIntentId' },
  { key: 'providerSubscriptionId', label: 'orders.detail.providerSubscriptionId' },
  { key: 'tradeNo', label: 'orders.detail.tradeNo' },
];

const SectionTitle = ({ children }: { children: React.ReactNode }) => (
  <Typography variant="delta" tag="h3">
    {children}
  </Typography>
);

interface OrderDetailModalProps {
  order?: OrderView;
  onClose: () => void;
  /** Shows another order (the one a renewal renews) in the list. */
  onShowOrder: (orderNo: string) => void;
}

/** Everything an order holds: amounts, the plan's terms as bought, the provider's references, why it failed. */
export const OrderDetailModal = ({ order, onClose, onShowOrder }: OrderDetailModalProps) => {
  const t = useT();
  const navigate = useNavigate();
  const { can } = usePermissions();
  useReturnFocus(Boolean(order));
  if (!order) return null;

  const text = (key: string, fallback: string) => (isTranslationKey(key) ? t(key) : fallback);
  const converted = order.rate !== null && order.payCurrency !== order.currency;
  const refunded = !isZeroDecimal(order.refundedAmount);

  return (
    <Modal.Root open onOpenChange={(open: boolean) => !open && onClose()}>
      <Modal.Content style={{ maxWidth: '96rem', width: '100%' }}>
        <Modal.Header>
          <Modal.Title>{t('orders.detail.title', { orderNo: order.orderNo })}</Modal.Title>
        </Modal.Header>
        <Modal.Body>
          <Flex direction="column" alignItems="stretch" gap={6}>
            {order.failureReason && (
              <Callout variant="danger" title={t('orders.detail.failureReason')}>
                {order.failureReason}
              </Callout>
            )}
            <RecurringStopCallout order={order} />
            {order.test && (
              <Callout variant="warning" title={t('orders.detail.test')}>
                {order.actor ? t('orders.detail.testBy', { actor: order.actor }) : t('orders.detail.testNote')}
              </Callout>
            )}

            <Grid.Root gap={4}>
              <DetailItem label={t('orders.column.orderNo')} col={6}>
                <Flex gap={2} alignItems="center">
                  <RefWithCopy value={order.orderNo} label={t('orders.column.orderNo')} bold />
                  {order.test && <TestBadge />}
                </Flex>
              </DetailItem>
              <DetailItem label={t('orders.column.status')}>
                <OrderStatusBadge status={order.status} />
              </DetailItem>
              <DetailItem label={t('orders.column.channel')}>
                <ChannelBadge channel={order.channel} />
              </DetailItem>
              <DetailItem label={t('orders.column.kind')}>
                <StatusBadge value={order.kind} label={t(`orders.kind.${order.kind}`)} />
              </DetailItem>
              <DetailItem label={t('orders.column.user')}>
                {can['accounts.read'] ? (
                  <TextButton onClick={() => navigate(`${BASE_PATH}/accounts/${encodeURIComponent(order.userId)}`)}>
                    {order.userId}
                  </TextButton>
                ) : (
                  order.userId
                )}
              </DetailItem>
              <DetailItem label={t('orders.column.createdAt')}>
                <DateTime value={order.createdAt} />
              </DetailItem>
              <DetailItem label={t('orders.column.paidAt')}>
                <DateTime value={order.paidAt} />
              </DetailItem>
              <DetailItem label={t('orders.detail.closedAt')}>
                <DateTime value={order.closedAt} />
              </DetailItem>
              <DetailItem label={t('orders.column.amount')}>
                <Money value={order.amount} currency={order.currency} exact fontWeight="semiBold" />
              </DetailItem>
              <DetailItem label={t('orders.column.payAmount')}>
                <Money value={order.payAmount} currency={order.payCurrency} exact />
              </DetailItem>
              <DetailItem label={t('orders.detail.rate')}>
                {converted
                  ? t('orders.detail.rateValue', { currency: order.currency, rate: formatDecimal(order.rate), payCurrency: order.payCurrency })
                  : '—'}
              </DetailItem>
              <DetailItem label={t('orders.detail.payType')}>{order.payType || '—'}</DetailItem>
              <DetailItem label={t('orders.detail.refunded')}>
                {refunded ? <Money value={order.refundedAmount} currency={order.currency} exact textColor="danger600" /> : '—'}
              </DetailItem>
              <DetailItem label={t('orders.detail.renews')}>
                {order.renewsOrderNo ? (
                  <TextButton onClick={() => onShowOrder(order.renewsOrderNo!)}>{order.renewsOrderNo}</TextButton>
                ) : (
                  '—'
                )}
              </DetailItem>
              <DetailItem label={t('orders.detail.actor')}>{order.actor || '—'}</DetailItem>
            </Grid.Root>

            {order.plan && (
              <Flex direction="column" alignItems="stretch" gap={3}>
                <SectionTitle>{t('orders.detail.plan')}</SectionTitle>
                <Grid.Root gap={4}>
                  <DetailItem label={t('orders.detail.planName')}>{order.plan.name}</DetailItem>
                  <DetailItem label={t('orders.detail.planInterval')}>
                    <StatusBadge value={order.plan.interval} label={text(`plans.interval.${order.plan.interval}`, order.plan.interval)} />
                  </DetailItem>
                  <DetailItem label={t('orders.detail.planAction')}>
                    {order.planAction ? text(`orders.planAction.${order.planAction}`, order.planAction) : '—'}
                  </DetailItem>
                  <DetailItem label={t('orders.detail.planId')}>{order.planId ?? '—'}</DetailItem>
                  <DetailItem label={t('orders.detail.planPrice')}>
                    <Money value={order.plan.price} currency={order.plan.currency} exact />
                  </DetailItem>
                  <DetailItem label={t('orders.detail.planDiscount')}>
                    {isZeroDecimal(order.plan.discount) ? '—' : t('plans.discount', { discount: formatDecimal(order.plan.discount) })}
                  </DetailItem>
                  <DetailItem label={t('orders.detail.planFinalPrice')}>
                    <Money value={order.plan.finalPrice} currency={order.plan.currency} exact fontWeight="semiBold" />
                  </DetailItem>
                  <DetailItem label={t('orders.detail.planCredit')}>
                    <Money value={order.plan.periodCredit} currency={order.plan.currency} exact />
                  </DetailItem>
                </Grid.Root>
              </Flex>
            )}

            <Flex direction="column" alignItems="stretch" gap={3}>
              <SectionTitle>{t('orders.detail.references')}</SectionTitle>
              <Grid.Root gap={4}>
                {REFERENCES.map(({ key, label }) => {
                  const value = order[key];
                  return (
                    <DetailItem key={key} label={t(label)} col={6}>
                      {value ? <RefWithCopy value={value} label={t(label)} /> : '—'}
                    </DetailItem>
                  );
                })}
              </Grid.Root>
            </Flex>
          </Flex>
        </Modal.Body>
        <CloseOnlyFooter />
      </Modal.Content>
    </Modal.Root>
  );
};
