import type { AuditEntry, BillingMode, BillingSettings, DataResponse, ModeImpact, PageQuery, Paginated, SecretSettingPath, SettingsPatch } from '../../../contracts';
import { withQuery } from '../utils/query';
import { apiPath, billingApi, fresh, TAGS, unwrap, useQueryState } from './query';

/** Each payment secret's state, as `meta.secrets` of GET/PUT /settings reports it. */
export type SecretStatus = Record<SecretSettingPath, { set: boolean; readable: boolean; keyId: string | null; currentKey: boolean }>;

const settingsApi = billingApi.injectEndpoints({
  endpoints: (build) => ({
    ubSettings: build.query<BillingSettings, void>({
      query: () => apiPath('/settings'),
      transformResponse: unwrap<BillingSettings>,
    }),
    ubUpdateSettings: build.mutation<BillingSettings, SettingsPatch>({
      query: (patch) => ({ url: apiPath('/settings'), method: 'PUT', data: patch }),
      transformResponse: unwrap<BillingSettings>,
      // A save is a new entry of the audit trail shown under the settings.
      invalidatesTags: [TAGS.audit],
      // The answer is the saved settings (secrets masked): every reader of the settings shows them at once.
      async onQueryStarted(_patch, { dispatch, queryFulfilled }) {
        const { data: saved } = await queryFulfilled.catch(() => ({ data: undefined }));
        if (saved) {
          dispatch(settingsApi.util.upsertQueryData('ubSettings', undefined, saved));
          // A secret entered again is readable now: ask for the states anew.
          dispatch(settingsApi.endpoints.ubSecretStatus.initiate(undefined, { forceRefetch: true }));
        }
      },
    }),
    ubSecretStatus: build.query<SecretStatus, void>({
      query: () => apiPath('/settings'),
      transformResponse: (response: DataResponse<BillingSettings> & { meta: { secrets: SecretStatus } }) => response.meta.secrets,
    }),
    ubAudit: build.query<Paginated<AuditEntry>, PageQuery>({
      query: (page) => apiPath(withQuery('/audit', page)),
      providesTags: [TAGS.audit],
    }),
    ubModeImpact: build.query<ModeImpact, BillingMode>({
      query: (mode) => apiPath(withQuery('/settings/mode-impact', { mode })),
      transformResponse: (response: DataResponse<ModeImpact>) => response.data,
    }),
  }),
});

/**
 * The saved settings (secrets masked), fetched once for the whole Billing page and shared: the page's
 * components all read this one cache entry. `enabled: false` without the settings.read permission.
 */
export const useSettings = ({ enabled = true }: { enabled?: boolean } = {}) =>
  useQueryState(settingsApi.useUbSettingsQuery(undefined, { skip: !enabled }));

/** `const [save] = useUpdateSettings(); await save(patch).unwrap()` → the saved settings. */
export const useUpdateSettings = settingsApi.useUbUpdateSettingsMutation;

/** `const [impactOf] = useLazyModeImpact(); await impactOf(mode).unwrap()`: asked anew each time. */
export const useLazyModeImpact = settingsApi.useLazyUbModeImpactQuery;

/** Which payment secrets are set, and whether the configured keys can read them. */
export const useSecretStatus = () => useQueryState(settingsApi.useUbSecretStatusQuery());

/** The audit trail of configuration edits, newest first. */
export const useAuditTrail = (page: PageQuery) => useQueryState(settingsApi.useUbAuditQuery(page, fresh()));
