import {
  DescribeModelPackageCommand,
  ListEndpointsCommand,
  ListFeatureGroupsCommand,
  ListModelPackageGroupsCommand,
  ListModelPackagesCommand,
  ListMonitoringSchedulesCommand,
  ListTransformJobsCommand,
  SageMakerClient,
} from '@aws-sdk/client-sagemaker';
import { GetDatabasesCommand, GlueClient } from '@aws-sdk/client-glue';
import { S3Client } from '@aws-sdk/client-s3';
import {
  GetResourcesCommand,
  ResourceGroupsTaggingAPIClient,
} from '@aws-sdk/client-resource-groups-tagging-api';
import { AwsDescribeCache } from '@ml-foundation/plugin-mlops-node';
import { mockClient } from 'aws-sdk-client-mock';
import { SagemakerReader } from './SagemakerReader';

const sagemakerMock = mockClient(SageMakerClient);
const glueMock = mockClient(GlueClient);
const taggingMock = mockClient(ResourceGroupsTaggingAPIClient);

const noCache: AwsDescribeCache = {
  get: async () => undefined,
  getMany: async () => new Map(),
  put: async () => {},
  prune: async () => {},
};

describe('SagemakerReader', () => {
  it('describes the versions of one model group side by side', async () => {
    const arn = (v: number) =>
      `arn:aws:sagemaker:eu-west-1:123456789012:model-package/daily/${v}`;
    sagemakerMock.on(ListModelPackageGroupsCommand).resolves({
      ModelPackageGroupSummaryList: [
        {
          ModelPackageGroupName: 'daily',
          ModelPackageGroupArn:
            'arn:aws:sagemaker:eu-west-1:123456789012:model-package-group/daily',
        } as any,
      ],
    });
    sagemakerMock.on(ListModelPackagesCommand).resolves({
      ModelPackageSummaryList: Array.from({ length: 8 }, (_, i) => ({
        ModelPackageArn: arn(i + 1),
        ModelPackageStatus: 'Completed',
        CreationTime: new Date(),
      })),
    });
    let inFlight = 0;
    let maxInFlight = 0;
    sagemakerMock
      .on(DescribeModelPackageCommand)
      .callsFake(async ({ ModelPackageName }) => {
        inFlight += 1;
        maxInFlight = Math.max(maxInFlight, inFlight);
        await new Promise(resolve => setImmediate(resolve));
        inFlight -= 1;
        return { ModelPackageArn: ModelPackageName, ModelPackageVersion: 1 };
      });
    for (const command of [
      ListFeatureGroupsCommand,
      ListEndpointsCommand,
      ListMonitoringSchedulesCommand,
      ListTransformJobsCommand,
    ]) {
      sagemakerMock.on(command as any).resolves({});
    }
    glueMock.on(GetDatabasesCommand).resolves({ DatabaseList: [] });
    taggingMock
      .on(GetResourcesCommand)
      .resolves({ ResourceTagMappingList: [] });

    const snapshot = await new SagemakerReader({
      sagemaker: new SageMakerClient({ region: 'eu-west-1' }),
      s3: new S3Client({ region: 'eu-west-1' }),
      glue: new GlueClient({ region: 'eu-west-1' }),
      tagging: new ResourceGroupsTaggingAPIClient({ region: 'eu-west-1' }),
      accountId: '123456789012',
      region: 'eu-west-1',
      cache: noCache,
    }).read();

    expect(snapshot.groups[0].versions).toHaveLength(8);
    // The provider's one queue, not the reader, bounds the calls in flight.
    expect(maxInFlight).toBe(8);
  });
});
