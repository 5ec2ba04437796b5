import type * as React from 'react';
import { Badge, Flex, IconButton, Typography } from '@strapi/design-system';
import { Duplicate } from '@strapi/icons';

import type { OrderView } from '../../../../contracts';
import { CellText } from '../../components/DataTable';
import { StatusBadge } from '../../components/StatusBadge';
import { useCopyText } from '../../hooks/useCopyText';
import { useT } from '../../utils/translations';

const MONO = 'SFMono-Regular, Menlo, Consolas, monospace';

/** A reference as people paste it (order number, session id): monospace, never wrapped. */
export const RefText = ({ value, bold }: { value: string; bold?: boolean }) => (
  <Typography
    fontWeight={bold ? 'semiBold' : undefined}
    textColor="neutral800"
    style={{ fontFamily: MONO, fontSize: '1.2rem', whiteSpace: 'nowrap' }}
  >
    {value}
  </Typography>
);

/** A reference with a button copying it (the click does not open the row). */
export const RefWithCopy = ({ value, label, bold }: { value: string; label: string; bold?: boolean }) => {
  const t = useT();
  const copyText = useCopyText();
  return (
    <Flex gap={1} alignItems="center">
      <RefText value={value} bold={bold} />
      <IconButton
        label={t('orders.copy', { value: label })}
        variant="ghost"
        size="XS"
        onClick={(event: React.MouseEvent) => {
          event.stopPropagation();
          void copyText(value, t('orders.copied', { value: label }));
        }}
      >
        <Duplicate />
      </IconButton>
    </Flex>
  );
};

/** "TEST": an order an administrator made from the Payments page. */
export const TestBadge = () => {
  const t = useT();
  return (
    <Badge variant="warning" size="S">
      {t('orders.test')}
    </Badge>
  );
};

/** The order number, and the test badge beside it. */
export const OrderNumber = ({ order }: { order: OrderView }) => (
  <Flex gap={2} alignItems="center">
    <RefText value={order.orderNo} bold />
    {order.test && <TestBadge />}
  </Flex>
);

/** Top-up, or Plan with the plan's name beneath. */
export const OrderKindCell = ({ order }: { order: OrderView }) => {
  const t = useT();
  return (
    <Flex direction="column" alignItems="flex-start" gap={1}>
      <StatusBadge value={order.kind} label={t(`orders.kind.${order.kind}`)} />
      {order.kind === 'plan' && order.plan && (
        <Typography variant="pi" textColor="neutral600" style={{ whiteSpace: 'nowrap' }}>
          {order.plan.name}
        </Typography>
      )}
    </Flex>
  );
};

export const MutedDash = () => <CellText muted>—</CellText>;
