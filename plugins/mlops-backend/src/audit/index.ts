export { AuditTrail } from './AuditTrail';
export type { AuditEventFilter, AuditPageRequest } from './AuditTrail';
export type { AuditExportFormat } from './auditExportFormat';
export { auditEventHash, canonicalJson, GENESIS_HASH } from './auditHash';
export type { HashedAuditFields } from './auditHash';
