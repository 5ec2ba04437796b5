import * as React from 'react';
import { useRBAC } from '@strapi/strapi/admin';

import { ACTION_UIDS, PERMISSION_REFS, type ActionUid } from '../permissions';

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

export const PermissionsProvider = ({ children }: { children: React.ReactNode }) => {
  const value = useBillingRBAC();
  return <PermissionsContext.Provider value={value}>{children}</PermissionsContext.Provider>;
};

export const usePermissions = (): PermissionsContextValue => {
  const value = React.useContext(PermissionsContext);
  if (!value) throw new Error('usePermissions must be used inside <PermissionsProvider>');
  return value;
};
