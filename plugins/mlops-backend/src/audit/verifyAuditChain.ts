import type { AuditVerification } from '@ml-foundation/plugin-mlops-common';
import { GENESIS_HASH, auditEventHash } from './auditHash';
import type { AuditChainHead, AuditEventRow } from './AuditStore';

/**
 * Walks the chain in sequence order and reports the first broken link:
 * an event whose content no longer matches its hash (altered, or moved to
 * another position, since the hash covers the sequence), a gap in the
 * sequence (deleted events), an event that does not link to the hash of the
 * event stored before it, or a chain that ends before its head says it does
 * (deleted last events).
 */
export async function verifyAuditChain(
  chunks: AsyncIterable<AuditEventRow[]>,
  head: AuditChainHead,
  verifiedAt: Date,
): Promise<AuditVerification> {
  let expectedSequence = 1;
  let previousHash = GENESIS_HASH;
  let checkedEvents = 0;
  const result = (
    firstBrokenEvent?: AuditVerification['firstBrokenEvent'],
  ): AuditVerification => ({
    ok: !firstBrokenEvent,
    checkedEvents,
    verifiedAt: verifiedAt.toISOString(),
    ...(firstBrokenEvent ? { firstBrokenEvent } : {}),
  });

  for await (const rows of chunks) {
    for (const row of rows) {
      const sequence = Number(row.sequence);
      checkedEvents += 1;
      const broken = (reason: string) =>
        result({ id: row.id, sequence, reason });
      if (sequence !== expectedSequence) {
        return broken(
          sequence > expectedSequence
            ? `events ${expectedSequence}..${
                sequence - 1
              } before this one are missing (deleted)`
            : `sequence ${sequence} is out of order after ${
                expectedSequence - 1
              }`,
        );
      }
      const hash = auditEventHash({
        sequence,
        id: row.id,
        occurredAt: row.occurred_at,
        actor: row.actor,
        action: row.action,
        targetRef: row.target_ref,
        targetArn: row.target_arn,
        modelRef: row.model_ref,
        detailsJson: row.details,
        previousHash: row.previous_hash,
      });
      if (hash !== row.hash) {
        return broken(
          'its content does not match its hash (altered, or moved from another position)',
        );
      }
      if (row.previous_hash !== previousHash) {
        return broken(
          'its previous hash is not the hash of the event before it (reordered, or an event before it was replaced)',
        );
      }
      previousHash = row.hash;
      expectedSequence += 1;
    }
  }

  const lastSequence = expectedSequence - 1;
  if (head.lastSequence !== lastSequence || head.lastHash !== previousHash) {
    return result({
      id: '',
      sequence: lastSequence + 1,
      reason:
        head.lastSequence > lastSequence
          ? `the chain head records ${head.lastSequence} events but the chain ends at ${lastSequence}: the last events were deleted`
          : `the chain head (sequence ${head.lastSequence}) does not match the last event`,
    });
  }
  return result();
}
