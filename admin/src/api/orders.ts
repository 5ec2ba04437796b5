import type { OrderListQuery, OrderView, Paginated, PaymentChannel, PaymentsStatus, TestPaymentResponse } from '../../../contracts';
import { withQuery } from '../utils/query';
import { TAGS, apiPath, billingApi, fresh, unwrap, useQueryState } from './query';

/** Payment orders (/orders), the channels' state (/payments) and a test payment (/payments/test). */
const ordersApi = billingApi.injectEndpoints({
  endpoints: (build) => ({
    ubOrders: build.query<Paginated<OrderView>, OrderListQuery>({
      query: (params) => withQuery(apiPath('/orders'), params),
      providesTags: [TAGS.order],
    }),
    ubPaymentsStatus: build.query<PaymentsStatus, void>({
      query: () => apiPath('/payments'),
      transformResponse: unwrap<PaymentsStatus>,
    }),
    /** A checkout of TEST_PAYMENT_AMOUNT for the admin's own test account: a new pending order. */
    ubTestPayment: build.mutation<TestPaymentResponse, PaymentChannel>({
      query: (channel) => ({ url: apiPath('/payments/test'), method: 'POST', data: { channel } }),
      transformResponse: unwrap<TestPaymentResponse>,
      invalidatesTags: [TAGS.order],
    }),
  }),
});

/** A page of orders matching the filters, newest first. */
export const useOrders = (query: OrderListQuery) => useQueryState(ordersApi.useUbOrdersQuery(query, fresh()));

/** Each payment channel: enabled, what keeps it from taking payments, its webhook URL, Stripe's events. */
export const usePaymentsStatus = () => useQueryState(ordersApi.useUbPaymentsStatusQuery(undefined, fresh()));

/** `testPayment(channel)` resolves with the new order and its checkout URL, or rejects with the API error. */
export const useTestPayment = () => {
  const [start] = ordersApi.useUbTestPaymentMutation();
  return (channel: PaymentChannel) => start(channel).unwrap();
};
