import { Readable } from 'node:stream';
import type { LoggerService } from '@backstage/backend-plugin-api';
import { InputError } from '@backstage/errors';
import type {
  AuditEvent,
  AuditPage,
  AuditQuery,
  AuditVerification,
  NewAuditEvent,
} from '@ml-foundation/plugin-mlops-common';
import type { Knex } from 'knex';
import { parseNewAuditEvent } from './auditEventSchema';
import { AuditExportFormat, formatAuditEvents } from './auditExportFormat';
import { AuditStore, toAuditEvent } from './AuditStore';
import { verifyAuditChain } from './verifyAuditChain';

/** Default and largest page of an audit query. */
export const AUDIT_PAGE_DEFAULT_LIMIT = 50;
export const AUDIT_PAGE_MAX_LIMIT = 500;

const EXPORT_CHUNK_SIZE = 1000;
const VERIFY_CHUNK_SIZE = 10000;
/** Events committed at most in one append transaction. */
const MAX_APPEND_BATCH = 500;
/** Pages scanned at most to fill one page when a filter drops events. */
const MAX_FILTERED_SCANS = 10;

/**
 * Keeps the events a reader may see, e.g. by asking the permission
 * framework about each target; applied chunk by chunk.
 */
export type AuditEventFilter = (events: AuditEvent[]) => Promise<AuditEvent[]>;

type PendingAppend = {
  event: NewAuditEvent;
  resolve: (event: AuditEvent) => void;
  reject: (error: unknown) => void;
};

/**
 * An audit query; `relatedRefs` are more targets that count as the entity's,
 * e.g. the versions of a Model found in the catalog at query time, for
 * events recorded without a modelRef.
 */
export type AuditSelection = AuditQuery & { relatedRefs?: string[] };

/** An audit query with its paging. */
export type AuditPageRequest = AuditSelection & {
  cursor?: string;
  limit?: number;
};

function encodeCursor(sequence: number): string {
  return Buffer.from(`seq:${sequence}`).toString('base64url');
}

function decodeCursor(cursor: string): number {
  const match = /^seq:(\d+)$/.exec(
    Buffer.from(cursor, 'base64url').toString('utf8'),
  );
  if (!match) {
    throw new InputError(
      'Invalid audit query: cursor is not a cursor of this API',
    );
  }
  return Number(match[1]);
}

function isoTime(value: string | undefined, field: string) {
  if (value === undefined) return undefined;
  const time = new Date(value);
  if (!/^\d{4}-\d{2}-\d{2}/.test(value) || Number.isNaN(time.getTime())) {
    throw new InputError(
      `Invalid audit query: ${field} must be an ISO 8601 time`,
    );
  }
  return time.toISOString();
}

function normaliseQuery(query: AuditSelection): AuditSelection {
  return {
    entityRef: query.entityRef || undefined,
    relatedRefs: query.entityRef ? query.relatedRefs : undefined,
    actor: query.actor || undefined,
    action: query.action || undefined,
    from: isoTime(query.from, 'from'),
    to: isoTime(query.to, 'to'),
  };
}

/**
 * The append-only, hash-chained audit trail of the mlops plugin: every
 * governance decision, write-back and out-of-band change, and the events
 * other plugins record through its API. Events are never updated or deleted.
 */
export class AuditTrail {
  static create(options: { knex: Knex; logger: LoggerService }): AuditTrail {
    return new AuditTrail(new AuditStore(options.knex), options.logger);
  }

  /** Appends waiting for the transaction in flight to finish. */
  private queue: PendingAppend[] = [];
  private flushing = false;

  private constructor(
    private readonly store: AuditStore,
    private readonly logger: LoggerService,
  ) {}

  /**
   * Appends an event at the end of the chain and resolves once it is
   * committed; throws InputError if the event is invalid. Appends that
   * arrive while this instance's previous append transaction is in flight
   * are committed together in the next one (group commit): the chain head
   * lock and the commit are paid once per batch, not once per event.
   */
  append(event: NewAuditEvent): Promise<AuditEvent> {
    return new Promise((resolve, reject) => {
      this.queue.push({ event: parseNewAuditEvent(event), resolve, reject });
      if (!this.flushing) void this.flush();
    });
  }

  private async flush() {
    this.flushing = true;
    while (this.queue.length > 0) {
      // Let the callers woken by the previous batch queue their next events.
      await new Promise(resolve => setImmediate(resolve));
      const batch = this.queue.splice(0, MAX_APPEND_BATCH);
      try {
        const appended = await this.store.append(
          batch.map(pending => pending.event),
          () => new Date(),
        );
        batch.forEach((pending, i) => pending.resolve(appended[i]));
      } catch (error) {
        batch.forEach(pending => pending.reject(error));
      }
    }
    this.flushing = false;
  }

  /** One page of matching events, newest first. */
  async query(
    request: AuditPageRequest,
    options: { filter?: AuditEventFilter } = {},
  ): Promise<AuditPage> {
    const limit = request.limit ?? AUDIT_PAGE_DEFAULT_LIMIT;
    if (!Number.isInteger(limit) || limit < 1 || limit > AUDIT_PAGE_MAX_LIMIT) {
      throw new InputError(
        `Invalid audit query: limit must be an integer from 1 to ${AUDIT_PAGE_MAX_LIMIT}`,
      );
    }
    const query = normaliseQuery(request);
    let afterSequence =
      request.cursor !== undefined ? decodeCursor(request.cursor) : undefined;
    const items: AuditEvent[] = [];
    for (let scan = 0; scan < MAX_FILTERED_SCANS; scan++) {
      const rows = await this.store.range({
        ...query,
        order: 'desc',
        afterSequence,
        limit: limit - items.length + 1,
      });
      const hasMore = rows.length > limit - items.length;
      const scanned = rows.slice(0, limit - items.length).map(toAuditEvent);
      items.push(...(options.filter ? await options.filter(scanned) : scanned));
      if (!hasMore) return { items };
      afterSequence = scanned[scanned.length - 1].sequence;
      if (items.length === limit) break;
    }
    return { items, nextCursor: encodeCursor(afterSequence!) };
  }

  /**
   * Matching events oldest first (chain order, so an export can be verified
   * offline), read in keyset-paginated chunks: memory stays flat however
   * many events there are.
   */
  async *events(
    request: AuditSelection,
    options: { filter?: AuditEventFilter; chunkSize?: number } = {},
  ): AsyncGenerator<AuditEvent[]> {
    const query = normaliseQuery(request);
    const chunkSize = options.chunkSize ?? EXPORT_CHUNK_SIZE;
    const read = (afterSequence?: number) =>
      this.store.range({
        ...query,
        order: 'asc',
        afterSequence,
        limit: chunkSize,
      });
    let rows = await read();
    while (rows.length > 0) {
      // Read the next chunk while this one is filtered and written out.
      const next =
        rows.length < chunkSize
          ? Promise.resolve([])
          : read(Number(rows[rows.length - 1].sequence));
      const events = rows.map(toAuditEvent);
      yield options.filter ? await options.filter(events) : events;
      rows = await next;
    }
  }

  /** The matching events as a CSV or JSON Lines stream, see {@link AuditTrail.events}. */
  export(
    request: AuditSelection,
    options: { format: AuditExportFormat; filter?: AuditEventFilter },
  ): Readable {
    // Validate before the response starts, so a bad query still gets a 400.
    normaliseQuery(request);
    return Readable.from(
      formatAuditEvents(this.events(request, options), options.format),
    );
  }

  /** Verifies the whole chain as it is now. */
  async verify(): Promise<AuditVerification> {
    const head = await this.store.head();
    return verifyAuditChain(
      this.store.chain(head.lastSequence, VERIFY_CHUNK_SIZE),
      head,
      new Date(),
    );
  }

  /** Verifies the whole chain and records the result as the latest one. */
  async verifyAndRecord(): Promise<AuditVerification> {
    const started = performance.now();
    const verification = await this.verify();
    await this.store.recordVerification(
      verification,
      performance.now() - started,
    );
    if (verification.ok) {
      this.logger.info(
        `Audit chain verified: ${verification.checkedEvents} events intact`,
      );
    } else {
      const broken = verification.firstBrokenEvent!;
      this.logger.error(
        `Audit chain broken at event ${broken.sequence} (${broken.id}): ${broken.reason}`,
      );
    }
    return verification;
  }

  /** The latest recorded verification, if any ran. */
  async latestVerification(): Promise<AuditVerification | undefined> {
    return this.store.latestVerification();
  }
}
