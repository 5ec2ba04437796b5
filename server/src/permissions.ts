// RBAC actions of the Billing page. Each admin route names exactly one of them. The list is a contract
// (contracts/permissions.ts): the admin checks the same actions.
export { ADMIN_ACTIONS, ADMIN_ACTION_UIDS, adminActionId, type AdminActionUid } from '../../contracts';
