import * as React from 'react';
import { Button, Flex, Typography } from '@strapi/design-system';
import { ArrowClockwise, Webhooks } from '@strapi/icons';
import { useQueryParams } from '@strapi/strapi/admin';
import { useNavigate } from 'react-router-dom';

import type { OrderView } from '../../../../contracts';
import { useOrders } from '../../api/orders';
import { BillingPage } from '../../components/BillingPage';
import { pageOf } from '../../components/Pager';
import { PagedTable } from '../../components/QueryTable';
import { BASE_PATH } from '../../pluginId';
import { useT } from '../../utils/translations';
import { EMPTY_DRAFT, FILTER_KEYS, draftOf, toApiFilters, type OrderFilterDraft, type OrderQuery } from './filters';
import { OrderDetailModal } from './OrderDetailModal';
import { OrderFilterForm } from './OrderFilterForm';
import { useOrderColumns } from './useOrderColumns';

/** Payment orders: the filtered list (filters in the URL), each order's detail. */
export const OrdersPage = () => {
  const t = useT();
  const navigate = useNavigate();
  const [{ query }, setQuery] = useQueryParams<OrderQuery>();
  const [draft, setDraft] = React.useState<OrderFilterDraft>(() => draftOf(query));
  const [selected, setSelected] = React.useState<OrderView>();

  const queryKey = FILTER_KEYS.map((key) => query[key] ?? '').join('|');
  React.useEffect(() => setDraft(draftOf(query)), [queryKey]); // eslint-disable-line react-hooks/exhaustive-deps

  const filters = React.useMemo(() => toApiFilters(query), [queryKey]); // eslint-disable-line react-hooks/exhaustive-deps
  const orders = useOrders({ ...filters, ...pageOf(query) });

  /** Writes the filters to the URL, back to page 1 (the useQueryParams setter does not encode values itself). */
  const apply = (changes: Partial<OrderFilterDraft>) => {
    const next = { ...draft, ...changes };
    const params: Record<string, string | undefined> = { page: '1' };
    for (const key of FILTER_KEYS) params[key] = next[key].trim() ? encodeURIComponent(next[key].trim()) : undefined;
    setDraft(next);
    setQuery(params as OrderQuery);
  };

  const filtered = FILTER_KEYS.some((key) => query[key]);
  const columns = useOrderColumns();

  return (
    <BillingPage
      title={t('orders.title')}
      subtitle={t('orders.subtitle')}
      primaryAction={
        <Flex gap={2}>
          <Button variant="tertiary" startIcon={<ArrowClockwise />} loading={orders.isFetching && !orders.isLoading} onClick={orders.refetch}>
            {t('common.refresh')}
          </Button>
          <Button variant="secondary" startIcon={<Webhooks />} onClick={() => navigate(`${BASE_PATH}/payments`)}>
            {t('orders.toPayments')}
          </Button>
        </Flex>
      }
      gap={4}
      dialogs={
        <OrderDetailModal
          order={selected}
          onClose={() => setSelected(undefined)}
          onShowOrder={(orderNo) => {
            setSelected(undefined);
            apply({ ...EMPTY_DRAFT, q: orderNo });
          }}
        />
      }
    >
      <OrderFilterForm draft={draft} setDraft={setDraft} apply={apply} />
      <Flex direction="column" alignItems="stretch" gap={2}>
        <PagedTable
          query={orders}
          above={
            orders.data && (
              <Typography variant="pi" textColor="neutral600">
                {t('orders.count', { total: orders.data.meta.pagination.total })}
              </Typography>
            )
          }
          columns={columns}
          rowKey={(order) => order.orderNo}
          emptyContent={filtered ? t('orders.emptyFiltered') : t('orders.empty')}
          loadingLabel={t('common.loading')}
          onRowClick={setSelected}
          rowBackground={(order) => (order.failureReason ? 'danger100' : order.test ? 'neutral100' : undefined)}
        />
      </Flex>
    </BillingPage>
  );
};

export default OrdersPage;
