import type {
  CodeCreateInput,
  CodeCreateResult,
  CodeListQuery,
  Paginated,
  Redemption,
  RedemptionCode,
} from '../../../contracts';
import { encodeSegment, withQuery } from '../utils/query';
import { TAGS, apiPath, billingApi, fresh, unwrap, useQueryState } from './query';

const code = (id: number) => apiPath(`/codes/${encodeSegment(String(id))}`);

/** Redemption codes: /codes (list, create), /codes/:id (enable, delete), /codes/:id/redemptions. */
const codesApi = billingApi.injectEndpoints({
  endpoints: (build) => ({
    ubCodes: build.query<Paginated<RedemptionCode>, CodeListQuery>({
      query: (params) => withQuery(apiPath('/codes'), params),
      providesTags: [TAGS.code],
    }),
    ubCodeRedemptions: build.query<Redemption[], number>({
      query: (id) => `${code(id)}/redemptions`,
      transformResponse: unwrap<Redemption[]>,
      providesTags: [TAGS.code],
    }),
    /** One code or a batch of up to 10,000, created in one request (a few seconds for the largest). */
    ubCodeCreate: build.mutation<CodeCreateResult, CodeCreateInput>({
      query: (data) => ({ url: apiPath('/codes'), method: 'POST', data }),
      transformResponse: unwrap<CodeCreateResult>,
      invalidatesTags: [TAGS.code],
    }),
    ubCodeSetEnabled: build.mutation<RedemptionCode, { id: number; enabled: boolean }>({
      query: ({ id, enabled }) => ({ url: code(id), method: 'PUT', data: { enabled } }),
      transformResponse: unwrap<RedemptionCode>,
      invalidatesTags: [TAGS.code],
    }),
    /** Soft delete: the code leaves every list and cannot be redeemed; its redemptions stay. */
    ubCodeDelete: build.mutation<RedemptionCode, number>({
      query: (id) => ({ url: code(id), method: 'DELETE' }),
      transformResponse: unwrap<RedemptionCode>,
      invalidatesTags: [TAGS.code],
    }),
  }),
});

/** A page of codes matching the filters, newest first. */
export const useCodes = (query: CodeListQuery) => useQueryState(codesApi.useUbCodesQuery(query, fresh()));

/** Who redeemed the code and what it gave them, newest first; asked while `codeId` is set. */
export const useCodeRedemptions = (codeId: number | undefined) =>
  useQueryState(codesApi.useUbCodeRedemptionsQuery(codeId ?? 0, fresh(codeId !== undefined)));

/** Create, enable or disable, and delete, as promises that resolve with the answer or reject with the API error. */
export const useCodeMutations = () => {
  const [create] = codesApi.useUbCodeCreateMutation();
  const [setEnabled] = codesApi.useUbCodeSetEnabledMutation();
  const [remove] = codesApi.useUbCodeDeleteMutation();
  return {
    create: (body: CodeCreateInput) => create(body).unwrap(),
    setEnabled: (id: number, enabled: boolean) => setEnabled({ id, enabled }).unwrap(),
    remove: (id: number) => remove(id).unwrap(),
  };
};
