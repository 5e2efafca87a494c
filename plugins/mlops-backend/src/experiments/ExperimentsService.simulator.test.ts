import { mockCredentials } from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import { ConfigReader } from '@backstage/config';
import { InputError, NotFoundError } from '@backstage/errors';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import {
  AwsSimulator,
  generateDemoEstate,
  startAwsSimulator,
} from '@ml-foundation/aws-simulator';
import {
  ML_ANNOTATION_AWS_PROVIDER,
  ML_ANNOTATION_SAGEMAKER_EXPERIMENT,
} from '@ml-foundation/plugin-mlops-common';
import { ExperimentsService } from './ExperimentsService';
import { SagemakerExperimentsAws } from './SagemakerExperimentsAws';

const annotations = { [ML_ANNOTATION_AWS_PROVIDER]: 'aws-sagemaker:demo' };
const JOBS = {
  1: 'churn-classifier-train-20240115-0912',
  4: 'churn-classifier-train-20240708-1603',
  5: 'churn-classifier-train-20240930-1115',
};

const model = (name: string, extra: Record<string, string> = {}): Entity => ({
  apiVersion: 'ml-foundation.dev/v1alpha1',
  kind: 'Model',
  metadata: {
    name,
    namespace: 'default',
    annotations: { ...annotations, ...extra },
  },
  spec: { owner: 'group:default/customer-ml' },
});

const version = (n: keyof typeof JOBS): Entity => ({
  apiVersion: 'ml-foundation.dev/v1alpha1',
  kind: 'ModelVersion',
  metadata: {
    name: `churn-classifier-v${n}`,
    namespace: 'default',
    annotations,
  },
  spec: {
    model: 'model:default/churn-classifier',
    version: n,
    training: { jobName: JOBS[n] },
  },
});

describe('ExperimentsService against the simulated demo estate', () => {
  let sim: AwsSimulator;
  let service: ExperimentsService;
  const credentials = mockCredentials.user();

  beforeAll(async () => {
    sim = await startAwsSimulator({
      estate: generateDemoEstate(),
      pageSize: 3,
    });
    const config = new ConfigReader({
      catalog: {
        providers: {
          awsSagemaker: {
            demo: {
              accountId: '123456789012',
              region: 'eu-west-1',
              endpoint: sim.endpoint,
            },
          },
        },
      },
    });
    service = new ExperimentsService({
      catalog: catalogServiceMock({
        entities: [
          model('churn-classifier'),
          model('fraud-detector', {
            [ML_ANNOTATION_SAGEMAKER_EXPERIMENT]:
              'fraud-detector-training, missing-experiment',
          }),
          version(1),
          version(4),
          version(5),
        ],
      }),
      aws: SagemakerExperimentsAws.fromConfig(config),
      config: { maxRuns: 100 },
    });
  });
  afterAll(() => sim.close());
  afterEach(() => sim.setFaults({}));

  it("lists a model's runs from its versions' experiment, linked to the versions they produced", async () => {
    const result = await service.listRuns(
      'model:default/churn-classifier',
      credentials,
    );
    expect(result.experiments).toEqual(['churn-classifier-training']);
    expect(result.notes).toEqual([]);
    expect(result.truncated).toBe(false);
    // Five versions' jobs, three candidate jobs and the notebook run.
    expect(result.runs).toHaveLength(9);
    expect(result.runs[0]).toMatchObject({
      id: JOBS[5],
      source: 'training-job',
      versionRef: 'modelversion:default/churn-classifier-v5',
      trialName: 'churn-classifier-v5',
      instanceType: 'ml.m5.2xlarge',
      instanceCount: 1,
      durationSeconds: 64 * 60,
      billableSeconds: 64 * 60,
      parameters: expect.objectContaining({ max_depth: '7', eta: '0.04' }),
      metrics: expect.arrayContaining([
        expect.objectContaining({ name: 'validation:auc', value: 0.841 }),
      ]),
    });
    expect(result.runs[0].inputs.map(i => i.name)).toEqual([
      'features',
      'labels',
    ]);
    const failed = result.runs.find(
      r => r.id === 'churn-classifier-train-20240928-0815',
    )!;
    expect(failed).toMatchObject({
      status: 'Failed',
      instanceCount: 2,
      metrics: [],
      notes: ['No metrics recorded'],
    });
    expect(failed.failureReason).toMatch(/gpu_hist/);
    expect(failed.versionRef).toBeUndefined();
    const notebook = result.runs.find(r => r.name === 'lightgbm-baseline')!;
    expect(notebook).toMatchObject({
      source: 'trial-component',
      parameters: { model: 'lightgbm', num_leaves: '63' },
      experimentName: 'churn-classifier-training',
    });
  });

  it('reads runs of annotated experiments and notes one that does not exist', async () => {
    const result = await service.listRuns(
      'model:default/fraud-detector',
      credentials,
    );
    expect(result.experiments).toEqual([
      'fraud-detector-training',
      'missing-experiment',
    ]);
    expect(result.runs.map(r => r.id)).toContain(
      'fraud-detector-train-20241008-1930',
    );
    expect(result.notes).toEqual([
      expect.stringMatching(
        /^Could not read the runs of experiment missing-experiment: ResourceNotFound/,
      ),
    ]);
  });

  it('shows every run with a note when trial components cannot be described', async () => {
    sim.setFaults({ accessDenied: ['SageMaker.DescribeTrialComponent'] });
    const result = await service.listRuns(
      'model:default/churn-classifier',
      credentials,
    );
    expect(result.runs).toHaveLength(9);
    const v4 = result.runs.find(r => r.id === JOBS[4])!;
    expect(v4.notes).toEqual([
      expect.stringMatching(/^Could not read trial component .*AccessDenied/),
    ]);
    // The job still gives what matters.
    expect(v4.parameters.num_round).toBe('550');
  });

  it('falls back on the versions when no training job can be read', async () => {
    sim.setFaults({
      accessDenied: [
        'SageMaker.DescribeTrainingJob',
        'SageMaker.ListTrialComponents',
      ],
    });
    const result = await service.listRuns(
      'model:default/churn-classifier',
      credentials,
    );
    expect(result.runs.map(r => r.id).sort()).toEqual(
      Object.values(JOBS).sort(),
    );
    expect(result.runs[0].notes[0]).toMatch(
      /^Could not read training job .*AccessDenied/,
    );
  });

  it('refuses an entity that is not a Model, and one that is not in the catalog', async () => {
    await expect(
      service.listRuns('modelversion:default/churn-classifier-v5', credentials),
    ).rejects.toThrow(InputError);
    await expect(
      service.listRuns('model:default/nope', credentials),
    ).rejects.toThrow(NotFoundError);
  });
});
