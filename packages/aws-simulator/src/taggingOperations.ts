import { AwsError } from './AwsError';
import { AwsTag, RegionEstate } from './Estate';
import { Operation, OperationContext } from './Operation';
import { paginate } from './paginate';

/** One tagged resource as GetResources lists it. */
interface TaggedResource {
  ResourceARN: string;
  Tags: AwsTag[];
}

/**
 * The Resource Groups Tagging API operations of the simulator, by name
 * (`X-Amz-Target: ResourceGroupsTaggingAPI_20170126.<name>`).
 */
export const taggingOperations: Record<string, Operation> = {
  GetResources: {
    members: ['PaginationToken', 'ResourcesPerPage', 'ResourceTypeFilters'],
    handle(input, context) {
      const filters = input.stringList('ResourceTypeFilters') ?? [];
      const resources = taggedResources(context).filter(
        r =>
          !filters.length || filters.some(f => matchesType(r.ResourceARN, f)),
      );
      let page;
      try {
        page = paginate(resources, {
          scope: `${context.operation}:${filters.join(',')}`,
          nextToken: input.raw.PaginationToken,
          maxResults: input.raw.ResourcesPerPage,
          pageSize: context.pageSize,
          maxResultsLimit: 100,
        });
      } catch (error) {
        // The Tagging API names its validation errors differently.
        throw new AwsError(
          'InvalidParameterException',
          (error as Error).message,
        );
      }
      // The last page has an empty token rather than none, as in AWS.
      return {
        ResourceTagMappingList: page.items,
        PaginationToken: page.nextToken ?? '',
      };
    },
  },
};

/**
 * The resources of the caller's region that carry tags: like AWS, the API
 * does not list resources that never had one, nor Glue tables, which cannot.
 */
function taggedResources(context: OperationContext): TaggedResource[] {
  const { sagemaker: sm, glue } = context.regionEstate as RegionEstate;
  const glueArn = (type: string, name: string) =>
    `arn:aws:glue:${context.region}:${context.accountId}:${type}/${name}`;
  const all: { arn: string; tags?: AwsTag[] }[] = [
    ...sm.modelPackageGroups.map(r => ({
      arn: r.ModelPackageGroupArn,
      tags: r.Tags,
    })),
    ...sm.modelPackages.map(r => ({ arn: r.ModelPackageArn, tags: r.Tags })),
    ...sm.trainingJobs.map(r => ({ arn: r.TrainingJobArn, tags: r.Tags })),
    ...sm.featureGroups.map(r => ({ arn: r.FeatureGroupArn, tags: r.Tags })),
    ...sm.endpoints.map(r => ({ arn: r.EndpointArn, tags: r.Tags })),
    ...sm.endpointConfigs.map(r => ({
      arn: r.EndpointConfigArn,
      tags: r.Tags,
    })),
    ...sm.models.map(r => ({ arn: r.ModelArn, tags: r.Tags })),
    ...sm.monitoringSchedules.map(r => ({
      arn: r.MonitoringScheduleArn,
      tags: r.Tags,
    })),
    ...sm.transformJobs.map(r => ({ arn: r.TransformJobArn, tags: r.Tags })),
    ...glue.databases.map(r => ({
      arn: glueArn('database', r.Name),
      tags: r.Tags,
    })),
    ...glue.jobs.map(r => ({ arn: glueArn('job', r.Name), tags: r.Tags })),
  ];
  return all
    .filter(r => r.tags?.length)
    .map(r => ({ ResourceARN: r.arn, Tags: r.tags! }));
}

/** `service` or `service:resource-type`, as in `sagemaker:model-package`. */
function matchesType(arn: string, filter: string): boolean {
  const [service, type] = filter.split(':');
  const [, , arnService, , , resource = ''] = arn.split(':');
  return (
    arnService === service &&
    (type === undefined || resource.split('/')[0] === type)
  );
}
