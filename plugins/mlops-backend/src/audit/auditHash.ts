import { createHash } from 'node:crypto';
import type { JsonValue } from '@backstage/types';

/** The previous hash of the first event of the chain. */
export const GENESIS_HASH = '0'.repeat(64);

/** The fields of an event that its hash covers. */
export type HashedAuditFields = {
  sequence: number;
  id: string;
  occurredAt: string;
  actor: string;
  action: string;
  targetRef: string;
  targetArn?: string | null;
  modelRef?: string | null;
  /** The details as canonical JSON, see {@link canonicalJson}. */
  detailsJson: string;
  previousHash: string;
};

/**
 * JSON with object keys sorted at every depth, so equal values always
 * serialise, and so hash, the same whatever order their keys were built in.
 */
export function canonicalJson(value: JsonValue | undefined): string {
  if (value === null || typeof value !== 'object') {
    return JSON.stringify(value ?? null);
  }
  if (Array.isArray(value)) {
    return `[${value.map(canonicalJson).join(',')}]`;
  }
  const keys = Object.keys(value)
    .filter(key => value[key] !== undefined)
    .sort();
  return `{${keys
    .map(key => `${JSON.stringify(key)}:${canonicalJson(value[key])}`)
    .join(',')}}`;
}

/**
 * SHA-256 (hex) over the canonical serialisation of an event: its fields in
 * sorted key order, absent optional fields as null, the stored canonical
 * details spliced in as they are (verifying a million events must not parse
 * and re-serialise a million JSON documents).
 */
export function auditEventHash(fields: HashedAuditFields): string {
  const canonical =
    `{"action":${JSON.stringify(fields.action)}` +
    `,"actor":${JSON.stringify(fields.actor)}` +
    `,"details":${fields.detailsJson}` +
    `,"id":${JSON.stringify(fields.id)}` +
    `,"modelRef":${JSON.stringify(fields.modelRef ?? null)}` +
    `,"occurredAt":${JSON.stringify(fields.occurredAt)}` +
    `,"previousHash":${JSON.stringify(fields.previousHash)}` +
    `,"sequence":${fields.sequence}` +
    `,"targetArn":${JSON.stringify(fields.targetArn ?? null)}` +
    `,"targetRef":${JSON.stringify(fields.targetRef)}}`;
  return createHash('sha256').update(canonical).digest('hex');
}
