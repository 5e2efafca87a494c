import {
  DescribeTrainingJobCommand,
  DescribeTrialComponentCommand,
  paginateListTrialComponents,
  SageMakerClient,
  type DescribeTrainingJobResponse,
  type DescribeTrialComponentResponse,
  type TrialComponentSummary,
} from '@aws-sdk/client-sagemaker';
import type { Entity } from '@backstage/catalog-model';
import type { Config } from '@backstage/config';
import { ServiceUnavailableError } from '@backstage/errors';
import { AwsEntityClients } from '@ml-foundation/plugin-mlops-node';

/** What experiment comparison reads from SageMaker, with the client that reaches `entity`. */
export interface ExperimentsAws {
  describeTrainingJob(
    entity: Entity,
    name: string,
  ): Promise<DescribeTrainingJobResponse>;
  /** The newest `max` trial components of the experiment; `truncated` when it has more. */
  listTrialComponents(
    entity: Entity,
    experimentName: string,
    max: number,
  ): Promise<{ summaries: TrialComponentSummary[]; truncated: boolean }>;
  describeTrialComponent(
    entity: Entity,
    name: string,
  ): Promise<DescribeTrialComponentResponse>;
}

/** SageMaker, reached through the provider that synced the entity. */
export class SagemakerExperimentsAws implements ExperimentsAws {
  static fromConfig(config: Config): SagemakerExperimentsAws {
    return new SagemakerExperimentsAws(
      AwsEntityClients.fromConfig(config, 'awsSagemaker'),
    );
  }

  constructor(private readonly clients: AwsEntityClients) {}

  async describeTrainingJob(
    entity: Entity,
    name: string,
  ): Promise<DescribeTrainingJobResponse> {
    const sagemaker = await this.clients.client(SageMakerClient, entity);
    return sagemaker.send(
      new DescribeTrainingJobCommand({ TrainingJobName: name }),
    );
  }

  async listTrialComponents(
    entity: Entity,
    experimentName: string,
    max: number,
  ): Promise<{ summaries: TrialComponentSummary[]; truncated: boolean }> {
    const client = await this.clients.client(SageMakerClient, entity);
    const summaries: TrialComponentSummary[] = [];
    const seen = new Set<string>();
    for await (const page of paginateListTrialComponents(
      { client, pageSize: Math.min(100, max) },
      {
        ExperimentName: experimentName,
        SortBy: 'CreationTime',
        SortOrder: 'Descending',
      },
    )) {
      summaries.push(...(page.TrialComponentSummaries ?? []));
      if (summaries.length >= max) {
        return {
          summaries: summaries.slice(0, max),
          truncated: summaries.length > max || page.NextToken !== undefined,
        };
      }
      if (page.NextToken !== undefined) {
        if (seen.has(page.NextToken)) {
          throw new ServiceUnavailableError(
            'SageMaker.ListTrialComponents returned a page token it had already returned; stopped reading to avoid an endless loop',
          );
        }
        seen.add(page.NextToken);
      }
    }
    return { summaries, truncated: false };
  }

  async describeTrialComponent(
    entity: Entity,
    name: string,
  ): Promise<DescribeTrialComponentResponse> {
    const sagemaker = await this.clients.client(SageMakerClient, entity);
    return sagemaker.send(
      new DescribeTrialComponentCommand({ TrialComponentName: name }),
    );
  }
}
