import type { Entity } from '@backstage/catalog-model';
import type {
  CheckpointEvaluationContext,
  MlopsCheckpointType,
} from '@ml-foundation/plugin-mlops-node';
import { approvalCheckpoint } from './approvalCheckpoint';
import { lineageCompleteCheckpoint } from './lineageCompleteCheckpoint';
import { metricRegressionCheckpoint } from './metricRegressionCheckpoint';
import { metricThresholdCheckpoint } from './metricThresholdCheckpoint';
import { modelCardStatusCheckpoint } from './modelCardStatusCheckpoint';
import { reportPresentCheckpoint } from './reportPresentCheckpoint';

const version = (auc?: number, spec: object = {}): Entity => ({
  apiVersion: 'ml-foundation.dev/v1alpha1',
  kind: 'ModelVersion',
  metadata: { name: 'm-v2' },
  spec: {
    metrics:
      auc === undefined
        ? []
        : [
            { name: 'auc', split: 'test', value: 0.5 },
            { name: 'auc', split: 'validation', value: auc },
          ],
    ...spec,
  },
});

function run(
  type: MlopsCheckpointType,
  settings: object,
  context: Partial<CheckpointEvaluationContext> = {},
) {
  return type.evaluate({
    definition: { id: 'c', type: type.type, ...settings },
    version: version(0.85),
    targetStage: 'production',
    requestedBy: 'user:default/req',
    decisions: [],
    getEntity: async () => undefined,
    getVersionInTargetStage: async () => undefined,
    isGroupMember: async () => false,
    getModelPackage: async () => undefined,
    ...context,
  });
}

describe('built-in checkpoint types', () => {
  it('metric-threshold reads the split the metric names', async () => {
    await expect(
      run(metricThresholdCheckpoint, { metric: 'validation:auc', min: 0.8 }),
    ).resolves.toMatchObject({
      state: 'passed',
      message: 'validation:auc 0.85 is >= 0.8',
      evidence: { value: 0.85, min: 0.8 },
    });
    await expect(
      run(metricThresholdCheckpoint, { metric: 'validation:auc', min: 0.9 }),
    ).resolves.toMatchObject({ state: 'failed' });
    await expect(
      run(
        metricThresholdCheckpoint,
        { metric: 'validation:auc', min: 0.8 },
        { version: version() },
      ),
    ).resolves.toMatchObject({ state: 'failed', evidence: { value: null } });
  });

  it('metric-regression compares with the version in the target stage', async () => {
    const baseline = { ...version(0.87), metadata: { name: 'm-v1' } };
    await expect(
      run(
        metricRegressionCheckpoint,
        { metric: 'validation:auc', maxDrop: 0.01 },
        { getVersionInTargetStage: async () => baseline },
      ),
    ).resolves.toMatchObject({
      state: 'failed',
      evidence: {
        baselineRef: 'modelversion:default/m-v1',
        baselineValue: 0.87,
        drop: 0.02,
      },
    });
    await expect(
      run(
        metricRegressionCheckpoint,
        { metric: 'validation:auc', maxDrop: 0.05 },
        {
          getVersionInTargetStage: async () => baseline,
        },
      ),
    ).resolves.toMatchObject({ state: 'passed' });
    await expect(
      run(metricRegressionCheckpoint, { metric: 'validation:auc', maxDrop: 0 }),
    ).resolves.toMatchObject({
      state: 'passed',
      evidence: { baselineRef: null },
    });
  });

  it('report-present and model-card-status read the model package', async () => {
    const getModelPackage = async () => ({
      ModelMetrics: {
        Bias: { PostTrainingReport: { S3Uri: 's3://r/bias.json' } },
      },
      ModelCard: { ModelCardStatus: 'Draft' },
    });
    await expect(
      run(reportPresentCheckpoint, { report: 'bias' }, { getModelPackage }),
    ).resolves.toMatchObject({
      state: 'passed',
      evidence: { uri: 's3://r/bias.json' },
    });
    await expect(
      run(
        reportPresentCheckpoint,
        { report: 'explainability' },
        { getModelPackage },
      ),
    ).resolves.toMatchObject({ state: 'failed', evidence: { uri: null } });
    await expect(
      run(reportPresentCheckpoint, { report: 'bias' }),
    ).resolves.toMatchObject({
      state: 'failed',
      message: expect.stringContaining('Could not read'),
    });
    await expect(
      run(
        modelCardStatusCheckpoint,
        { status: 'Approved' },
        { getModelPackage },
      ),
    ).resolves.toMatchObject({
      state: 'failed',
      message: 'Model card is Draft, Approved is required',
    });
  });

  it('lineage-complete needs known, present and current training data', async () => {
    const entities: Record<string, Entity> = {
      'dataset:default/a': {
        apiVersion: 'v',
        kind: 'Dataset',
        metadata: { name: 'a' },
        spec: { lifecycle: 'production' },
      },
      'dataset:default/old': {
        apiVersion: 'v',
        kind: 'Dataset',
        metadata: { name: 'old' },
        spec: { lifecycle: 'deprecated' },
      },
    };
    const getEntity = async (ref: string) => entities[ref];
    await expect(
      run(
        lineageCompleteCheckpoint,
        {},
        {
          version: version(0.8, { trainedOn: ['dataset:default/a'] }),
          getEntity,
        },
      ),
    ).resolves.toMatchObject({ state: 'passed' });
    await expect(
      run(
        lineageCompleteCheckpoint,
        {},
        {
          version: version(0.8, {
            trainedOn: [
              'dataset:default/a',
              'dataset:default/old',
              'dataset:default/gone',
            ],
          }),
          getEntity,
        },
      ),
    ).resolves.toMatchObject({
      state: 'failed',
      evidence: {
        missing: ['dataset:default/gone'],
        deprecated: ['dataset:default/old'],
      },
    });
    await expect(run(lineageCompleteCheckpoint, {})).resolves.toMatchObject({
      state: 'failed',
    });
  });

  it('approval counts distinct group members other than the requester', async () => {
    const decision = (actor: string, d: 'approve' | 'reject' = 'approve') => ({
      id: actor,
      actor: `user:default/${actor}`,
      decision: d,
      comment: '',
      at: '',
    });
    const members = new Set([
      'user:default/a',
      'user:default/b',
      'user:default/req',
    ]);
    const result = await run(
      approvalCheckpoint,
      { groups: ['group:default/model-risk'], minApprovals: 2 },
      {
        decisions: [
          decision('req'),
          decision('a'),
          decision('outsider'),
          decision('a'),
        ],
        isGroupMember: async user => members.has(user),
      },
    );
    expect(result).toMatchObject({
      state: 'pending',
      evidence: { approvedBy: ['user:default/a'] },
      message: '1 of 2 approvals from group:default/model-risk',
    });
  });
});
