import type { Entity } from '@backstage/catalog-model';
import { ConfigReader } from '@backstage/config';
import {
  AwsSimulator,
  generateDemoEstate,
  startAwsSimulator,
} from '@ml-foundation/aws-simulator';
import { ML_ANNOTATION_AWS_PROVIDER } from '@ml-foundation/plugin-mlops-common';
import { SagemakerModelRegistry } from '../governance/writeBack/SagemakerModelRegistry';
import { deriveDeploymentState } from './deriveDeploymentState';
import { readVersionReports } from './readVersionReports';
import { SagemakerHealthAws } from './SagemakerHealthAws';

const ACCOUNT = '123456789012';
const annotations = { [ML_ANNOTATION_AWS_PROVIDER]: 'aws-sagemaker:demo' };

const deployment = (endpoint: string, types: string[]): Entity => ({
  apiVersion: 'ml-foundation.dev/v1alpha1',
  kind: 'ModelDeployment',
  metadata: { name: endpoint, annotations },
  spec: {
    monitoringSchedules: types.map(t => ({
      name: `${endpoint}-${t}`,
      type: t,
    })),
  },
});

describe('SagemakerHealthAws against the simulated demo estate', () => {
  let sim: AwsSimulator;
  let aws: SagemakerHealthAws;
  let config: ConfigReader;

  beforeAll(async () => {
    sim = await startAwsSimulator({ estate: generateDemoEstate() });
    config = new ConfigReader({
      catalog: {
        providers: {
          awsSagemaker: {
            demo: {
              accountId: ACCOUNT,
              region: 'eu-west-1',
              endpoint: sim.endpoint,
            },
          },
        },
      },
    });
    aws = SagemakerHealthAws.fromConfig(config);
  });
  afterAll(() => sim.close());

  it('finds the churn endpoint drifting, with the violations of its report', async () => {
    const executions = await aws.latestExecutions(
      deployment('churn-classifier-endpoint', [
        'data-quality',
        'model-quality',
      ]),
    );
    expect(executions.map(e => [e.monitoringType, e.status])).toEqual([
      ['DataQuality', 'CompletedWithViolations'],
      ['ModelQuality', 'Completed'],
    ]);
    expect(executions[0].violations.map(v => v.featureName)).toEqual([
      'tenure_months',
      'monthly_charges_gbp',
      'contract_type',
    ]);
    expect(deriveDeploymentState('InService', executions).state).toBe(
      'drifting',
    );
    const fraud = await aws.latestExecutions(
      deployment('fraud-detector-endpoint', ['data-quality', 'model-bias']),
    );
    expect(deriveDeploymentState('InService', fraud).state).toBe('healthy');
  });

  it('reads the other schedules when one has no execution yet', async () => {
    const executions = await aws.latestExecutions(
      deployment('churn-classifier-endpoint', ['data-quality', 'nonexistent']),
    );
    expect(executions[1]).toMatchObject({
      status: 'NotStarted',
      violations: [],
    });
    expect(executions[0].violations).toHaveLength(3);
  });

  it("reads a version's SHAP values and bias metrics from its Clarify reports", async () => {
    const registry = SagemakerModelRegistry.fromConfig(config);
    const version: Entity = {
      apiVersion: 'ml-foundation.dev/v1alpha1',
      kind: 'ModelVersion',
      metadata: {
        name: 'churn-classifier-5',
        annotations: {
          ...annotations,
          'aws.amazon.com/arn': `arn:aws:sagemaker:eu-west-1:${ACCOUNT}:model-package/churn-classifier/5`,
        },
      },
      spec: {},
    };
    const reports = await readVersionReports(
      version,
      {
        describeModelPackage: v => registry.describeModelPackage(v),
        readText: (e, uri) => aws.readText(e, uri),
      },
      [{ metric: 'DI', min: 0.8, max: 1.25 }],
    );
    expect(reports.explainability.importances[0]).toEqual({
      feature: 'tenure_months',
      importance: 0.2874,
    });
    expect(reports.bias.metrics.find(m => m.name === 'DI')).toMatchObject({
      facet: 'age_band',
      facetValue: '65+',
      value: 0.71,
      passed: false,
    });
  });

  it('starts the retraining pipeline once per client token and describes it', async () => {
    const model: Entity = {
      apiVersion: 'ml-foundation.dev/v1alpha1',
      kind: 'Model',
      metadata: { name: 'churn-classifier', annotations },
      spec: {},
    };
    const token = 'a'.repeat(40);
    const arn = await aws.startPipeline(
      model,
      'churn-classifier-training',
      'drift',
      token,
    );
    expect(arn).toMatch(
      /^arn:aws:sagemaker:eu-west-1:123456789012:pipeline\/churn-classifier-training\/execution\//,
    );
    await expect(
      aws.startPipeline(model, 'churn-classifier-training', 'drift', token),
    ).resolves.toBe(arn);
    await expect(aws.describePipelineExecution(model, arn)).resolves.toEqual({
      status: 'Executing',
    });
    await expect(
      aws.startPipeline(model, 'no-such-pipeline', 'drift', token),
    ).rejects.toThrow("Pipeline 'no-such-pipeline' does not exist.");
  });
});
