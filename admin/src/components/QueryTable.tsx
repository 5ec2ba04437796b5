import * as React from 'react';

import type { Paginated } from '../../../contracts';
import type { QueryState } from '../api/query';
import { DataTable, type DataTableProps } from './DataTable';
import { LoadError } from './LoadError';
import { Pager } from './Pager';

type TableProps<T, Data> = Omit<DataTableProps<T>, 'rows' | 'isLoading'> & {
  query: QueryState<Data>;
  /** Shown between the error and the table (a count, a warning). */
  above?: React.ReactNode;
  /** Replaces Strapi's pager under the table (a list that pages by cursor past some depth). */
  pager?: React.ReactNode;
};

/** The error of a query, with Retry. */
const QueryError = ({ query }: { query: QueryState<unknown> }) =>
  query.error ? <LoadError error={query.error} onRetry={query.refetch} retrying={query.isFetching} /> : null;

/**
 * The rows of a query in a table: its loading state in it. A failed first load shows only the error with
 * Retry (no empty state, no count); a failed refresh keeps the rows read before under the error.
 */
export const QueryTable = <T,>({ query, above, ...table }: TableProps<T, T[]>) => {
  if (query.error && !query.data) return <QueryError query={query} />;
  return (
    <>
      <QueryError query={query} />
      {above}
      <DataTable {...table} rows={query.data} isLoading={query.isLoading} />
    </>
  );
};

/** A paginated list in a table: its error above (alone when nothing was read), its page below (Strapi's pager, in the URL query). */
export const PagedTable = <T,>({ query, above, pager, ...table }: TableProps<T, Paginated<T, object>>) => {
  if (query.error && !query.data) return <QueryError query={query} />;
  return (
    <>
      <QueryError query={query} />
      {above}
      <DataTable {...table} rows={query.data?.data} isLoading={query.isLoading} />
      {pager === undefined ? <Pager pagination={query.data?.meta.pagination} /> : pager}
    </>
  );
};
