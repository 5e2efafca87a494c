import type { Entity } from '@backstage/catalog-model';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { readVersionReports } from './readVersionReports';

const analysis = readFileSync(
  resolve(__dirname, '__fixtures__', 'clarify_analysis.json'),
  'utf8',
);
const version: Entity = {
  apiVersion: 'ml-foundation.dev/v1alpha1',
  kind: 'ModelVersion',
  metadata: { name: 'churn-3', namespace: 'default' },
  spec: {},
};
const modelMetrics = {
  ModelMetrics: {
    Explainability: {
      Report: { S3Uri: 's3://reports/churn-3/explainability/analysis.json' },
    },
    Bias: { Report: { S3Uri: 's3://reports/churn-3/bias/analysis.json' } },
  },
};

describe('readVersionReports', () => {
  it('reads SHAP importances and bias metrics, with pass/fail against the bounds', async () => {
    const reports = await readVersionReports(
      version,
      {
        describeModelPackage: async () => modelMetrics,
        readText: async () => analysis,
      },
      [{ metric: 'DI', min: 0.8, max: 1.25 }],
    );
    expect(reports.explainability).toMatchObject({
      state: 'present',
      importances: expect.arrayContaining([
        { feature: 'tenure_months', importance: 0.3121 },
      ]),
    });
    expect(reports.bias.state).toBe('present');
    expect(reports.bias.metrics.find(m => m.name === 'DI')).toMatchObject({
      value: 0.74,
      min: 0.8,
      max: 1.25,
      passed: false,
    });
    expect(
      reports.bias.metrics.find(m => m.name === 'CI')?.passed,
    ).toBeUndefined();
  });

  it('gives a report that cannot be read the state unknown with the reason', async () => {
    const reports = await readVersionReports(version, {
      describeModelPackage: async () => modelMetrics,
      readText: async (_, uri) => {
        if (uri.includes('bias')) {
          throw Object.assign(new Error('The specified key does not exist.'), {
            name: 'NoSuchKey',
          });
        }
        return '{"explanations": ';
      },
    });
    expect(reports.bias).toEqual({
      state: 'unknown',
      uri: 's3://reports/churn-3/bias/analysis.json',
      reason:
        'Could not read s3://reports/churn-3/bias/analysis.json: NoSuchKey: The specified key does not exist.',
      metrics: [],
    });
    expect(reports.explainability).toMatchObject({
      state: 'unknown',
      reason: expect.stringContaining('analysis.json is not JSON'),
    });
  });

  it('says which reports the package has none of, and when it cannot be read', async () => {
    const absent = await readVersionReports(version, {
      describeModelPackage: async () => ({ ModelMetrics: {} }),
      readText: jest.fn(),
    });
    expect(absent.explainability.state).toBe('absent');
    expect(absent.bias.state).toBe('absent');
    const unreadable = await readVersionReports(version, {
      describeModelPackage: async () => undefined,
      readText: jest.fn(),
    });
    expect(unreadable.bias).toMatchObject({
      state: 'unknown',
      reason: 'Could not read the model package from SageMaker',
    });
  });
});
