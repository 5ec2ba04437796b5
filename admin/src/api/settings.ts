import * as React from 'react';
import { useFetchClient } from '@strapi/strapi/admin';

import { PLUGIN_ID } from '../pluginId';
import { withQuery } from '../utils/query';
import type { BillingMode, BillingSettings, ModeImpact, SettingsPatch } from './types';

const base = `/${PLUGIN_ID}/settings`;

export const useSettingsApi = () => {
  const { get, put } = useFetchClient();
  return React.useMemo(
    () => ({
      getSettings: async () => (await get<{ data: BillingSettings }>(base)).data.data,
      updateSettings: async (patch: SettingsPatch) =>
        (await put<{ data: BillingSettings }>(base, patch)).data.data,
      getModeImpact: async (mode: BillingMode) =>
        (await get<{ data: ModeImpact }>(withQuery(`${base}/mode-impact`, { mode }))).data.data,
    }),
    [get, put],
  );
};
