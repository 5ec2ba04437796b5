import { Pagination } from '@strapi/strapi/admin';

import type { Pagination as PaginationMeta } from '../../../contracts';

export const DEFAULT_PAGE_SIZE = 20;

/** The page and page size of a URL query (`?page=2&pageSize=50`), as a paginated list asks for them. */
export const pageOf = (query: { page?: string; pageSize?: string }) => ({
  page: Number.parseInt(query.page ?? '1', 10) || 1,
  pageSize: Number.parseInt(query.pageSize ?? String(DEFAULT_PAGE_SIZE), 10) || DEFAULT_PAGE_SIZE,
});

/** Strapi's own pagination (page and pageSize live in the URL query). */
export const Pager = ({ pagination, defaultPageSize = DEFAULT_PAGE_SIZE }: { pagination?: PaginationMeta; defaultPageSize?: number }) => {
  if (!pagination) return null;
  return (
    <Pagination.Root pageCount={pagination.pageCount} total={pagination.total} defaultPageSize={defaultPageSize}>
      <Pagination.PageSize options={['10', '20', '50', '100']} />
      <Pagination.Links />
    </Pagination.Root>
  );
};
