import { randomUUID } from 'node:crypto';
import type { Knex } from 'knex';
import type {
  AuditEvent,
  AuditQuery,
  AuditVerification,
} from '@ml-foundation/plugin-mlops-common';
import { auditEventHash, canonicalJson } from './auditHash';
import type { ValidNewAuditEvent } from './auditEventSchema';

const EVENTS = 'mlops_audit_events';
const HEAD = 'mlops_audit_chain_head';
const VERIFICATIONS = 'mlops_audit_verifications';
/** Rows per INSERT, well under every database's limit of bound parameters. */
const INSERT_BATCH = 500;

/** An event as stored. */
export type AuditEventRow = {
  sequence: number | string;
  id: string;
  occurred_at: string;
  actor: string;
  action: string;
  target_ref: string;
  target_arn: string | null;
  model_ref: string | null;
  details: string;
  previous_hash: string;
  hash: string;
};

/** The head of the chain: what the next append links to. */
export type AuditChainHead = { lastSequence: number; lastHash: string };

/** Which events to read, and from where in the chain. */
export type AuditRange = AuditQuery & {
  /**
   * More targets that count as the entity's, e.g. a Model's versions found
   * in the catalog, for events recorded without a modelRef.
   */
  relatedRefs?: string[];
  order: 'asc' | 'desc';
  /** Only events after (asc) or before (desc) this sequence. */
  afterSequence?: number;
  limit: number;
};

/** Converts a stored event to the API's shape. */
export function toAuditEvent(row: AuditEventRow): AuditEvent {
  return {
    id: row.id,
    sequence: Number(row.sequence),
    occurredAt: row.occurred_at,
    actor: row.actor,
    action: row.action,
    targetRef: row.target_ref,
    ...(row.target_arn ? { targetArn: row.target_arn } : {}),
    ...(row.model_ref ? { modelRef: row.model_ref } : {}),
    details: JSON.parse(row.details),
    previousHash: row.previous_hash,
    hash: row.hash,
  };
}

/** The audit trail's queries: appends, reads in chain order, verifications. */
export class AuditStore {
  constructor(private readonly knex: Knex) {}

  /**
   * Appends events, in order, in one transaction that holds the chain head
   * row, so appends from any number of instances on one database take turns
   * and each event links to the one before it. PostgreSQL and MySQL lock the
   * row with SELECT ... FOR UPDATE; SQLite allows one writer at a time anyway.
   */
  async append(
    events: ValidNewAuditEvent[],
    now: () => Date,
  ): Promise<AuditEvent[]> {
    return this.knex.transaction(async tx => {
      let headQuery = tx(HEAD).where({ id: 1 }).first();
      if (!this.isSqlite()) headQuery = headQuery.forUpdate();
      const head = await headQuery;
      if (!head) {
        throw new Error('The audit chain head row is missing');
      }
      let sequence = Number(head.last_sequence);
      let previousHash: string = head.last_hash;
      const rows = events.map((event): AuditEventRow => {
        sequence += 1;
        const fields = {
          sequence,
          id: randomUUID(),
          occurredAt: now().toISOString(),
          actor: event.actor,
          action: event.action,
          targetRef: event.targetRef,
          targetArn: event.targetArn ?? null,
          // A Model's own events are found by target_ref; model_ref is for its versions'.
          modelRef:
            event.modelRef && event.modelRef !== event.targetRef
              ? event.modelRef
              : null,
          detailsJson: canonicalJson(event.details),
          previousHash,
        };
        previousHash = auditEventHash(fields);
        return {
          sequence,
          id: fields.id,
          occurred_at: fields.occurredAt,
          actor: fields.actor,
          action: fields.action,
          target_ref: fields.targetRef,
          target_arn: fields.targetArn,
          model_ref: fields.modelRef,
          details: fields.detailsJson,
          previous_hash: fields.previousHash,
          hash: previousHash,
        };
      });
      for (let i = 0; i < rows.length; i += INSERT_BATCH) {
        await tx(EVENTS).insert(rows.slice(i, i + INSERT_BATCH));
      }
      await tx(HEAD)
        .where({ id: 1 })
        .update({ last_sequence: sequence, last_hash: previousHash });
      return rows.map(toAuditEvent);
    });
  }

  async head(): Promise<AuditChainHead> {
    const head = await this.knex(HEAD).where({ id: 1 }).first();
    return {
      lastSequence: Number(head.last_sequence),
      lastHash: head.last_hash,
    };
  }

  /**
   * Reads matching events in sequence order with keyset pagination on the
   * primary key, so every page costs the same wherever it is in the chain.
   * An entity query is the union of two index scans (the events about the
   * entity or its related refs, and those whose model_ref is the entity),
   * each limited, rather than an OR that a planner may answer by scanning
   * the chain.
   */
  async range(range: AuditRange): Promise<AuditEventRow[]> {
    const { entityRef, order, limit } = range;
    const filtered = (column?: 'target_ref' | 'model_ref') => {
      const query = this.knex<AuditEventRow>(EVENTS).select('*');
      if (column === 'target_ref') {
        query.whereIn(column, [entityRef!, ...(range.relatedRefs ?? [])]);
      } else if (column) {
        query.where(column, entityRef!);
      }
      if (range.actor) query.where('actor', range.actor);
      if (range.action) query.where('action', range.action);
      if (range.from) query.where('occurred_at', '>=', range.from);
      if (range.to) query.where('occurred_at', '<', range.to);
      if (range.afterSequence !== undefined) {
        query.where(
          'sequence',
          order === 'asc' ? '>' : '<',
          range.afterSequence,
        );
      }
      return query.orderBy('sequence', order).limit(limit);
    };
    if (!entityRef) {
      return filtered();
    }
    // UNION, not UNION ALL: a version's event found by its target and by
    // its model_ref is one event.
    const union = this.knex
      .select('*')
      .from(filtered('target_ref').as('by_target'))
      .union(this.knex.select('*').from(filtered('model_ref').as('by_model')));
    return this.knex
      .select('*')
      .from(union.as('matching'))
      .orderBy('sequence', order)
      .limit(limit);
  }

  /**
   * The chain up to `lastSequence` in sequence order, in chunks of
   * `chunkSize`; events appended meanwhile are left for the next reader.
   */
  async *chain(
    lastSequence: number,
    chunkSize: number,
  ): AsyncGenerator<AuditEventRow[]> {
    const read = (afterSequence: number): Promise<AuditEventRow[]> =>
      this.knex(EVENTS)
        .select('*')
        .where('sequence', '>', afterSequence)
        .andWhere('sequence', '<=', lastSequence)
        .orderBy('sequence', 'asc')
        .limit(chunkSize);
    let rows = await read(0);
    while (rows.length > 0) {
      // Read the next chunk while the caller works on this one.
      const next =
        rows.length < chunkSize
          ? Promise.resolve([])
          : read(Number(rows[rows.length - 1].sequence));
      yield rows;
      rows = await next;
    }
  }

  async recordVerification(
    verification: AuditVerification,
    durationMs: number,
  ): Promise<void> {
    await this.knex(VERIFICATIONS).insert({
      verified_at: verification.verifiedAt,
      ok: verification.ok,
      checked_events: verification.checkedEvents,
      duration_ms: Math.round(durationMs),
      first_broken_id: verification.firstBrokenEvent?.id ?? null,
      first_broken_sequence: verification.firstBrokenEvent?.sequence ?? null,
      reason: verification.firstBrokenEvent?.reason ?? null,
    });
  }

  async latestVerification(): Promise<AuditVerification | undefined> {
    const row = await this.knex(VERIFICATIONS).orderBy('id', 'desc').first();
    if (!row) return undefined;
    return {
      ok: Boolean(row.ok),
      checkedEvents: Number(row.checked_events),
      verifiedAt: row.verified_at,
      ...(row.ok
        ? {}
        : {
            firstBrokenEvent: {
              id: row.first_broken_id ?? '',
              sequence: Number(row.first_broken_sequence),
              reason: row.reason ?? '',
            },
          }),
    };
  }

  private isSqlite(): boolean {
    const client = String(this.knex.client.config.client);
    return client.includes('sqlite');
  }
}
