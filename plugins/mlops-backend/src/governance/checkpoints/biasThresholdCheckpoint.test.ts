import type { Entity } from '@backstage/catalog-model';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { biasThresholdCheckpoint } from './biasThresholdCheckpoint';

const analysis = readFileSync(
  resolve(__dirname, '../../health/__fixtures__/clarify_analysis.json'),
  'utf8',
);
const version: Entity = {
  apiVersion: 'ml-foundation.dev/v1alpha1',
  kind: 'ModelVersion',
  metadata: { name: 'churn-3' },
  spec: {},
};
const withBias = {
  ModelMetrics: {
    Bias: { Report: { S3Uri: 's3://reports/churn-3/analysis.json' } },
  },
};

function evaluate(
  definition: Record<string, unknown>,
  modelPackage: object | undefined,
) {
  return biasThresholdCheckpoint.evaluate({
    definition: { id: 'fair', type: 'bias-threshold', ...definition },
    version,
    targetStage: 'production',
    requestedBy: 'user:default/alice',
    decisions: [],
    getEntity: async () => undefined,
    getVersionInTargetStage: async () => undefined,
    isGroupMember: async () => false,
    getModelPackage: async () => modelPackage as any,
    readS3Text: async () => analysis,
  });
}

describe('bias-threshold checkpoint', () => {
  it('fails a disparate impact below the four-fifths bound', async () => {
    await expect(
      evaluate({ metric: 'DI', min: 0.8, max: 1.25 }, withBias),
    ).resolves.toMatchObject({
      state: 'failed',
      message: 'DI 0.74 for gender=female out of bounds',
    });
  });

  it('passes a metric within its bounds, for the named facet', async () => {
    await expect(
      evaluate({ metric: 'CI', facet: 'gender', max: 0.1 }, withBias),
    ).resolves.toMatchObject({
      state: 'passed',
      message: 'CI 0.042 for gender=female within bounds',
    });
  });

  it('fails when the report lacks the metric or the package has no report', async () => {
    await expect(
      evaluate({ metric: 'KL', max: 0.1 }, withBias),
    ).resolves.toMatchObject({
      state: 'failed',
      message: 'The bias report has no KL',
    });
    await expect(
      evaluate({ metric: 'DI', min: 0.8 }, { ModelMetrics: {} }),
    ).resolves.toMatchObject({
      state: 'failed',
      message: 'The model package has no bias report',
    });
  });

  it('refuses settings without bounds', () => {
    expect(() =>
      biasThresholdCheckpoint.validate!({
        id: 'fair',
        type: 'bias-threshold',
        metric: 'DI',
      }),
    ).toThrow('.min: needs min or max');
  });
});
