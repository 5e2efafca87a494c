import type { PermissionsService } from '@backstage/backend-plugin-api';
import { mockServices } from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import { ConfigReader } from '@backstage/config';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import {
  AwsSimulator,
  generateDemoEstate,
  startAwsSimulator,
} from '@ml-foundation/aws-simulator';
import {
  ML_ANNOTATION_AWS_ARN,
  ML_ANNOTATION_AWS_PROVIDER,
} from '@ml-foundation/plugin-mlops-common';
import type { Knex } from 'knex';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { AuditTrail } from '../../audit';
import { applyMlopsMigrations } from '../../database/applyMlopsMigrations';
import { readGovernanceConfig } from '../config/readGovernanceConfig';
import { createCheckpointTypeRegistry } from '../createCheckpointTypeRegistry';
import { createGovernanceService } from '../service/createGovernanceService';
import { SagemakerModelRegistry } from '../writeBack/SagemakerModelRegistry';

const ACCOUNT = '123456789012';
const ARN_PREFIX = `arn:aws:sagemaker:eu-west-1:${ACCOUNT}:model-package`;

/** The policy of the issue, for fraud-detector's promotion to production. */
export const ISSUE_POLICY = {
  policies: {
    default: {
      transitions: {
        production: {
          checkpoints: [
            {
              id: 'quality',
              type: 'metric-threshold',
              metric: 'validation:auc',
              min: 0.8,
            },
            {
              id: 'no-regression',
              type: 'metric-regression',
              metric: 'validation:auc',
              maxDrop: 0.01,
            },
            { id: 'bias-report', type: 'report-present', report: 'bias' },
            {
              id: 'explainability',
              type: 'report-present',
              report: 'explainability',
            },
            { id: 'model-card', type: 'model-card-status', status: 'Approved' },
            { id: 'lineage', type: 'lineage-complete' },
            {
              id: 'risk-signoff',
              type: 'approval',
              groups: ['group:default/model-risk'],
              minApprovals: 2,
            },
          ],
        },
        staging: {
          checkpoints: [
            {
              id: 'quality',
              type: 'metric-threshold',
              metric: 'validation:auc',
              min: 0.7,
            },
          ],
        },
      },
    },
  },
};

export const MODEL_RISK = ['grace.adeyemi', 'oliver.brennan', 'noor.haddad'];

function user(name: string, groups: string[]): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'User',
    metadata: { name, namespace: 'default' },
    spec: { memberOf: groups },
    relations: groups.map(g => ({
      type: 'memberOf',
      targetRef: `group:default/${g}`,
    })),
  };
}

function version(
  n: number,
  stage: string,
  approvalStatus: string,
  auc: number,
  createdBy: string,
): Entity {
  return {
    apiVersion: 'ml-foundation.dev/v1alpha1',
    kind: 'ModelVersion',
    metadata: {
      name: `fraud-detector-v${n}`,
      namespace: 'default',
      etag: `etag-${n}`,
      annotations: {
        [ML_ANNOTATION_AWS_ARN]: `${ARN_PREFIX}/fraud-detector/${n}`,
        [ML_ANNOTATION_AWS_PROVIDER]: 'aws-sagemaker:demo',
      },
    },
    spec: {
      model: 'model:default/fraud-detector',
      version: n,
      owner: 'group:default/fraud-ml',
      lifecycle: 'production',
      approvalStatus,
      stage,
      metrics: [{ name: 'auc', split: 'validation', value: auc }],
      trainedOn: ['dataset:default/transactions'],
      createdBy,
    },
  };
}

/** The catalog of the tests: fraud-detector v3 in production, v4 to review. */
export function fixtureEntities(): Entity[] {
  return [
    {
      apiVersion: 'ml-foundation.dev/v1alpha1',
      kind: 'Model',
      metadata: { name: 'fraud-detector', namespace: 'default' },
      spec: { owner: 'group:default/fraud-ml', lifecycle: 'production' },
    },
    version(3, 'Production', 'Approved', 0.956, 'lukas.weber'),
    version(4, 'Staging', 'PendingManualApproval', 0.963, 'rahul.mehta'),
    {
      apiVersion: 'ml-foundation.dev/v1alpha1',
      kind: 'Dataset',
      metadata: { name: 'transactions', namespace: 'default' },
      spec: {
        type: 'glue-table',
        owner: 'group:default/data-engineering',
        lifecycle: 'production',
      },
    },
    user('lukas.weber', ['fraud-ml']),
    user('rahul.mehta', ['fraud-ml']),
    user('hannah.cho', ['fraud-ml']),
    ...MODEL_RISK.map(name => user(name, ['model-risk'])),
  ];
}

// A real-format Clarify analysis.json, with SHAP values and bias metrics.
const CLARIFY_ANALYSIS = readFileSync(
  resolve(__dirname, '../../health/__fixtures__/clarify_analysis.json'),
  'utf8',
);

/**
 * Gives fraud-detector v4 in the simulator the Clarify reports (in S3) and
 * the model card that the policy asks for.
 */
export function completeModelPackage(sim: AwsSimulator, n = 4) {
  sim.estate.s3['s3://reports/fraud/bias.json'] = CLARIFY_ANALYSIS;
  sim.estate.s3['s3://reports/fraud/shap.json'] = CLARIFY_ANALYSIS;
  const pkg = sim.estate.regions['eu-west-1'].sagemaker.modelPackages.find(
    p => p.ModelPackageArn === `${ARN_PREFIX}/fraud-detector/${n}`,
  )!;
  pkg.ModelMetrics = {
    ...(pkg.ModelMetrics as object),
    Bias: {
      Report: {
        ContentType: 'application/json',
        S3Uri: 's3://reports/fraud/bias.json',
      },
    },
    Explainability: {
      Report: {
        ContentType: 'application/json',
        S3Uri: 's3://reports/fraud/shap.json',
      },
    },
  };
  pkg.ModelCard = { ModelCardStatus: 'Approved', ModelCardContent: '{}' };
  return pkg;
}

/**
 * Takes from fraud-detector v4 in the simulator the Clarify reports and the
 * model card that the demo gives it, so that those checkpoints fail.
 */
export function stripModelPackageEvidence(sim: AwsSimulator, n = 4) {
  const pkg = sim.estate.regions['eu-west-1'].sagemaker.modelPackages.find(
    p => p.ModelPackageArn === `${ARN_PREFIX}/fraud-detector/${n}`,
  )!;
  const metrics = { ...(pkg.ModelMetrics as object) } as Record<
    string,
    unknown
  >;
  delete metrics.Bias;
  delete metrics.Explainability;
  pkg.ModelMetrics = metrics;
  delete pkg.ModelCard;
  return pkg;
}

/** A simulator with the demo estate. */
export function startFixtureSimulator(): Promise<AwsSimulator> {
  return startAwsSimulator({ estate: generateDemoEstate() });
}

/**
 * One governance service (one backend instance) on the database, reading the
 * fixture catalog and writing to the simulator.
 */
export async function createFixtureService(options: {
  knex: Knex;
  sim: AwsSimulator;
  entities?: Entity[];
  governance?: object;
  permissions?: PermissionsService;
}) {
  await applyMlopsMigrations(options.knex);
  const config = new ConfigReader({
    mlops: { governance: options.governance ?? ISSUE_POLICY },
    catalog: {
      providers: {
        awsSagemaker: {
          demo: {
            accountId: ACCOUNT,
            region: 'eu-west-1',
            endpoint: options.sim.endpoint,
          },
        },
      },
    },
  });
  const { types } = createCheckpointTypeRegistry();
  const logger = mockServices.logger.mock();
  const audit = AuditTrail.create({ knex: options.knex, logger });
  const notifications = { send: jest.fn(async () => {}) };
  const auditor = mockServices.auditor.mock();
  const service = createGovernanceService({
    knex: options.knex,
    config: readGovernanceConfig(config, types),
    checkpointTypes: types,
    catalog: catalogServiceMock({
      entities: options.entities ?? fixtureEntities(),
    }),
    auth: mockServices.auth(),
    registry: SagemakerModelRegistry.fromConfig(config),
    permissions: options.permissions ?? mockServices.permissions(),
    audit,
    auditor,
    notifications,
    logger,
  });
  return { service, audit, notifications, auditor };
}
