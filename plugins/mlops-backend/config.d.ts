import { SchedulerServiceTaskScheduleDefinitionConfig } from '@backstage/backend-plugin-api';

export interface Config {
  mlops?: {
    /**
     * Promotion governance of ModelVersions: which checks a version must pass
     * (and who must approve it) before it moves to a stage. Validated when the
     * backend starts; an error names the bad key.
     */
    governance?: {
      /**
       * Named policies. A Model follows `modelPolicies[<its ref>]`, else the
       * policy named by its `ml-foundation.dev/governance-policy`
       * annotation, else `defaultPolicy`.
       */
      policies?: {
        [policyName: string]: {
          /**
           * Promotions by lower-case target stage (e.g. `production`,
           * `staging`): the checkpoints a version must pass to enter it.
           */
          transitions?: {
            [stage: string]: {
              /**
               * Checkpoints, each `{ id, type, ...settings }`. Built-in types:
               * `metric-threshold` (`metric`, e.g. `validation:auc`; `min`
               * and/or `max`), `metric-regression` (`metric`, `maxDrop`,
               * against the version now in the stage), `report-present`
               * (`report`: bias, explainability, quality, data-quality: the
               * SageMaker model package names it and its S3 file parses),
               * `bias-threshold` (`metric`, e.g. `DI`; optional `facet`;
               * `min` and/or `max`), `model-card-status`
               * (`status`: Draft, PendingReview, Approved, Archived),
               * `lineage-complete` (training data known, in the catalog, not
               * deprecated), `approval` (`groups`: group refs; `minApprovals`,
               * default 1), `data-quality` (`minScore`, 0..1: every Dataset
               * trained on has a latest Glue Data Quality score at least
               * that). Modules add types through
               * `mlopsCheckpointTypesExtensionPoint`.
               */
              checkpoints: Array<{
                /** Lower-case letters, digits and dashes; unique in the transition. */
                id: string;
                type: string;
                [setting: string]: unknown;
              }>;
              /** Stage written to SageMaker. Default: the key capitalised (`Production`). */
              stageName?: string;
              /** Stage the replaced version is moved to. Default: `Archived`. */
              demoteTo?: string;
            };
          };
          /**
           * Rollbacks by stage (return the stage to a version approved
           * before), with checkpoints as in `transitions`.
           */
          rollbacks?: {
            [stage: string]: {
              checkpoints: Array<{
                id: string;
                type: string;
                [setting: string]: unknown;
              }>;
              stageName?: string;
              demoteTo?: string;
            };
          };
        };
      };
      /** Model entity ref -> policy name, e.g. `'model:default/credit-risk': strict`. */
      modelPolicies?: { [modelRef: string]: string };
      /** Policy of the other models. Default: `default`. */
      defaultPolicy?: string;
      /**
       * Minutes between re-evaluations of open reviews whose ModelVersion
       * changed in the catalog (one instance runs it). Default: 5.
       */
      reevaluationMinutes?: number;
      /**
       * Read by the portal's permission policy (packages/backend): the groups
       * whose members may waive checkpoints (`mlops.governance.waive`).
       * Default: none, so nobody may waive.
       */
      waiverGroups?: string[];
      /**
       * Read by the portal's permission policy: the groups whose members may
       * approve or reject reviews (`mlops.review.approve`); each approval
       * checkpoint still counts only members of its own groups. Default:
       * every group named by an approval checkpoint.
       */
      approverGroups?: string[];
      /**
       * Read by the portal's permission policy: groups whose members may read
       * the audit trail of every entity (`mlops.audit.read`); others read
       * that of the entities they own. Approvers and waivers may read all.
       */
      auditorGroups?: string[];
    };
    /** The hash-chained audit trail. */
    audit?: {
      /**
       * When one backend instance verifies the whole chain and records the
       * result (served at GET /api/mlops/audit/verify?cached=true). Default:
       * every hour, first a minute after start, timeout 30 minutes.
       */
      verificationSchedule?: SchedulerServiceTaskScheduleDefinitionConfig;
    };
    /** Model health from SageMaker Model Monitor. */
    health?: {
      /**
       * When one backend instance reads every ModelDeployment's monitoring
       * executions and follows retraining runs. Default: every 15 minutes,
       * first 30 seconds after start, timeout 10 minutes.
       */
      schedule?: SchedulerServiceTaskScheduleDefinitionConfig;
      /**
       * Days of health check history kept per ModelDeployment (the history
       * chart and the state changes); older checks are deleted as new ones
       * are recorded. Default: 90.
       */
      historyDays?: number;
    };
    /** Dataset profiles (Glue column statistics) and data quality (Glue Data Quality results). */
    data?: {
      /**
       * When one backend instance reads every Glue table Dataset's column
       * statistics and data quality results. Default: every hour, first 45
       * seconds after start, timeout 15 minutes.
       */
      schedule?: SchedulerServiceTaskScheduleDefinitionConfig;
      /** Data quality results kept per Dataset, the latest ones. Default: 30. */
      qualityHistory?: number;
    };
    /** Governed access requests to Datasets and FeatureGroups. */
    access?: {
      /**
       * The Group (entity ref, e.g. `group:default/privacy-office`) whose
       * member must approve, after the owners, every request for a Dataset
       * classified `pii`. Default: none, so PII data cannot be requested.
       */
      privacyGroup?: string;
      /** The longest access a request may ask for, in days. Default: 90. */
      maxDurationDays?: number;
    };
    /** Training runs of a Model and their comparison (docs/data-foundation.md). */
    experiments?: {
      /**
       * The newest trial components read of each SageMaker experiment of a
       * Model, per request (1 to 1000). Default: 100.
       */
      maxRuns?: number;
    };
  };
}
