import * as React from 'react';

import { useSettingsApi } from '../api/settings';
import type { BillingSettings } from '../api/types';
import { usePermissions } from './usePermissions';
import { useRequest } from './useRequest';

interface BillingSettingsContextValue {
  /** The saved settings, when the user may read them. */
  settings: BillingSettings | undefined;
  /** The billing currency ("USD"), when known. */
  currency: string | undefined;
  setSettings: (settings: BillingSettings) => void;
}

const BillingSettingsContext = React.createContext<BillingSettingsContextValue>({
  settings: undefined,
  currency: undefined,
  setSettings: () => undefined,
});

/** Loads the settings once for the whole Billing page (currency of amounts, current mode). */
export const BillingSettingsProvider = ({ children }: { children: React.ReactNode }) => {
  const { can, isLoading } = usePermissions();
  const api = useSettingsApi();
  const request = useRequest(() => api.getSettings(), [api], { enabled: !isLoading && can['settings.read'] });
  const { setData } = request;
  const value = React.useMemo<BillingSettingsContextValue>(
    () => ({
      settings: request.data,
      currency: request.data?.currency,
      setSettings: (settings) => setData(settings),
    }),
    [request.data, setData],
  );
  return <BillingSettingsContext.Provider value={value}>{children}</BillingSettingsContext.Provider>;
};

export const useBillingSettings = () => React.useContext(BillingSettingsContext);
