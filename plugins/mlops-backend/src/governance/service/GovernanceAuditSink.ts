import type {
  AuditEvent,
  NewAuditEvent,
} from '@ml-foundation/plugin-mlops-common';

/** Where governance appends its audit events: the plugin's audit trail. */
export interface GovernanceAuditSink {
  append(event: NewAuditEvent): Promise<AuditEvent>;
}
