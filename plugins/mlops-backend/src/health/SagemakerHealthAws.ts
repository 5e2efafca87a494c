import {
  DescribePipelineExecutionCommand,
  DescribeProcessingJobCommand,
  ListMonitoringExecutionsCommand,
  SageMakerClient,
  StartPipelineExecutionCommand,
} from '@aws-sdk/client-sagemaker';
import type { Entity } from '@backstage/catalog-model';
import type { Config } from '@backstage/config';
import type { MonitoringExecutionHealth } from '@ml-foundation/plugin-mlops-common';
import {
  AwsEntityClients,
  awsErrorMessage,
  readS3Text,
} from '@ml-foundation/plugin-mlops-node';
import { parseConstraintViolations } from './parseConstraintViolations';

const VIOLATIONS_FILE = 'constraint_violations.json';

/** What health reads from and starts in AWS. */
export interface HealthAws {
  /** The latest execution of each of the deployment's monitoring schedules. */
  latestExecutions(deployment: Entity): Promise<MonitoringExecutionHealth[]>;
  /** @throws with S3's reason when the object cannot be read. */
  readText(entity: Entity, uri: string): Promise<string>;
  startPipeline(
    model: Entity,
    pipeline: string,
    description: string,
    clientToken: string,
  ): Promise<string>;
  describePipelineExecution(
    model: Entity,
    executionArn: string,
  ): Promise<{ status: string; failureReason?: string }>;
}

/** SageMaker and S3, reached with the provider that synced the entity. */
export class SagemakerHealthAws implements HealthAws {
  static fromConfig(config: Config): SagemakerHealthAws {
    return new SagemakerHealthAws(
      AwsEntityClients.fromConfig(config, 'awsSagemaker'),
    );
  }

  constructor(private readonly clients: AwsEntityClients) {}

  async latestExecutions(
    deployment: Entity,
  ): Promise<MonitoringExecutionHealth[]> {
    const schedules =
      (deployment.spec?.monitoringSchedules as
        | Array<{ name: string; type?: string }>
        | undefined) ?? [];
    const sagemaker = await this.sagemaker(deployment);
    return Promise.all(
      schedules.map(async schedule => {
        const base = {
          scheduleName: schedule.name,
          monitoringType: schedule.type ?? 'DataQuality',
        };
        let summary;
        try {
          const output = await sagemaker.send(
            new ListMonitoringExecutionsCommand({
              MonitoringScheduleName: schedule.name,
              SortBy: 'ScheduledTime',
              SortOrder: 'Descending',
              MaxResults: 1,
            }),
          );
          summary = output.MonitoringExecutionSummaries?.[0];
        } catch (error) {
          return {
            ...base,
            status: 'Unknown',
            violations: [],
            reportError: `Could not list the executions of ${
              schedule.name
            }: ${awsErrorMessage(error)}`,
          };
        }
        if (!summary) {
          return { ...base, status: 'NotStarted', violations: [] };
        }
        const execution: MonitoringExecutionHealth = {
          ...base,
          monitoringType: summary.MonitoringType ?? base.monitoringType,
          status: summary.MonitoringExecutionStatus ?? 'Unknown',
          scheduledTime: summary.ScheduledTime?.toISOString(),
          ...(summary.FailureReason
            ? { failureReason: summary.FailureReason }
            : {}),
          violations: [],
        };
        if (
          execution.status !== 'CompletedWithViolations' ||
          !summary.ProcessingJobArn
        ) {
          return execution;
        }
        try {
          const uri = await this.violationReportUri(
            sagemaker,
            summary.ProcessingJobArn,
          );
          return {
            ...execution,
            violations: parseConstraintViolations(
              await this.readText(deployment, uri),
            ),
          };
        } catch (error) {
          return {
            ...execution,
            reportError: `Could not read the violation report of ${
              schedule.name
            }: ${awsErrorMessage(error)}`,
          };
        }
      }),
    );
  }

  readText(entity: Entity, uri: string): Promise<string> {
    return readS3Text(this.clients, entity, uri);
  }

  async startPipeline(
    model: Entity,
    pipeline: string,
    description: string,
    clientToken: string,
  ): Promise<string> {
    const sagemaker = await this.sagemaker(model);
    const output = await sagemaker.send(
      new StartPipelineExecutionCommand({
        PipelineName: pipeline,
        PipelineExecutionDescription: description.slice(0, 3072),
        ClientRequestToken: clientToken,
      }),
    );
    if (!output.PipelineExecutionArn) {
      throw new Error(`StartPipelineExecution of ${pipeline} gave no ARN`);
    }
    return output.PipelineExecutionArn;
  }

  async describePipelineExecution(
    model: Entity,
    executionArn: string,
  ): Promise<{ status: string; failureReason?: string }> {
    const sagemaker = await this.sagemaker(model);
    const output = await sagemaker.send(
      new DescribePipelineExecutionCommand({
        PipelineExecutionArn: executionArn,
      }),
    );
    return {
      status: output.PipelineExecutionStatus ?? 'Unknown',
      ...(output.FailureReason ? { failureReason: output.FailureReason } : {}),
    };
  }

  // Model Monitor writes the report into the processing job's output.
  private async violationReportUri(
    sagemaker: SageMakerClient,
    processingJobArn: string,
  ): Promise<string> {
    const name = processingJobArn.slice(
      processingJobArn.indexOf(':processing-job/') + ':processing-job/'.length,
    );
    const job = await sagemaker.send(
      new DescribeProcessingJobCommand({ ProcessingJobName: name }),
    );
    const output =
      job.ProcessingOutputConfig?.Outputs?.[0]?.S3Output?.S3Uri ?? undefined;
    if (!output) {
      throw new Error(`processing job ${name} has no S3 output`);
    }
    return `${output.replace(/\/+$/, '')}/${VIOLATIONS_FILE}`;
  }

  private sagemaker(entity: Entity): Promise<SageMakerClient> {
    return this.clients.client(SageMakerClient, entity);
  }
}
