/** Who did it, as ledger entries, subscriptions and the audit trail record an administrator: `admin:<id> (<email>)`. */
export const adminActor = (ctx: any): string => {
  const admin = ctx.state.user;
  return `admin:${admin.id}${admin.email ? ` (${admin.email})` : ''}`;
};
