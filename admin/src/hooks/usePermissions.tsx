import * as React from 'react';
import { useAuth, useRBAC } from '@strapi/strapi/admin';

import { ACTION_UIDS, PERMISSION_REFS, type ActionUid } from '../permissions';
import { PLUGIN_ID } from '../pluginId';

export type Can = Record<ActionUid, boolean>;

interface PermissionsContextValue {
  can: Can;
  isLoading: boolean;
}

const useCheck = (uid: ActionUid) => {
  const { allowedActions, isLoading } = useRBAC(PERMISSION_REFS[uid]);
  return { allowed: Object.values(allowedActions).some(Boolean), isLoading };
};

/** Checks every action of the plugin once; pages read the answer from context. */
const useBillingRBAC = (): PermissionsContextValue => {
  // A fixed list of hook calls (ACTION_UIDS never changes), one per action.
  const checks = {
    'settings.read': useCheck('settings.read'),
    'settings.update': useCheck('settings.update'),
    'pricing.read': useCheck('pricing.read'),
    'pricing.update': useCheck('pricing.update'),
    'accounts.read': useCheck('accounts.read'),
    'accounts.adjust': useCheck('accounts.adjust'),
    'logs.read': useCheck('logs.read'),
    'plans.read': useCheck('plans.read'),
    'plans.update': useCheck('plans.update'),
    'codes.read': useCheck('codes.read'),
    'codes.update': useCheck('codes.update'),
    'orders.read': useCheck('orders.read'),
  } satisfies Record<ActionUid, { allowed: boolean; isLoading: boolean }>;

  const isLoading = ACTION_UIDS.some((uid) => checks[uid].isLoading);
  const key = ACTION_UIDS.map((uid) => (checks[uid].allowed ? '1' : '0')).join('');
  const can = React.useMemo(
    () => Object.fromEntries(ACTION_UIDS.map((uid, index) => [uid, key[index] === '1'])) as Can,
    [key],
  );
  return React.useMemo(() => ({ can, isLoading }), [can, isLoading]);
};

const PermissionsContext = React.createContext<PermissionsContextValue | null>(null);

const PermissionsChecker = ({ children }: { children: React.ReactNode }) => {
  const value = useBillingRBAC();
  return <PermissionsContext.Provider value={value}>{children}</PermissionsContext.Provider>;
};

/**
 * useRBAC checks once, against the permissions the admin holds at that moment; right after a page load
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
    return (
      <PermissionsContext.Provider value={LOADING}>{children}</PermissionsContext.Provider>
    );
  }
  return <PermissionsChecker key={key}>{children}</PermissionsChecker>;
};

const LOADING: PermissionsContextValue = {
  can: Object.fromEntries(ACTION_UIDS.map((uid) => [uid, false])) as Can,
  isLoading: true,
};

export const usePermissions = (): PermissionsContextValue => {
  const value = React.useContext(PermissionsContext);
  if (!value) throw new Error('usePermissions must be used inside <PermissionsProvider>');
  return value;
};
