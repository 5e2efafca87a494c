import type {
  DescribeTrainingJobResponse,
  DescribeTrialComponentResponse,
} from '@aws-sdk/client-sagemaker';
import type { Entity } from '@backstage/catalog-model';
import { buildTrainingRun } from './buildTrainingRun';

const JOB_ARN =
  'arn:aws:sagemaker:eu-west-1:123456789012:training-job/churn-train-1';

const job: DescribeTrainingJobResponse = {
  TrainingJobName: 'churn-train-1',
  TrainingJobArn: JOB_ARN,
  TrainingJobStatus: 'Completed',
  SecondaryStatus: 'Completed',
  AlgorithmSpecification: { TrainingInputMode: 'File' },
  HyperParameters: { max_depth: '6', eta: '0.1' },
  InputDataConfig: [
    {
      ChannelName: 'train',
      DataSource: {
        S3DataSource: {
          S3DataType: 'S3Prefix',
          S3Uri: 's3://data/churn/train/',
        },
      },
    },
  ],
  ResourceConfig: {
    InstanceType: 'ml.m5.2xlarge',
    InstanceCount: 2,
    VolumeSizeInGB: 30,
  },
  StoppingCondition: {},
  ModelArtifacts: { S3ModelArtifacts: 's3://out/model.tar.gz' },
  CreationTime: new Date('2024-09-30T11:12:00Z'),
  TrainingStartTime: new Date('2024-09-30T11:15:00Z'),
  TrainingEndTime: new Date('2024-09-30T12:19:00Z'),
  TrainingTimeInSeconds: 3840,
  BillableTimeInSeconds: 1200,
  FinalMetricDataList: [
    { MetricName: 'validation:auc', Value: 0.841 },
    { MetricName: 'train:auc', Value: 0.884 },
  ],
  ExperimentConfig: {
    ExperimentName: 'churn-training',
    TrialName: 'churn-v5',
  },
};

const component: DescribeTrialComponentResponse = {
  TrialComponentName: 'churn-train-1-aws-training-job',
  DisplayName: 'churn-train-1',
  Source: { SourceArn: JOB_ARN, SourceType: 'SageMakerTrainingJob' },
  Status: { PrimaryStatus: 'Completed' },
  Parameters: {
    max_depth: { StringValue: '6' },
    'SageMaker.InstanceType': { StringValue: 'ml.m5.2xlarge' },
  },
  Metrics: [
    {
      MetricName: 'validation:auc',
      Last: 0.841,
      Min: 0.75,
      Max: 0.845,
      Avg: 0.8,
      Count: 10,
    },
  ],
};

const version: Entity = {
  apiVersion: 'ml-foundation.dev/v1alpha1',
  kind: 'ModelVersion',
  metadata: { name: 'churn-v5', namespace: 'default' },
  spec: {
    model: 'model:default/churn',
    version: 5,
    hyperparameters: { max_depth: '6' },
    metrics: [{ name: 'auc', split: 'validation', value: 0.84 }],
    training: {
      jobName: 'churn-train-1',
      jobArn: JOB_ARN,
      inputs: [{ channel: 'train', uri: 's3://data/churn/train/' }],
    },
  },
};

describe('buildTrainingRun', () => {
  it("merges a training job with its trial component: the job's final metrics with the run's spread, instances and billable time", () => {
    const run = buildTrainingRun({ job, component, version });
    expect(run).toEqual({
      id: 'churn-train-1',
      name: 'churn-train-1',
      source: 'training-job',
      trainingJobName: 'churn-train-1',
      trainingJobArn: JOB_ARN,
      trialComponentName: 'churn-train-1-aws-training-job',
      experimentName: 'churn-training',
      trialName: 'churn-v5',
      status: 'Completed',
      startedAt: '2024-09-30T11:15:00.000Z',
      endedAt: '2024-09-30T12:19:00.000Z',
      durationSeconds: 3840,
      billableSeconds: 1200,
      instanceType: 'ml.m5.2xlarge',
      instanceCount: 2,
      parameters: { max_depth: '6', eta: '0.1' },
      metrics: [
        {
          name: 'validation:auc',
          value: 0.841,
          min: 0.75,
          max: 0.845,
          avg: 0.8,
          count: 10,
        },
        { name: 'train:auc', value: 0.884 },
      ],
      inputs: [{ name: 'train', uri: 's3://data/churn/train/' }],
      versionRef: 'modelversion:default/churn-v5',
      notes: [],
    });
  });

  it('shows a failed job without metrics with its reason and a note', () => {
    const run = buildTrainingRun({
      job: {
        ...job,
        TrainingJobStatus: 'Failed',
        FailureReason: 'AlgorithmError: out of memory',
        FinalMetricDataList: [],
      },
    });
    expect(run).toMatchObject({
      status: 'Failed',
      failureReason: 'AlgorithmError: out of memory',
      metrics: [],
      notes: ['No metrics recorded'],
    });
    expect(run.versionRef).toBeUndefined();
  });

  it('reads a trial component logged without a job, durations from its times', () => {
    const run = buildTrainingRun({
      component: {
        TrialComponentName: 'notebook-run-1',
        DisplayName: 'lightgbm-baseline',
        Status: { PrimaryStatus: 'Completed' },
        StartTime: new Date('2024-09-25T14:02:00Z'),
        EndTime: new Date('2024-09-25T14:19:00Z'),
        Parameters: {
          num_leaves: { NumberValue: 63 },
          model: { StringValue: 'lightgbm' },
        },
        InputArtifacts: {
          features: { Value: 's3://fs/churn/' },
          'SageMaker.ImageUri': { Value: '123.dkr.ecr/x:1' },
        },
        Metrics: [{ MetricName: 'validation:auc', Last: 0.826, Count: 40 }],
      },
      experimentName: 'churn-training',
    });
    expect(run).toMatchObject({
      id: 'notebook-run-1',
      name: 'lightgbm-baseline',
      source: 'trial-component',
      experimentName: 'churn-training',
      durationSeconds: 1020,
      parameters: { num_leaves: '63', model: 'lightgbm' },
      metrics: [{ name: 'validation:auc', value: 0.826, count: 40 }],
      inputs: [{ name: 'features', uri: 's3://fs/churn/' }],
      notes: [],
    });
    expect(run.instanceType).toBeUndefined();
    expect(run.billableSeconds).toBeUndefined();
  });

  it('skips malformed parameters and metrics of a component, saying so', () => {
    const run = buildTrainingRun({
      component: {
        TrialComponentName: 'odd',
        Parameters: {
          ok: { StringValue: 'yes' },
          broken: { $unknown: ['BlobValue', 'x'] } as never,
          nan: { NumberValue: Number.NaN },
        },
        Metrics: [
          { MetricName: 'loss' },
          { Last: 0.3 },
          { MetricName: 'acc', Avg: 0.7 },
        ],
        StartTime: new Date('invalid'),
      },
    });
    expect(run.parameters).toEqual({ ok: 'yes' });
    expect(run.metrics).toEqual([{ name: 'acc', value: 0.7, avg: 0.7 }]);
    expect(run.notes).toEqual(['Metric loss has no value']);
    expect(run.startedAt).toBeUndefined();
    expect(run.durationSeconds).toBeUndefined();
  });

  it('falls back on the version entity when its job cannot be read, keeping the caller note', () => {
    const run = buildTrainingRun({
      version,
      notes: ['Could not read training job churn-train-1: AccessDenied'],
    });
    expect(run).toMatchObject({
      id: 'churn-train-1',
      name: 'churn-train-1',
      source: 'training-job',
      trainingJobArn: JOB_ARN,
      parameters: { max_depth: '6' },
      metrics: [{ name: 'validation:auc', value: 0.84 }],
      inputs: [{ name: 'train', uri: 's3://data/churn/train/' }],
      versionRef: 'modelversion:default/churn-v5',
      notes: ['Could not read training job churn-train-1: AccessDenied'],
    });
  });

  it('keeps a listed component that could not be described, with a note', () => {
    const run = buildTrainingRun({
      summary: {
        TrialComponentName: 'gone',
        DisplayName: 'gone-run',
        Status: { PrimaryStatus: 'Failed' },
      },
      notes: ['Could not read trial component gone: ResourceNotFound'],
    });
    expect(run).toMatchObject({
      id: 'gone',
      name: 'gone-run',
      source: 'trial-component',
      status: 'Failed',
      parameters: {},
      metrics: [],
      notes: [
        'Could not read trial component gone: ResourceNotFound',
        'No metrics recorded',
      ],
    });
  });
});
