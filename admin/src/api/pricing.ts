import * as React from 'react';
import { useFetchClient } from '@strapi/strapi/admin';

import { PLUGIN_ID } from '../pluginId';
import { encodeSegment, withQuery } from '../utils/query';
import type {
  Bill,
  CatalogModel,
  CatalogModelInput,
  ImportResult,
  ModelPrice,
  ModelPriceInput,
  Multiplier,
  PricingFile,
  QuoteSample,
  ToolPrice,
} from './types';

const root = `/${PLUGIN_ID}`;

/** Model prices, import/export, the model catalog, tool prices and service multipliers. */
export const usePricingApi = () => {
  const { get, post, put, del } = useFetchClient();
  return React.useMemo(
    () => ({
      /* Model prices */
      listModelPrices: async () => (await get<{ data: ModelPrice[] }>(`${root}/model-prices`)).data.data,
      createModelPrice: async (body: ModelPriceInput) =>
        (await post<{ data: ModelPrice }>(`${root}/model-prices`, body)).data.data,
      updateModelPrice: async (model: string, body: ModelPriceInput) =>
        (await put<{ data: ModelPrice }>(`${root}/model-prices/${encodeSegment(model)}`, body)).data.data,
      deleteModelPrice: async (model: string) => {
        await del(`${root}/model-prices/${encodeSegment(model)}`);
      },

      /** Prices a sample call with a draft (unsaved) price and today's tools and multipliers; writes nothing. */
      quote: async (price: ModelPriceInput, sample: QuoteSample) =>
        (await post<{ data: Bill }>(`${root}/quote`, { price, ...sample })).data.data,

      /* Pricing file */
      exportJson: async () => (await get<PricingFile>(`${root}/model-prices/export`)).data,
      exportCsv: async () =>
        (await get(withQuery(`${root}/model-prices/export`, { format: 'csv' }), { responseType: 'text' })).data,
      importFile: async (file: unknown, { dryRun, allowUnknown }: { dryRun: boolean; allowUnknown: boolean }) =>
        (
          await post<{ data: ImportResult }>(
            withQuery(`${root}/model-prices/import`, { dryRun: String(dryRun), allowUnknown: String(allowUnknown) }),
            file,
          )
        ).data.data,

      /* Model catalog */
      listModels: async () => (await get<{ data: CatalogModel[] }>(`${root}/models`)).data.data,
      createModel: async (body: CatalogModelInput & { name: string }) =>
        (await post<{ data: CatalogModel }>(`${root}/models`, body)).data.data,
      updateModel: async (name: string, body: CatalogModelInput) =>
        (await put<{ data: CatalogModel }>(`${root}/models/${encodeSegment(name)}`, body)).data.data,
      deleteModel: async (name: string) => {
        await del(`${root}/models/${encodeSegment(name)}`);
      },

      /* Tool prices */
      listToolPrices: async () => (await get<{ data: ToolPrice[] }>(`${root}/tool-prices`)).data.data,
      createToolPrice: async (body: ToolPrice) => (await post<{ data: ToolPrice }>(`${root}/tool-prices`, body)).data.data,
      updateToolPrice: async (tool: string, body: Partial<ToolPrice>) =>
        (await put<{ data: ToolPrice }>(`${root}/tool-prices/${encodeSegment(tool)}`, body)).data.data,
      deleteToolPrice: async (tool: string) => {
        await del(`${root}/tool-prices/${encodeSegment(tool)}`);
      },

      /* Service multipliers */
      listMultipliers: async () => (await get<{ data: Multiplier[] }>(`${root}/multipliers`)).data.data,
      createMultiplier: async (body: Multiplier) =>
        (await post<{ data: Multiplier }>(`${root}/multipliers`, body)).data.data,
      updateMultiplier: async (name: string, body: Partial<Multiplier>) =>
        (await put<{ data: Multiplier }>(`${root}/multipliers/${encodeSegment(name)}`, body)).data.data,
      deleteMultiplier: async (name: string) => {
        await del(`${root}/multipliers/${encodeSegment(name)}`);
      },
    }),
    [get, post, put, del],
  );
};
