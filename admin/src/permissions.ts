import { PLUGIN_ID } from './pluginId';

/** RBAC action uids the server registers (server/src/permissions.ts). */
export const ACTION_UIDS = [
  'settings.read',
  'settings.update',
  'pricing.read',
  'pricing.update',
  'accounts.read',
  'accounts.adjust',
  'logs.read',
  'plans.read',
  'plans.update',
  'codes.read',
  'codes.update',
  'orders.read',
] as const;

export type ActionUid = (typeof ACTION_UIDS)[number];

export const action = (uid: ActionUid) => `plugin::${PLUGIN_ID}.${uid}`;

type PermissionRef = { action: string; subject: null };

const ref = (uid: ActionUid): PermissionRef => ({ action: action(uid), subject: null });

/**
 * One stable one-element array per action: useRBAC compares its argument between renders, and derives its
 * `allowedActions` key from the last segment of the action only (`settings.read` and `logs.read` would
 * both be `canRead`), so each action is checked on its own.
 */
export const PERMISSION_REFS = Object.fromEntries(ACTION_UIDS.map((uid) => [uid, [ref(uid)]])) as Record<
  ActionUid,
  PermissionRef[]
>;

export const PERMISSIONS = {
  /**
   * Who sees the "Billing" entry of the main menu: the admin shows a menu link when the user holds any
   * one of its permissions, and the page then only lists the sections the user may read.
   */
  menu: [ref('logs.read'), ref('settings.read'), ref('pricing.read'), ref('accounts.read')],
};
