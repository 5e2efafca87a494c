import type { Entity } from '@backstage/catalog-model';
import type { LatestQuality } from '../../data/DataService';
import { createDataQualityCheckpoint } from './dataQualityCheckpoint';

const version = (trainedOn: string[]): Entity => ({
  apiVersion: 'ml-foundation.dev/v1alpha1',
  kind: 'ModelVersion',
  metadata: { name: 'fraud-4' },
  spec: { trainedOn },
});
const run = (score: number) => ({
  resultId: `dqresult-${score}`,
  ruleset: 'rules',
  score,
  startedAt: '2025-03-10T05:00:00.000Z',
  rules: [],
});
const qualities: Record<string, LatestQuality> = {
  'dataset:default/transactions': { state: 'ok', latest: run(1) },
  'dataset:default/labels': { state: 'ok', latest: run(0.9) },
  'dataset:default/crm': { state: 'ok', latest: run(0.4286) },
  'dataset:default/unprofiled': {
    state: 'none',
    reason: 'Glue Data Quality has no result for this table',
  },
  'dataset:default/unreadable': {
    state: 'unknown',
    reason: 'Could not list the data quality results: AccessDeniedException',
    latest: run(1),
  },
};

function evaluate(trainedOn: string[], minScore: unknown = 0.8) {
  const checkpoint = createDataQualityCheckpoint(async ref => qualities[ref]);
  return checkpoint.evaluate({
    definition: { id: 'data', type: 'data-quality', minScore } as any,
    version: version(trainedOn),
    targetStage: 'production',
    requestedBy: 'user:default/alice',
    decisions: [],
    getEntity: async () => undefined,
    getVersionInTargetStage: async () => undefined,
    isGroupMember: async () => false,
    getModelPackage: async () => undefined,
    readS3Text: async () => '',
  });
}

describe('data-quality checkpoint', () => {
  it('passes when every trained-on Dataset scores at least minScore, FeatureGroups aside', async () => {
    await expect(
      evaluate([
        'dataset:default/transactions',
        'dataset:default/labels',
        'featuregroup:default/card-features',
      ]),
    ).resolves.toMatchObject({
      state: 'passed',
      message:
        'dataset:default/transactions 1, dataset:default/labels 0.9 >= 0.8',
      evidence: {
        minScore: 0.8,
        datasets: [
          { entityRef: 'dataset:default/transactions', score: 1, passed: true },
          { entityRef: 'dataset:default/labels', score: 0.9, passed: true },
        ],
      },
    });
  });

  it('lists the datasets below the score, without results, unreadable or missing', async () => {
    const result = await evaluate([
      'dataset:default/transactions',
      'dataset:default/crm',
      'dataset:default/unprofiled',
      'dataset:default/unreadable',
      'dataset:default/gone',
    ]);
    expect(result.state).toBe('failed');
    expect(result.message).toBe(
      [
        'dataset:default/crm: score 0.4286 < 0.8',
        'dataset:default/unprofiled: no data quality result',
        'dataset:default/unreadable: quality unknown (Could not list the data quality results: AccessDeniedException)',
        'dataset:default/gone: not in the catalog',
      ].join('; '),
    );
    expect(result.evidence.datasets).toContainEqual(
      expect.objectContaining({
        entityRef: 'dataset:default/crm',
        score: 0.4286,
        passed: false,
      }),
    );
  });

  it('fails a version trained on no Dataset', async () => {
    await expect(
      evaluate(['featuregroup:default/card-features']),
    ).resolves.toMatchObject({
      state: 'failed',
      message: 'The version names no Dataset it was trained on',
    });
  });

  it('refuses a minScore outside 0..1', () => {
    const checkpoint = createDataQualityCheckpoint(async () => undefined);
    expect(() =>
      checkpoint.validate!({
        id: 'data',
        type: 'data-quality',
        minScore: 80,
      } as any),
    ).toThrow('.minScore: Number must be less than or equal to 1');
    expect(() =>
      checkpoint.validate!({ id: 'data', type: 'data-quality' } as any),
    ).toThrow('.minScore: Required');
  });
});
