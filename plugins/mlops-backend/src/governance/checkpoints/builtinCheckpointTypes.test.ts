import type { Entity } from '@backstage/catalog-model';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
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
    readS3Text: async () => {
      throw new Error('no S3 object in this test');
    },
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

  describe('report-present', () => {
    // A real-format Clarify analysis.json (SHAP values and bias metrics).
    const analysis = readFileSync(
      resolve(__dirname, '../../health/__fixtures__/clarify_analysis.json'),
      'utf8',
    );
    const getModelPackage = async () => ({
      ModelMetrics: {
        Bias: { PostTrainingReport: { S3Uri: 's3://r/bias.json' } },
        Explainability: { Report: { S3Uri: 's3://r/shap.json' } },
        ModelQuality: { Statistics: { S3Uri: 's3://r/quality.json' } },
      },
    });
    const reading = (files: Record<string, string>) => async (uri: string) => {
      if (!(uri in files)) {
        throw Object.assign(new Error('The key does not exist.'), {
          name: 'NoSuchKey',
        });
      }
      return files[uri];
    };
    const check = (report: string, files: Record<string, string>) =>
      run(
        reportPresentCheckpoint,
        { report },
        { getModelPackage, readS3Text: reading(files) },
      );

    it('passes a Clarify report that parses, saying what it holds', async () => {
      await expect(
        check('bias', { 's3://r/bias.json': analysis }),
      ).resolves.toEqual({
        state: 'passed',
        message: 'bias report at s3://r/bias.json: 5 bias metrics',
        evidence: { report: 'bias', uri: 's3://r/bias.json' },
      });
      await expect(
        check('explainability', { 's3://r/shap.json': analysis }),
      ).resolves.toMatchObject({
        state: 'passed',
        message:
          'explainability report at s3://r/shap.json: SHAP values for 5 features',
      });
    });

    it('fails a report that is named but missing, malformed or empty', async () => {
      await expect(check('bias', {})).resolves.toEqual({
        state: 'failed',
        message:
          'Could not read s3://r/bias.json: NoSuchKey: The key does not exist.',
        evidence: { report: 'bias', uri: 's3://r/bias.json' },
      });
      await expect(
        check('bias', { 's3://r/bias.json': '{"version": "1.0", "pre_tr' }),
      ).resolves.toMatchObject({
        state: 'failed',
        message: expect.stringMatching(/^Could not read s3:\/\/r\/bias.json: /),
      });
      await expect(
        check('explainability', {
          's3://r/shap.json': JSON.stringify({ version: '1.0' }),
        }),
      ).resolves.toMatchObject({
        state: 'failed',
        message: 'The report at s3://r/shap.json has no SHAP values',
      });
      await expect(
        check('quality', { 's3://r/quality.json': '{"version": 0.0}' }),
      ).resolves.toMatchObject({
        state: 'failed',
        message: 'The report at s3://r/quality.json has no *_metrics section',
      });
    });

    it('passes Model Monitor quality statistics with their metrics', async () => {
      await expect(
        check('quality', {
          's3://r/quality.json': JSON.stringify({
            version: 0.0,
            binary_classification_metrics: { auc: { value: 0.91 } },
          }),
        }),
      ).resolves.toMatchObject({ state: 'passed' });
    });

    it('fails when the package names no such report or cannot be read', async () => {
      await expect(check('data-quality', {})).resolves.toEqual({
        state: 'failed',
        message: 'The model package has no data-quality report',
        evidence: { report: 'data-quality', uri: null },
      });
      await expect(
        run(reportPresentCheckpoint, { report: 'bias' }),
      ).resolves.toMatchObject({
        state: 'failed',
        message: 'Could not read the model package to find the bias report',
      });
    });
  });

  it('model-card-status reads the model package', async () => {
    await expect(
      run(
        modelCardStatusCheckpoint,
        { status: 'Approved' },
        {
          getModelPackage: async () => ({
            ModelCard: { ModelCardStatus: 'Draft' },
          }),
        },
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
