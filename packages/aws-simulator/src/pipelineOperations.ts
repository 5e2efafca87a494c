import { createHash } from 'node:crypto';
import { AwsError } from './AwsError';
import { Operation } from './Operation';
import { OperationContext } from './Operation';
import { paginate } from './paginate';
import { toWire } from './toWire';

function findPipeline(context: OperationContext, nameOrArn: string) {
  const pipeline = (context.regionEstate.sagemaker.pipelines ?? []).find(
    p => p.PipelineName === nameOrArn || p.PipelineArn === nameOrArn,
  );
  if (!pipeline) {
    throw new AwsError(
      'ResourceNotFound',
      `Pipeline '${nameOrArn}' does not exist.`,
    );
  }
  return pipeline;
}

/**
 * SageMaker Pipelines executions: `StartPipelineExecution` (idempotent on
 * `ClientRequestToken`, as AWS is), `DescribePipelineExecution` and
 * `ListPipelineExecutions`. A started execution is `Executing`; a test or
 * the demo moves it on by editing the estate.
 */
export const pipelineOperations: Record<string, Operation> = {
  StartPipelineExecution: {
    members: [
      'PipelineName',
      'PipelineExecutionDisplayName',
      'PipelineExecutionDescription',
      'PipelineParameters',
      'ClientRequestToken',
    ],
    handle(input, context) {
      const pipeline = findPipeline(
        context,
        input.requiredString('PipelineName'),
      );
      const token = input.requiredString('ClientRequestToken');
      if (token.length < 32) {
        throw new AwsError(
          'ValidationException',
          `1 validation error detected: Value '${token}' at 'clientRequestToken' failed to satisfy constraint: Member must have length greater than or equal to 32`,
        );
      }
      const executions = (context.regionEstate.sagemaker.pipelineExecutions ??=
        []);
      const id = createHash('sha256')
        .update(`${pipeline.PipelineArn}\n${token}`)
        .digest('hex')
        .slice(0, 12);
      const arn = `${pipeline.PipelineArn}/execution/${id}`;
      if (!executions.some(e => e.PipelineExecutionArn === arn)) {
        const now = new Date().toISOString();
        executions.push({
          PipelineArn: pipeline.PipelineArn,
          PipelineExecutionArn: arn,
          PipelineExecutionDisplayName:
            input.string('PipelineExecutionDisplayName') ?? `execution-${id}`,
          PipelineExecutionDescription: input.string(
            'PipelineExecutionDescription',
          ),
          PipelineExecutionStatus: 'Executing',
          CreationTime: now,
          LastModifiedTime: now,
        });
        context.recordWrite();
      }
      return { PipelineExecutionArn: arn };
    },
  },
  DescribePipelineExecution: {
    members: ['PipelineExecutionArn'],
    handle(input, context) {
      const arn = input.requiredString('PipelineExecutionArn');
      const execution = (
        context.regionEstate.sagemaker.pipelineExecutions ?? []
      ).find(e => e.PipelineExecutionArn === arn);
      if (!execution) {
        throw new AwsError(
          'ResourceNotFound',
          `Pipeline execution '${arn}' does not exist.`,
        );
      }
      return toWire(execution);
    },
  },
  ListPipelineExecutions: {
    members: ['PipelineName', 'SortOrder', 'NextToken', 'MaxResults'],
    handle(input, context) {
      const pipeline = findPipeline(
        context,
        input.requiredString('PipelineName'),
      );
      const order = input.string('SortOrder') === 'Ascending' ? 1 : -1;
      const executions = (
        context.regionEstate.sagemaker.pipelineExecutions ?? []
      )
        .filter(e => e.PipelineArn === pipeline.PipelineArn)
        .sort(
          (a, b) =>
            String(a.CreationTime).localeCompare(String(b.CreationTime)) *
            order,
        );
      const page = paginate(executions, {
        scope: `ListPipelineExecutions:${pipeline.PipelineArn}:${order}`,
        nextToken: input.raw.NextToken,
        maxResults: input.raw.MaxResults,
        pageSize: context.pageSize,
        maxResultsLimit: 100,
      });
      return {
        PipelineExecutionSummaries: page.items.map(e =>
          toWire({
            PipelineExecutionArn: e.PipelineExecutionArn,
            PipelineExecutionStatus: e.PipelineExecutionStatus,
            PipelineExecutionDisplayName: e.PipelineExecutionDisplayName,
            PipelineExecutionDescription: e.PipelineExecutionDescription,
            StartTime: e.CreationTime,
          }),
        ),
        ...(page.nextToken ? { NextToken: page.nextToken } : {}),
      };
    },
  },
};
