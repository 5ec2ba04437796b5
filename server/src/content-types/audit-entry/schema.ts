import { hiddenFromEditors } from '../hidden';

// Who changed a price, a plan or the settings, when, and the value it left (secrets masked). Append-only;
// written by the audit service, read on the Configuration page.
export default {
  kind: 'collectionType',
  collectionName: 'ub_audit_entries',
  info: { singularName: 'audit-entry', pluralName: 'audit-entries', displayName: 'Audit entry' },
  options: { draftAndPublish: false },
  pluginOptions: hiddenFromEditors,
  attributes: {
    actor: { type: 'string', required: true, maxLength: 191 },
    action: { type: 'string', required: true, maxLength: 64 },
    subject: { type: 'string', maxLength: 191 },
    after: { type: 'json' },
  },
  indexes: [{ name: 'ub_audit_entries_created_idx', columns: ['created_at'] }],
};
