import { ADMIN_ACTION_UIDS, adminActionId, type AdminActionUid } from '../../contracts';

/** The RBAC actions the server registers (contracts/permissions.ts), as the admin checks them. */
export { ADMIN_ACTION_UIDS, type AdminActionUid };

type PermissionRef = { action: string; subject: null };

const ref = (uid: AdminActionUid): PermissionRef => ({ action: adminActionId(uid), subject: null });

/** Every action of the plugin, checked together once (hooks/usePermissions.tsx). */
export const ALL_PERMISSIONS: PermissionRef[] = ADMIN_ACTION_UIDS.map(ref);

export const PERMISSIONS = {
  /**
   * Who sees the "Billing" entry of the main menu: the admin shows a menu link when the user holds any
   * one of its permissions, and the page then only lists the sections the user may read.
   */
  menu: [ref('logs.read'), ref('settings.read'), ref('pricing.read'), ref('plans.read'), ref('codes.read'), ref('orders.read'), ref('accounts.read')],
};
