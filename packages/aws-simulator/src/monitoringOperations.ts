import { AwsError } from './AwsError';
import { Operation } from './Operation';
import { paginate } from './paginate';
import { toWire } from './toWire';

const SORT_MEMBERS: Record<string, string> = {
  CreationTime: 'CreationTime',
  ScheduledTime: 'ScheduledTime',
  Status: 'MonitoringExecutionStatus',
};

/**
 * Model Monitor's executions (`SageMaker.ListMonitoringExecutions`) and the
 * processing jobs behind them (`SageMaker.DescribeProcessingJob`), whose
 * output is where Model Monitor writes `constraint_violations.json`.
 */
export const monitoringOperations: Record<string, Operation> = {
  ListMonitoringExecutions: {
    members: [
      'MonitoringScheduleName',
      'EndpointName',
      'MonitoringTypeEquals',
      'StatusEquals',
      'SortBy',
      'SortOrder',
      'NextToken',
      'MaxResults',
    ],
    handle(input, context) {
      const sortBy = input.string('SortBy') ?? 'CreationTime';
      const sortOrder = input.string('SortOrder') ?? 'Descending';
      if (!SORT_MEMBERS[sortBy]) {
        throw new AwsError(
          'ValidationException',
          `1 validation error detected: Value '${sortBy}' at 'sortBy' failed to satisfy constraint: Member must satisfy enum value set: [Status, CreationTime, ScheduledTime]`,
        );
      }
      const filters: Array<[string, string | undefined]> = [
        ['MonitoringScheduleName', input.string('MonitoringScheduleName')],
        ['EndpointName', input.string('EndpointName')],
        ['MonitoringType', input.string('MonitoringTypeEquals')],
        ['MonitoringExecutionStatus', input.string('StatusEquals')],
      ];
      const member = SORT_MEMBERS[sortBy];
      const records = (
        context.regionEstate.sagemaker.monitoringExecutions ?? []
      )
        .filter(r =>
          filters.every(
            ([key, value]) => value === undefined || r[key] === value,
          ),
        )
        .sort(
          (a, b) =>
            String(a[member]).localeCompare(String(b[member])) *
            (sortOrder === 'Ascending' ? 1 : -1),
        );
      const page = paginate(records, {
        scope: `ListMonitoringExecutions:${JSON.stringify(
          filters,
        )}:${sortBy}:${sortOrder}`,
        nextToken: input.raw.NextToken,
        maxResults: input.raw.MaxResults,
        pageSize: context.pageSize,
        maxResultsLimit: 100,
      });
      return {
        MonitoringExecutionSummaries: page.items.map(
          ({ ReportS3Uri: _, ...summary }) => toWire(summary),
        ),
        ...(page.nextToken ? { NextToken: page.nextToken } : {}),
      };
    },
  },
  DescribeProcessingJob: {
    members: ['ProcessingJobName'],
    handle(input, context) {
      const name = input.requiredString('ProcessingJobName');
      const execution = (
        context.regionEstate.sagemaker.monitoringExecutions ?? []
      ).find(r => r.ProcessingJobArn.endsWith(`:processing-job/${name}`));
      if (!execution) {
        throw new AwsError(
          'ValidationException',
          `Could not find requested job with name ${name}`,
        );
      }
      return toWire({
        ProcessingJobName: name,
        ProcessingJobArn: execution.ProcessingJobArn,
        ProcessingJobStatus:
          execution.MonitoringExecutionStatus === 'Failed'
            ? 'Failed'
            : 'Completed',
        ...(execution.FailureReason
          ? { FailureReason: execution.FailureReason }
          : {}),
        MonitoringScheduleArn: execution.MonitoringScheduleArn,
        ProcessingOutputConfig: {
          Outputs: [
            {
              OutputName: 'result',
              S3Output: {
                S3Uri: execution.ReportS3Uri,
                LocalPath: '/opt/ml/processing/output',
                S3UploadMode: 'EndOfJob',
              },
            },
          ],
        },
        ProcessingResources: {
          ClusterConfig: {
            InstanceCount: 1,
            InstanceType: 'ml.m5.xlarge',
            VolumeSizeInGB: 20,
          },
        },
        AppSpecification: {
          ImageUri:
            '468650794304.dkr.ecr.eu-west-1.amazonaws.com/sagemaker-model-monitor-analyzer',
        },
        RoleArn: `arn:aws:iam::${context.accountId}:role/SageMakerModelMonitor`,
        CreationTime: execution.CreationTime ?? execution.ScheduledTime,
      });
    },
  },
};
