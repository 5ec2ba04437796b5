import {
  ORDER_KINDS,
  ORDER_STATUSES,
  PAYMENT_CHANNELS,
  type OrderKind,
  type OrderListQuery,
  type OrderStatus,
  type PaymentChannel,
} from '../../../../contracts';

/** The URL query of the Orders page: the filters (text as typed) and the page. */
export interface OrderQuery {
  page?: string;
  pageSize?: string;
  q?: string;
  userId?: string;
  status?: string;
  channel?: string;
  kind?: string;
}

export const FILTER_KEYS = ['q', 'userId', 'status', 'channel', 'kind'] as const;
export type FilterKey = (typeof FILTER_KEYS)[number];

/** The filters as the form edits them: each as text, '' when unset. */
export type OrderFilterDraft = Record<FilterKey, string>;

export const EMPTY_DRAFT: OrderFilterDraft = { q: '', userId: '', status: '', channel: '', kind: '' };

export const draftOf = (query: OrderQuery): OrderFilterDraft => ({
  q: query.q ?? '',
  userId: query.userId ?? '',
  status: query.status ?? '',
  channel: query.channel ?? '',
  kind: query.kind ?? '',
});

const oneOf =
  <T extends string>(values: readonly T[]) =>
  (value: string | undefined): value is T =>
    (values as readonly string[]).includes(value ?? '');

const isStatus = oneOf<OrderStatus>(ORDER_STATUSES);
const isChannel = oneOf<PaymentChannel>(PAYMENT_CHANNELS);
const isKind = oneOf<OrderKind>(ORDER_KINDS);

/**
 * The API filters of a URL query. A status, channel or kind the server does not know (a hand-edited link)
 * is dropped rather than sent: the list answers 400 to it.
 */
export const toApiFilters = (query: OrderQuery): Omit<OrderListQuery, 'page' | 'pageSize'> => ({
  q: query.q?.trim() || undefined,
  userId: query.userId?.trim() || undefined,
  status: isStatus(query.status) ? query.status : undefined,
  channel: isChannel(query.channel) ? query.channel : undefined,
  kind: isKind(query.kind) ? query.kind : undefined,
});
