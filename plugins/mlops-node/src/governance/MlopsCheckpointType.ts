import type { Entity } from '@backstage/catalog-model';
import type { JsonObject } from '@backstage/types';
import type {
  CheckpointDefinition,
  ReviewDecision,
} from '@ml-foundation/plugin-mlops-common';

/** The outcome of evaluating one checkpoint: a state, a line, the evidence. */
export interface CheckpointEvaluation {
  /** `pending` waits for more input (e.g. approvals); `failed` blocks. */
  state: 'passed' | 'failed' | 'pending';
  /** One line a reviewer reads, e.g. `validation:auc 0.86 >= 0.80`. */
  message: string;
  /** What the evaluation used, stored with the result so a reviewer sees why. */
  evidence: JsonObject;
}

/** What a checkpoint can read while it evaluates a review's version. */
export interface CheckpointEvaluationContext {
  /** The checkpoint as configured, with its settings. */
  definition: CheckpointDefinition;
  /** The ModelVersion under review. */
  version: Entity;
  /** Its Model, when the catalog has it. */
  model?: Entity;
  /** The lower-case stage the review promotes to, e.g. `production`. */
  targetStage: string;
  /** The User entity ref that requested the review. */
  requestedBy: string;
  /** The human decisions taken on the review so far, oldest first. */
  decisions: ReviewDecision[];
  /** An entity of the catalog, read with the plugin's own credentials. */
  getEntity(entityRef: string): Promise<Entity | undefined>;
  /** The version of the same Model now in the target stage, if another one is. */
  getVersionInTargetStage(): Promise<Entity | undefined>;
  /** Whether a User is a member of a Group, through the catalog. */
  isGroupMember(userRef: string, groupRef: string): Promise<boolean>;
  /**
   * The SageMaker DescribeModelPackage answer for the version (reports,
   * model card), read once per evaluation; undefined when it cannot be read.
   */
  getModelPackage(): Promise<JsonObject | undefined>;
  /**
   * The text of an S3 object, e.g. a report the model package names, read
   * with the provider that synced the version.
   * @throws with S3's reason (e.g. `NoSuchKey`) when it cannot be read.
   */
  readS3Text(uri: string): Promise<string>;
}

/**
 * A kind of checkpoint a governance policy can name in `type`, e.g.
 * `metric-threshold`. Adopters add their own through
 * `mlopsCheckpointTypesExtensionPoint`.
 */
export interface MlopsCheckpointType {
  /** The `type` value in config, e.g. `security-scan`. */
  type: string;
  /**
   * Checks a configured checkpoint's settings when the backend starts.
   * Throws an Error whose message names the bad setting.
   */
  validate?(definition: CheckpointDefinition): void;
  evaluate(context: CheckpointEvaluationContext): Promise<CheckpointEvaluation>;
}
