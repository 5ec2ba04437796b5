import { Pagination } from '@strapi/strapi/admin';

import type { Pagination as PaginationMeta } from '../api/types';

/** Strapi's own pagination (page and pageSize live in the URL query). */
export const Pager = ({ pagination, defaultPageSize = 20 }: { pagination?: PaginationMeta; defaultPageSize?: number }) => {
  if (!pagination) return null;
  return (
    <Pagination.Root pageCount={pagination.pageCount} total={pagination.total} defaultPageSize={defaultPageSize}>
      <Pagination.PageSize options={['10', '20', '50', '100']} />
      <Pagination.Links />
    </Pagination.Root>
  );
};
