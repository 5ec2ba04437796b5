import type { Knex } from 'knex';

export interface PageRequest {
  /** 1-based. */
  page: number;
  pageSize: number;
}

/** The rows of one page of `query`. */
export const onePage = <Q extends Knex.QueryBuilder>(query: Q, { page, pageSize }: PageRequest): Q =>
  query.limit(pageSize).offset((page - 1) * pageSize) as Q;

/** Strapi's pagination meta for a page of `total` rows. */
export const paginationMeta = ({ page, pageSize }: PageRequest, total: number) => ({
  page,
  pageSize,
  pageCount: Math.ceil(total / pageSize),
  total,
});
