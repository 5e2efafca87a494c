import { ConflictError, NotFoundError } from '@backstage/errors';
import type {
  CheckpointResult,
  Review,
  ReviewDecision,
  ReviewKind,
  ReviewState,
  WriteBackState,
} from '@ml-foundation/plugin-mlops-common';
import type { Knex } from 'knex';
import { randomUUID } from 'node:crypto';

const REVIEWS = 'mlops_governance_reviews';
const DECISIONS = 'mlops_governance_decisions';
const WAIVERS = 'mlops_governance_waivers';
const WRITES = 'mlops_governance_registry_writes';

type ReviewRow = {
  id: string;
  kind: string;
  entity_ref: string;
  model_ref: string;
  arn: string | null;
  target_stage: string;
  policy: string;
  state: string;
  requested_by: string;
  requested_at: string;
  comment: string | null;
  checkpoints: string;
  write_back: string | null;
  replaces_ref: string | null;
  entity_etag: string | null;
  updated_at: string;
  completed_at: string | null;
};

type DecisionRow = {
  id: string;
  review_id: string;
  actor: string;
  decision: string;
  comment: string;
  at: string;
};

/** A review as stored, with what the service needs beyond the API shape. */
export type StoredReview = Review & { arn?: string; entityEtag?: string };

/** A new review to insert. */
export type NewReview = {
  kind: ReviewKind;
  entityRef: string;
  modelRef: string;
  arn?: string;
  targetStage: string;
  policy: string;
  requestedBy: string;
  comment?: string;
  checkpoints: CheckpointResult[];
  replacesRef?: string;
  entityEtag?: string;
};

/** What governance wrote to the model registry for one model package. */
export type RegistryWrite = {
  arn: string;
  reviewId: string;
  approvalStatus: string;
  stage?: string;
  stageStatus?: string;
};

/** Filters of {@link GovernanceStore.listReviews}. */
export type ReviewFilter = {
  entityRefs?: string[];
  modelRef?: string;
  states?: ReviewState[];
};

/** The changes {@link GovernanceStore.updateReview} may make. */
export type ReviewPatch = Partial<{
  state: ReviewState;
  checkpoints: CheckpointResult[];
  writeBack: WriteBackState;
  entityEtag: string;
  completedAt: string;
  replacesRef: string;
}>;

const now = () => new Date().toISOString();

function isUniqueViolation(error: unknown): boolean {
  const e = error as { code?: string; message?: string };
  return (
    e?.code === '23505' ||
    e?.code === 'SQLITE_CONSTRAINT_UNIQUE' ||
    e?.code === 'SQLITE_CONSTRAINT_PRIMARYKEY' ||
    /UNIQUE constraint failed/.test(e?.message ?? '')
  );
}

/** Reviews, decisions, waivers and registry writes of the governance, in knex. */
export class GovernanceStore {
  constructor(private readonly db: Knex | Knex.Transaction) {}

  /**
   * Runs `fn` in one transaction holding the review's row lock, so that
   * concurrent decisions on one review (across backend instances) are applied
   * one after the other and see each other's effects.
   */
  async withLockedReview<T>(
    id: string,
    fn: (store: GovernanceStore, review: StoredReview) => Promise<T>,
  ): Promise<T> {
    return (this.db as Knex).transaction(async tx => {
      const query = tx<ReviewRow>(REVIEWS).where({ id });
      // SQLite has no row locks; it serialises write transactions instead,
      // and the first write below takes that lock.
      const row =
        tx.client.config.client === 'pg'
          ? await query.forUpdate().first()
          : await (async () => {
              await tx(REVIEWS).where({ id }).update({ id });
              return query.first();
            })();
      if (!row) {
        throw new NotFoundError(`No review with id ${id}`);
      }
      const store = new GovernanceStore(tx);
      return fn(store, await store.toReview(row));
    });
  }

  async insertReview(review: NewReview): Promise<StoredReview> {
    const id = randomUUID();
    const at = now();
    await this.db<ReviewRow>(REVIEWS).insert({
      id,
      kind: review.kind,
      entity_ref: review.entityRef,
      model_ref: review.modelRef,
      arn: review.arn ?? null,
      target_stage: review.targetStage,
      policy: review.policy,
      state: 'open',
      requested_by: review.requestedBy,
      requested_at: at,
      comment: review.comment ?? null,
      checkpoints: JSON.stringify(review.checkpoints),
      write_back: null,
      replaces_ref: review.replacesRef ?? null,
      entity_etag: review.entityEtag ?? null,
      updated_at: at,
      completed_at: null,
    });
    return (await this.getReview(id))!;
  }

  async getReview(id: string): Promise<StoredReview | undefined> {
    const row = await this.db<ReviewRow>(REVIEWS).where({ id }).first();
    return row ? this.toReview(row) : undefined;
  }

  async listReviews(filter: ReviewFilter = {}): Promise<StoredReview[]> {
    const query = this.db<ReviewRow>(REVIEWS).orderBy('requested_at', 'desc');
    if (filter.entityRefs) {
      query.whereIn('entity_ref', filter.entityRefs);
    }
    if (filter.modelRef) {
      query.where({ model_ref: filter.modelRef });
    }
    if (filter.states) {
      query.whereIn('state', filter.states);
    }
    const rows = await query;
    return this.toReviews(rows);
  }

  /**
   * Applies `patch` when the review is in one of `fromStates`.
   *
   * @returns whether it was applied.
   */
  async updateReview(
    id: string,
    patch: ReviewPatch,
    fromStates?: ReviewState[],
  ): Promise<boolean> {
    const query = this.db<ReviewRow>(REVIEWS).where({ id });
    if (fromStates) {
      query.whereIn('state', fromStates);
    }
    const count = await query.update({
      updated_at: now(),
      ...(patch.state && { state: patch.state }),
      ...(patch.checkpoints && {
        checkpoints: JSON.stringify(patch.checkpoints),
      }),
      ...(patch.writeBack && { write_back: JSON.stringify(patch.writeBack) }),
      ...(patch.entityEtag !== undefined && { entity_etag: patch.entityEtag }),
      ...(patch.completedAt && { completed_at: patch.completedAt }),
      ...(patch.replacesRef && { replaces_ref: patch.replacesRef }),
    });
    return count > 0;
  }

  /** @throws ConflictError when the actor already decided on the review. */
  async insertDecision(
    reviewId: string,
    decision: Omit<ReviewDecision, 'id' | 'at'>,
  ): Promise<ReviewDecision> {
    const row: DecisionRow = {
      id: randomUUID(),
      review_id: reviewId,
      actor: decision.actor,
      decision: decision.decision,
      comment: decision.comment,
      at: now(),
    };
    try {
      await this.db<DecisionRow>(DECISIONS).insert(row);
    } catch (error) {
      if (isUniqueViolation(error)) {
        throw new ConflictError(
          `Separation of duties (approver-counts-once): ${decision.actor} already decided on review ${reviewId}`,
        );
      }
      throw error;
    }
    return this.toDecision(row);
  }

  async upsertWaiver(
    reviewId: string,
    checkpointId: string,
    waiver: { by: string; reason: string },
  ): Promise<void> {
    await this.db(WAIVERS)
      .insert({
        review_id: reviewId,
        checkpoint_id: checkpointId,
        waived_by: waiver.by,
        reason: waiver.reason,
        at: now(),
      })
      .onConflict(['review_id', 'checkpoint_id'])
      .merge();
  }

  async listWaivers(
    reviewId: string,
  ): Promise<Map<string, { by: string; reason: string; at: string }>> {
    const rows = await this.db(WAIVERS).where({ review_id: reviewId });
    return new Map(
      rows.map(r => [
        r.checkpoint_id as string,
        { by: r.waived_by, reason: r.reason, at: r.at },
      ]),
    );
  }

  async recordRegistryWrite(write: RegistryWrite): Promise<void> {
    await this.db(WRITES).insert({
      id: randomUUID(),
      arn: write.arn,
      review_id: write.reviewId,
      approval_status: write.approvalStatus,
      stage: write.stage ?? null,
      stage_status: write.stageStatus ?? null,
      written_at: now(),
    });
  }

  /** Every write governance made to the model package, newest first. */
  async listRegistryWrites(arn: string): Promise<RegistryWrite[]> {
    const rows = await this.db(WRITES)
      .where({ arn })
      .orderBy('written_at', 'desc');
    return rows.map(r => ({
      arn: r.arn,
      reviewId: r.review_id,
      approvalStatus: r.approval_status,
      stage: r.stage ?? undefined,
      stageStatus: r.stage_status ?? undefined,
    }));
  }

  private async toReviews(rows: ReviewRow[]): Promise<StoredReview[]> {
    if (rows.length === 0) {
      return [];
    }
    const decisions = await this.db<DecisionRow>(DECISIONS)
      .whereIn(
        'review_id',
        rows.map(r => r.id),
      )
      .orderBy('at', 'asc');
    const byReview = new Map<string, ReviewDecision[]>();
    for (const d of decisions) {
      const list = byReview.get(d.review_id) ?? [];
      list.push(this.toDecision(d));
      byReview.set(d.review_id, list);
    }
    return rows.map(row => this.fromRow(row, byReview.get(row.id) ?? []));
  }

  private async toReview(row: ReviewRow): Promise<StoredReview> {
    return (await this.toReviews([row]))[0];
  }

  private fromRow(row: ReviewRow, decisions: ReviewDecision[]): StoredReview {
    return {
      id: row.id,
      kind: row.kind as ReviewKind,
      entityRef: row.entity_ref,
      modelRef: row.model_ref,
      targetStage: row.target_stage,
      policy: row.policy,
      state: row.state as ReviewState,
      requestedBy: row.requested_by,
      requestedAt: row.requested_at,
      ...(row.comment !== null && { comment: row.comment }),
      checkpoints: JSON.parse(row.checkpoints),
      decisions,
      ...(row.write_back !== null && { writeBack: JSON.parse(row.write_back) }),
      ...(row.replaces_ref !== null && { replacesRef: row.replaces_ref }),
      updatedAt: row.updated_at,
      ...(row.completed_at !== null && { completedAt: row.completed_at }),
      ...(row.arn !== null && { arn: row.arn }),
      ...(row.entity_etag !== null && { entityEtag: row.entity_etag }),
    };
  }

  private toDecision(row: DecisionRow): ReviewDecision {
    return {
      id: row.id,
      actor: row.actor,
      decision: row.decision as ReviewDecision['decision'],
      comment: row.comment,
      at: row.at,
    };
  }
}
