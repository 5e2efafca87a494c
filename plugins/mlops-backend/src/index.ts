/**
 * ML Foundation backend: governance, audit trail, health and REST API.
 *
 * @packageDocumentation
 */

export { mlopsPlugin as default } from './plugin';
// The audit trail's library, for the benchmarks and backend code that records events in-process.
export {
  AuditTrail,
  auditEventHash,
  canonicalJson,
  GENESIS_HASH,
} from './audit';
export type { AuditExportFormat, HashedAuditFields } from './audit';
export { applyMlopsMigrations } from './database/applyMlopsMigrations';
