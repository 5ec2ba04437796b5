import * as React from 'react';
import { useAuth } from '@strapi/strapi/admin';

import { adminActionId } from '../../../contracts';
import { ADMIN_ACTION_UIDS, ALL_PERMISSIONS, type AdminActionUid } from '../permissions';
import { PLUGIN_ID } from '../pluginId';

export type Can = Record<AdminActionUid, boolean>;

interface PermissionsContextValue {
  can: Can;
  isLoading: boolean;
}

const canFrom = (granted: (uid: AdminActionUid) => boolean) =>
  Object.fromEntries(ADMIN_ACTION_UIDS.map((uid) => [uid, granted(uid)])) as Can;

const LOADING: PermissionsContextValue = { can: canFrom(() => false), isLoading: true };

/**
 * Checks every action of the plugin once, in one call of the admin's own permission check (the one
 * `useRBAC` runs: the user's permissions, the RBAC middlewares, conditions checked by the server when
 * there are any); pages read the answer from context. (`useRBAC` itself cannot check them together: it
 * names each answer after the action's last segment only, so `settings.read` and `logs.read` would both
 * be `canRead`.)
 */
const useBillingRBAC = (): PermissionsContextValue => {
  const checkUserHasPermissions = useAuth('UsageBillingPermissions', (state) => state.checkUserHasPermissions);
  const check = React.useRef(checkUserHasPermissions);
  check.current = checkUserHasPermissions;
  const [value, setValue] = React.useState<PermissionsContextValue>(LOADING);

  React.useEffect(() => {
    let live = true;
    check
      .current(ALL_PERMISSIONS)
      .then((granted) => {
        const actions = new Set(granted.map((permission) => permission.action));
        if (live) setValue({ can: canFrom((uid) => actions.has(adminActionId(uid))), isLoading: false });
      })
      .catch(() => {
        if (live) setValue({ can: canFrom(() => false), isLoading: false });
      });
    return () => {
      live = false;
    };
  }, []);
  return value;
};

const PermissionsContext = React.createContext<PermissionsContextValue | null>(null);

const PermissionsChecker = ({ children }: { children: React.ReactNode }) => {
  const value = useBillingRBAC();
  return <PermissionsContext.Provider value={value}>{children}</PermissionsContext.Provider>;
};

/**
 * The check runs once, against the permissions the admin holds at that moment; right after a page load
 * they may not be fetched yet. Keyed by the user's plugin permissions, the checker starts over when
 * they arrive or change.
 */
export const PermissionsProvider = ({ children }: { children: React.ReactNode }) => {
  const isLoadingAuth = useAuth('UsageBillingPermissions', (state) => state.isLoading);
  const permissions = useAuth('UsageBillingPermissions', (state) => state.permissions);
  const key = React.useMemo(
    () =>
      (permissions ?? [])
        .map((permission) => permission.action)
        .filter((name) => name.startsWith(`plugin::${PLUGIN_ID}.`))
        .sort()
        .join(','),
    [permissions],
  );
  if (isLoadingAuth) {
    return <PermissionsContext.Provider value={LOADING}>{children}</PermissionsContext.Provider>;
  }
  return <PermissionsChecker key={key}>{children}</PermissionsChecker>;
};

export const usePermissions = (): PermissionsContextValue => {
  const value = React.useContext(PermissionsContext);
  if (!value) throw new Error('usePermissions must be used inside <PermissionsProvider>');
  return value;
};
