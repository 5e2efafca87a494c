import {
  DescribeTrainingJobCommand,
  DescribeTrialComponentCommand,
  ListTrialComponentsCommand,
  ListTrialComponentsCommandInput,
  paginateListTrialComponents,
  SageMakerClient,
  TrialComponentSummary,
} from '@aws-sdk/client-sagemaker';
import { generateDemoEstate } from './generateDemoEstate';
import { AwsSimulator, startAwsSimulator } from './startAwsSimulator';

const EU = 'eu-west-1';
const ARN = `arn:aws:sagemaker:${EU}:123456789012`;

describe('experimentOperations', () => {
  let sim: AwsSimulator;
  let sm: SageMakerClient;

  beforeAll(async () => {
    sim = await startAwsSimulator({
      estate: generateDemoEstate(),
      pageSize: 2,
    });
    sm = new SageMakerClient({
      region: EU,
      endpoint: sim.endpoint,
      credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
    });
  });
  afterAll(() => sim.close());

  async function listAll(
    input: ListTrialComponentsCommandInput,
  ): Promise<TrialComponentSummary[]> {
    const summaries: TrialComponentSummary[] = [];
    for await (const page of paginateListTrialComponents(
      { client: sm },
      input,
    )) {
      summaries.push(...(page.TrialComponentSummaries ?? []));
    }
    return summaries;
  }

  it("lists an experiment's runs in pages, newest first, with their sources", async () => {
    const runs = await listAll({ ExperimentName: 'churn-classifier-training' });
    // Five versions' jobs, three candidate jobs and a notebook run.
    expect(runs).toHaveLength(9);
    expect(runs[0]).toMatchObject({
      TrialComponentName:
        'churn-classifier-train-20240930-1115-aws-training-job',
      TrialComponentSource: {
        SourceArn: `${ARN}:training-job/churn-classifier-train-20240930-1115`,
        SourceType: 'SageMakerTrainingJob',
      },
      Status: { PrimaryStatus: 'Completed' },
    });
    expect(runs[0].CreationTime).toBeInstanceOf(Date);
    const times = runs.map(r => r.CreationTime!.getTime());
    expect([...times].sort((a, b) => b - a)).toEqual(times);
    expect(
      runs.find(r => r.DisplayName === 'lightgbm-baseline')
        ?.TrialComponentSource,
    ).toBeUndefined();
  });

  it('lists by trial or by source ARN, one filter at a time', async () => {
    const trial = await listAll({ TrialName: 'churn-classifier-v5' });
    expect(trial.map(r => r.DisplayName).sort()).toEqual([
      'churn-classifier-train-20240926-0944',
      'churn-classifier-train-20240927-1402',
      'churn-classifier-train-20240928-0815',
      'churn-classifier-train-20240930-1115',
      'lightgbm-baseline',
    ]);
    const source = `${ARN}:training-job/fraud-detector-train-20241008-1930`;
    expect(
      (await listAll({ SourceArn: source })).map(r => r.TrialComponentName),
    ).toEqual(['fraud-detector-train-20241008-1930-aws-training-job']);
    await expect(
      sm.send(
        new ListTrialComponentsCommand({
          ExperimentName: 'churn-classifier-training',
          TrialName: 'churn-classifier-v5',
        }),
      ),
    ).rejects.toMatchObject({ name: 'ValidationException' });
    await expect(
      sm.send(new ListTrialComponentsCommand({ ExperimentName: 'missing' })),
    ).rejects.toMatchObject({ name: 'ResourceNotFound' });
  });

  it('describes a training job run with parameters, metric summaries and inputs', async () => {
    const component = await sm.send(
      new DescribeTrialComponentCommand({
        TrialComponentName:
          'churn-classifier-train-20240926-0944-aws-training-job',
      }),
    );
    expect(component.Parameters?.max_depth).toEqual({ StringValue: '8' });
    expect(component.Parameters?.['SageMaker.InstanceCount']).toEqual({
      NumberValue: 1,
    });
    const auc = component.Metrics?.find(m => m.MetricName === 'validation:auc');
    expect(auc).toMatchObject({ Last: 0.829, Max: 0.829, Count: 10 });
    expect(auc?.TimeStamp).toBeInstanceOf(Date);
    expect(component.InputArtifacts?.labels?.Value).toMatch(
      /^s3:\/\/acme-datalake-curated\/ml\/customer\/churn_labels\//,
    );
    const job = await sm.send(
      new DescribeTrainingJobCommand({
        TrainingJobName: 'churn-classifier-train-20240926-0944',
      }),
    );
    expect(job.ExperimentConfig).toEqual({
      ExperimentName: 'churn-classifier-training',
      TrialName: 'churn-classifier-v5',
      TrialComponentDisplayName: 'churn-classifier-train-20240926-0944',
    });
    expect(job.HyperParameters?.max_depth).toBe('8');
  });

  it('describes a failed run without metrics, and refuses an unknown one', async () => {
    const failed = await sm.send(
      new DescribeTrainingJobCommand({
        TrainingJobName: 'churn-classifier-train-20240928-0815',
      }),
    );
    expect(failed.TrainingJobStatus).toBe('Failed');
    expect(failed.FailureReason).toMatch(/gpu_hist/);
    expect(failed.FinalMetricDataList).toEqual([]);
    expect(failed.ModelArtifacts).toBeUndefined();
    await expect(
      sm.send(
        new DescribeTrialComponentCommand({ TrialComponentName: 'missing' }),
      ),
    ).rejects.toMatchObject({ name: 'ResourceNotFound' });
  });
});
