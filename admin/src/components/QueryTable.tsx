import * as React from 'react';

import type { Paginated } from '../../../contracts';
import type { QueryState } from '../api/query';
import { Callout } from './Callout';
import { DataTable, type DataTableProps } from './DataTable';
import { Pager } from './Pager';

type TableProps<T, Data> = Omit<DataTableProps<T>, 'rows' | 'isLoading'> & {
  query: QueryState<Data>;
  /** Shown between the error and the table (a count, a warning). */
  above?: React.ReactNode;
  /** Replaces Strapi's pager under the table (a list that pages by cursor past some depth). */
  pager?: React.ReactNode;
};

/** The rows of a query in a table: its error above it, its loading state in it. */
export const QueryTable = <T,>({ query, above, ...table }: TableProps<T, T[]>) => (
  <>
    {query.error && <Callout variant="danger">{query.error.message}</Callout>}
    {above}
    <DataTable {...table} rows={query.data} isLoading={query.isLoading} />
  </>
);

/** A paginated list in a table: its error above, its page below (Strapi's pager, in the URL query). */
export const PagedTable = <T,>({ query, above, pager, ...table }: TableProps<T, Paginated<T, object>>) => (
  <>
    {query.error && <Callout variant="danger">{query.error.message}</Callout>}
    {above}
    <DataTable {...table} rows={query.data?.data} isLoading={query.isLoading} />
    {pager === undefined ? <Pager pagination={query.data?.meta.pagination} /> : pager}
  </>
);
