import { ConflictError } from '@backstage/errors';
import type {
  AccessApprovalStep,
  AccessDecision,
  AccessFulfilment,
} from '@ml-foundation/plugin-mlops-common';
import type { Knex } from 'knex';

/** The stored state of a request; `expired` is derived when read. */
export type StoredAccessState = 'pending' | 'approved' | 'rejected';

/** An access request as stored, with its decisions. */
export type StoredAccessRequest = {
  id: string;
  entityRef: string;
  requestedBy: string;
  purpose: string;
  durationDays: number;
  state: StoredAccessState;
  requiredSteps: AccessApprovalStep[];
  approvers: Partial<Record<AccessApprovalStep, string[]>>;
  decisions: AccessDecision[];
  fulfilment?: AccessFulfilment;
  createdAt: string;
  updatedAt: string;
  expiresAt?: string;
};

/** Filters of {@link AccessStore.list}. */
export type AccessStoreFilter = {
  entityRef?: string;
  requestedBy?: string;
  state?: StoredAccessState;
};

const REQUESTS = 'mlops_access_requests';
const DECISIONS = 'mlops_access_decisions';

type RequestRow = {
  id: string;
  entity_ref: string;
  requested_by: string;
  purpose: string;
  duration_days: number;
  state: StoredAccessState;
  required_steps: string;
  approvers: string;
  fulfilment: string | null;
  created_at: string;
  updated_at: string;
  expires_at: string | null;
};

type DecisionRow = {
  request_id: string;
  actor: string;
  step: AccessApprovalStep;
  decision: 'approve' | 'reject';
  comment: string | null;
  decided_at: string;
};

function isUniqueViolation(error: unknown): boolean {
  const text = String((error as { code?: string })?.code ?? error);
  // PostgreSQL 23505; SQLite SQLITE_CONSTRAINT(_PRIMARYKEY|_UNIQUE).
  return text === '23505' || text.startsWith('SQLITE_CONSTRAINT');
}

/** The queries of access requests. */
export class AccessStore {
  constructor(private readonly knex: Knex) {}

  async create(request: StoredAccessRequest): Promise<void> {
    await this.knex<RequestRow>(REQUESTS).insert({
      id: request.id,
      entity_ref: request.entityRef,
      requested_by: request.requestedBy,
      purpose: request.purpose,
      duration_days: request.durationDays,
      state: request.state,
      required_steps: JSON.stringify(request.requiredSteps),
      approvers: JSON.stringify(request.approvers),
      fulfilment: null,
      created_at: request.createdAt,
      updated_at: request.updatedAt,
      expires_at: null,
    });
  }

  async get(id: string): Promise<StoredAccessRequest | undefined> {
    const [request] = await this.load(
      this.knex<RequestRow>(REQUESTS).where({ id }),
    );
    return request;
  }

  /** Newest first. */
  async list(filter: AccessStoreFilter): Promise<StoredAccessRequest[]> {
    const query = this.knex<RequestRow>(REQUESTS).orderBy([
      { column: 'created_at', order: 'desc' },
      { column: 'id', order: 'desc' },
    ]);
    if (filter.entityRef) {
      query.where('entity_ref', filter.entityRef);
    }
    if (filter.requestedBy) {
      query.where('requested_by', filter.requestedBy);
    }
    if (filter.state) {
      query.where('state', filter.state);
    }
    return this.load(query.limit(500));
  }

  /**
   * Records a decision and, with `next`, moves the request out of `pending`,
   * both or neither.
   *
   * @throws ConflictError when the request is no longer pending, the person
   *   already decided or the step was decided meanwhile.
   */
  async decide(
    id: string,
    decision: AccessDecision,
    next?: { state: StoredAccessState; expiresAt?: string },
  ): Promise<void> {
    await this.knex.transaction(async tx => {
      const updated = await tx<RequestRow>(REQUESTS)
        .where({ id, state: 'pending' })
        .update({
          updated_at: decision.decidedAt,
          ...(next
            ? { state: next.state, expires_at: next.expiresAt ?? null }
            : {}),
        });
      if (updated !== 1) {
        throw new ConflictError(`Access request ${id} is no longer pending`);
      }
      try {
        await tx<DecisionRow>(DECISIONS).insert({
          request_id: id,
          actor: decision.actor,
          step: decision.step,
          decision: decision.decision,
          comment: decision.comment ?? null,
          decided_at: decision.decidedAt,
        });
      } catch (error) {
        if (isUniqueViolation(error)) {
          throw new ConflictError(
            `Access request ${id} already has a decision by ${decision.actor} or for its ${decision.step} step`,
          );
        }
        throw error;
      }
    });
  }

  async setFulfilment(id: string, fulfilment: AccessFulfilment): Promise<void> {
    await this.knex<RequestRow>(REQUESTS)
      .where({ id })
      .update({
        fulfilment: JSON.stringify(fulfilment),
        updated_at: fulfilment.at,
      });
  }

  private async load(
    query: Knex.QueryBuilder<RequestRow, RequestRow[]>,
  ): Promise<StoredAccessRequest[]> {
    const rows: RequestRow[] = await query;
    if (rows.length === 0) {
      return [];
    }
    const decisions: DecisionRow[] = await this.knex<DecisionRow>(DECISIONS)
      .whereIn(
        'request_id',
        rows.map(r => r.id),
      )
      .orderBy('decided_at');
    return rows.map(row => ({
      id: row.id,
      entityRef: row.entity_ref,
      requestedBy: row.requested_by,
      purpose: row.purpose,
      durationDays: Number(row.duration_days),
      state: row.state,
      requiredSteps: JSON.parse(row.required_steps),
      approvers: JSON.parse(row.approvers),
      decisions: decisions
        .filter(d => d.request_id === row.id)
        .map(d => ({
          actor: d.actor,
          decision: d.decision,
          step: d.step,
          ...(d.comment ? { comment: d.comment } : {}),
          decidedAt: d.decided_at,
        })),
      ...(row.fulfilment ? { fulfilment: JSON.parse(row.fulfilment) } : {}),
      createdAt: row.created_at,
      updatedAt: row.updated_at,
      ...(row.expires_at ? { expiresAt: row.expires_at } : {}),
    }));
  }
}
