import {
  paginateGetResources,
  ResourceGroupsTaggingAPIClient,
} from '@aws-sdk/client-resource-groups-tagging-api';
import { collectPages } from './collectPages';

/** Tags in the list form most AWS APIs use. */
export type AwsTagList = Array<{ Key?: string; Value?: string }>;

const DENIED = new Set([
  'AccessDeniedException',
  'AccessDenied',
  'UnauthorizedOperation',
]);

/**
 * The tags of a provider's resources. Read in bulk with the Resource Groups
 * Tagging API (`tag:GetResources`, 100 resources a page) when the provider
 * may call it; else, and for resources of other types, one call per resource
 * through `perResource` (SageMaker `ListTags`, Glue `GetTags`).
 */
export class AwsTagIndex {
  private constructor(
    private readonly bulk: Map<string, AwsTagList> | undefined,
    private readonly perResource: (arn: string) => Promise<AwsTagList>,
  ) {}

  /**
   * @param resourceTypes - `ResourceTypeFilters`, e.g. `sagemaker:model-package`;
   * a resource of these types missing from the answer has no tags.
   */
  static async load(options: {
    tagging: ResourceGroupsTaggingAPIClient;
    resourceTypes: string[];
    perResource: (arn: string) => Promise<AwsTagList>;
  }): Promise<AwsTagIndex> {
    const { tagging, resourceTypes, perResource } = options;
    try {
      const mappings = await collectPages(
        paginateGetResources(
          { client: tagging, pageSize: 100 },
          { ResourceTypeFilters: resourceTypes },
        ),
        {
          operation: 'ResourceGroupsTaggingAPI.GetResources',
          items: page => page.ResourceTagMappingList,
          nextToken: page => page.PaginationToken || undefined,
        },
      );
      return new AwsTagIndex(
        new Map(mappings.map(m => [m.ResourceARN!, m.Tags ?? []])),
        perResource,
      );
    } catch (error) {
      if (!DENIED.has((error as Error).name)) {
        throw error;
      }
      return new AwsTagIndex(undefined, perResource);
    }
  }

  /** Whether the tags came in bulk (false: the Tagging API was denied). */
  get isBulk(): boolean {
    return this.bulk !== undefined;
  }

  /** The resource's tags. */
  async tagsOf(arn: string): Promise<AwsTagList> {
    if (this.bulk) {
      return this.bulk.get(arn) ?? [];
    }
    return this.perResource(arn);
  }
}
