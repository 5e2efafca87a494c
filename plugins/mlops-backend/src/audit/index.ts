export { AuditTrail } from './AuditTrail';
export type {
  AuditEventFilter,
  AuditPageRequest,
  AuditSelection,
} from './AuditTrail';
export { createAuditRouter } from './createAuditRouter';
export type { AuditRouterOptions } from './createAuditRouter';
export {
  AUDIT_VERIFICATION_TASK_ID,
  scheduleAuditVerification,
} from './scheduleAuditVerification';
export { auditApiSpec } from './auditApiSpec';
export type { AuditExportFormat } from './auditExportFormat';
export { auditEventHash, canonicalJson, GENESIS_HASH } from './auditHash';
export type { HashedAuditFields } from './auditHash';
