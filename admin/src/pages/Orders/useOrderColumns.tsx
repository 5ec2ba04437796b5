import type { OrderView } from '../../../../contracts';
import { dateColumn, textColumn, type Column } from '../../components/DataTable';
import { Money } from '../../components/Money';
import { ChannelBadge, OrderStatusBadge } from '../../components/StatusBadge';
import { useT } from '../../utils/translations';
import { OrderKindCell, OrderNumber } from './OrderCells';

/** The columns of the orders list: each amount in its own currency (the billing one, and what the provider charged). */
export const useOrderColumns = (): Column<OrderView>[] => {
  const t = useT();
  return [
    { key: 'orderNo', label: t('orders.column.orderNo'), render: (order) => <OrderNumber order={order} /> },
    textColumn('userId', t('orders.column.user'), { mono: true, ellipsis: true, maxWidth: '14rem' }),
    { key: 'channel', label: t('orders.column.channel'), render: (order) => <ChannelBadge channel={order.channel} /> },
    { key: 'kind', label: t('orders.column.kind'), render: (order) => <OrderKindCell order={order} /> },
    {
      key: 'amount',
      label: t('orders.column.amount'),
      align: 'right',
      render: (order) => <Money value={order.amount} currency={order.currency} fontWeight="semiBold" />,
    },
    {
      key: 'payAmount',
      label: t('orders.column.payAmount'),
      align: 'right',
      render: (order) => <Money value={order.payAmount} currency={order.payCurrency} textColor="neutral600" />,
    },
    { key: 'status', label: t('orders.column.status'), render: (order) => <OrderStatusBadge status={order.status} /> },
    dateColumn('createdAt', t('orders.column.createdAt')),
    dateColumn('paidAt', t('orders.column.paidAt'), 'neutral600'),
  ];
};
