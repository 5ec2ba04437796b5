import type {
  Bill,
  CatalogModel,
  CatalogModelInput,
  ImportQuery,
  ImportResult,
  ModelPrice,
  ModelPriceInput,
  Multiplier,
  PriceHistory,
  QuoteSample,
  ToolPrice,
} from '../../../contracts';
import { encodeSegment, withQuery } from '../utils/query';
import { TAGS, apiPath, billingApi, crud, fresh, named, unwrap, useCrudMutations, useQueryState } from './query';

// A price knows whether the catalog has its model, and a catalog model whether it is priced: a change to
// either list refreshes both.
const PRICES = [TAGS.modelPrice, TAGS.catalog];
const EVERYTHING = [...PRICES, TAGS.tool, TAGS.multiplier];

/** Model prices, the pricing file, the model catalog, tool prices and service multipliers. */
const pricingApi = billingApi.injectEndpoints({
  endpoints: (build) => ({
    ...named('ubModelPrice', crud<ModelPrice, ModelPriceInput, ModelPriceInput>(build, '/model-prices', PRICES)),
    ...named('ubCatalog', crud<CatalogModel, CatalogModelInput & { name: string }, CatalogModelInput>(build, '/models', PRICES)),
    ...named('ubTool', crud<ToolPrice, ToolPrice>(build, '/tool-prices', [TAGS.tool])),
    ...named('ubMultiplier', crud<Multiplier, Multiplier>(build, '/multipliers', [TAGS.multiplier])),

    /** Prices a sample call with a draft (unsaved) price and today's tools and multipliers; writes nothing. */
    ubQuote: build.query<Bill, { price: ModelPriceInput; sample: QuoteSample }>({
      query: ({ price, sample }) => ({ url: apiPath('/quote'), method: 'POST', data: { price, ...sample } }),
      transformResponse: unwrap<Bill>,
    }),

    /** Every version of a model's price, newest first (who, when, what changed). */
    ubPriceHistory: build.query<PriceHistory, string>({
      query: (model) => apiPath(`/model-prices/${encodeSegment(model)}/history`),
      transformResponse: unwrap<PriceHistory>,
    }),

    /** A pricing file: its diff (`dryRun`), or applied. */
    ubImport: build.mutation<ImportResult, ImportQuery & { file: unknown }>({
      query: ({ file, dryRun, allowUnknown }) => ({
        url: apiPath(withQuery('/model-prices/import', { dryRun: String(dryRun), allowUnknown: String(allowUnknown) })),
        method: 'POST',
        data: file,
      }),
      transformResponse: unwrap<ImportResult>,
      invalidatesTags: (_result, error, { dryRun }) => (dryRun || error ? [] : EVERYTHING),
    }),
  }),
});

export const useModelPrices = () => useQueryState(pricingApi.useUbModelPriceListQuery(undefined, fresh()));
export const useCatalog = () => useQueryState(pricingApi.useUbCatalogListQuery(undefined, fresh()));
export const useToolPrices = () => useQueryState(pricingApi.useUbToolListQuery(undefined, fresh()));
export const useMultipliers = () => useQueryState(pricingApi.useUbMultiplierListQuery(undefined, fresh()));
/** The price history of `model`; nothing is read while no model is given. */
export const usePriceHistory = (model: string | undefined) =>
  useQueryState(pricingApi.useUbPriceHistoryQuery(model ?? '', fresh(Boolean(model))));
export const useQuote = (price: ModelPriceInput, sample: QuoteSample) =>
  useQueryState(pricingApi.useUbQuoteQuery({ price, sample }, fresh()));

/** Create, update and delete, as promises (api/query.ts `useCrudMutations`); the lists refresh. */
export const useModelPriceMutations = () =>
  useCrudMutations(
    pricingApi.useUbModelPriceCreateMutation,
    pricingApi.useUbModelPriceUpdateMutation,
    pricingApi.useUbModelPriceDeleteMutation,
  );
export const useCatalogMutations = () =>
  useCrudMutations(
    pricingApi.useUbCatalogCreateMutation,
    pricingApi.useUbCatalogUpdateMutation,
    pricingApi.useUbCatalogDeleteMutation,
  );
export const useToolPriceMutations = () =>
  useCrudMutations(pricingApi.useUbToolCreateMutation, pricingApi.useUbToolUpdateMutation, pricingApi.useUbToolDeleteMutation);
export const useMultiplierMutations = () =>
  useCrudMutations(
    pricingApi.useUbMultiplierCreateMutation,
    pricingApi.useUbMultiplierUpdateMutation,
    pricingApi.useUbMultiplierDeleteMutation,
  );

/** `const [importPricing] = useImportPricing(); await importPricing({ file, dryRun, allowUnknown }).unwrap()`. */
export const useImportPricing = pricingApi.useUbImportMutation;
