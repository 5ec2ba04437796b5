import { useSettings } from '../api/settings';
import { usePermissions } from './usePermissions';

/**
 * The saved settings, when the user may read them, and the billing currency ("USD"). Every caller reads
 * the same cached answer (api/settings.ts): the settings are fetched once for the whole Billing page.
 */
export const useBillingSettings = () => {
  const { can, isLoading } = usePermissions();
  const { data: settings } = useSettings({ enabled: !isLoading && can['settings.read'] });
  return { settings, currency: settings?.currency };
};
