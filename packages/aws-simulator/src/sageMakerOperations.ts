import { AwsError } from './AwsError';
import { AwsTag, SageMakerEstate } from './Estate';
import { listOperation } from './listOperation';
import { Operation, OperationContext } from './Operation';
import { paginate } from './paginate';
import { toWire } from './toWire';

type AnyRecord = Record<string, unknown>;

/** The SageMaker operations of the simulator, by name (`X-Amz-Target: SageMaker.<name>`). */
export const sageMakerOperations: Record<string, Operation> = {
  ListModelPackageGroups: listOperation({
    records: sm => sm.modelPackageGroups,
    resultKey: 'ModelPackageGroupSummaryList',
    nameMember: 'ModelPackageGroupName',
    arnMember: 'ModelPackageGroupArn',
    sortBy: { CreationTime: 'CreationTime' },
    defaultSortOrder: 'Ascending',
    summary: record =>
      pick(record, [
        'ModelPackageGroupName',
        'ModelPackageGroupArn',
        'ModelPackageGroupDescription',
        'CreationTime',
        'ModelPackageGroupStatus',
      ]),
  }),

  DescribeModelPackageGroup: {
    members: ['ModelPackageGroupName'],
    handle(input, { regionEstate }) {
      const name = input.requiredString('ModelPackageGroupName');
      return toWire(findModelPackageGroup(regionEstate.sagemaker, name));
    },
  },

  ListModelPackages: listOperation({
    // AWS lists the versions of a group only when asked for that group:
    // without `ModelPackageGroupName` only unversioned packages come back,
    // whatever `ModelPackageType` says, so a provider must list per group.
    records(sm, input) {
      const groupName = input.string('ModelPackageGroupName');
      const group =
        groupName === undefined
          ? undefined
          : sm.modelPackageGroups.find(g => matchesGroup(g, groupName));
      const type =
        input.oneOf('ModelPackageType', [
          'Versioned',
          'Unversioned',
          'Both',
        ] as const) ?? (groupName ? 'Both' : 'Unversioned');
      if (groupName === undefined) {
        return type === 'Versioned'
          ? []
          : sm.modelPackages.filter(p => p.ModelPackageGroupName === undefined);
      }
      return group === undefined || type === 'Unversioned'
        ? []
        : sm.modelPackages.filter(
            p => p.ModelPackageGroupName === group.ModelPackageGroupName,
          );
    },
    selectionMembers: ['ModelPackageGroupName', 'ModelPackageType'],
    resultKey: 'ModelPackageSummaryList',
    nameMember: 'ModelPackageName',
    arnMember: 'ModelPackageArn',
    equals: { ModelApprovalStatus: record => record.ModelApprovalStatus },
    sortBy: { CreationTime: 'CreationTime' },
    defaultSortOrder: 'Ascending',
    summary: record =>
      pick(record, [
        'ModelPackageName',
        'ModelPackageGroupName',
        'ModelPackageVersion',
        'ModelPackageArn',
        'ModelPackageDescription',
        'CreationTime',
        'ModelPackageStatus',
        'ModelApprovalStatus',
        'ModelLifeCycle',
        'ModelPackageRegistrationType',
      ]),
  }),

  DescribeModelPackage: {
    members: ['ModelPackageName'],
    handle(input, { regionEstate }) {
      const name = input.requiredString('ModelPackageName');
      return toWire(findModelPackage(regionEstate.sagemaker, name));
    },
  },

  UpdateModelPackage: {
    members: [
      'ModelPackageArn',
      'ModelApprovalStatus',
      'ApprovalDescription',
      'ModelLifeCycle',
      'CustomerMetadataProperties',
      'CustomerMetadataPropertiesToRemove',
      'ClientToken',
    ],
    handle(input, { regionEstate, recordWrite, clientTokens }) {
      const arn = input.requiredString('ModelPackageArn');
      const approvalStatus = input.oneOf('ModelApprovalStatus', [
        'Approved',
        'Rejected',
        'PendingManualApproval',
      ] as const);
      const approvalDescription = input.string('ApprovalDescription');
      const lifeCycle = readLifeCycle(input.raw.ModelLifeCycle);
      const metadata = input.stringMap('CustomerMetadataProperties');
      const metadataToRemove = input.stringList(
        'CustomerMetadataPropertiesToRemove',
      );
      const clientToken = input.string('ClientToken');
      if (!arn.startsWith('arn:')) {
        throw new AwsError(
          'ValidationException',
          `ModelPackageArn must be the ARN of a model package, got '${arn}'.`,
        );
      }
      const modelPackage = findModelPackage(regionEstate.sagemaker, arn);
      const result = { ModelPackageArn: modelPackage.ModelPackageArn };
      if (clientToken !== undefined) {
        // AWS answers a retry with the same token as the first call, without
        // applying it again; the same token for another request is refused.
        const seen = clientTokens.get(clientToken);
        const request = JSON.stringify(input.raw);
        if (seen !== undefined) {
          if (seen !== request) {
            throw new AwsError(
              'ValidationException',
              `ClientToken ${clientToken} was already used for a different request.`,
            );
          }
          return result;
        }
        clientTokens.set(clientToken, request);
      }
      const removed = metadataToRemove ?? [];
      if (metadata && removed.some(key => Object.hasOwn(metadata, key))) {
        throw new AwsError(
          'ValidationException',
          'A key cannot be both in CustomerMetadataProperties and CustomerMetadataPropertiesToRemove.',
        );
      }
      if (approvalStatus !== undefined) {
        modelPackage.ModelApprovalStatus = approvalStatus;
      }
      if (approvalDescription !== undefined) {
        modelPackage.ApprovalDescription = approvalDescription;
      }
      if (lifeCycle !== undefined) {
        modelPackage.ModelLifeCycle = lifeCycle;
      }
      if (metadata !== undefined || removed.length) {
        const properties: Record<string, string> = {
          ...((modelPackage.CustomerMetadataProperties as
            | Record<string, string>
            | undefined) ?? {}),
          ...metadata,
        };
        for (const key of removed) {
          delete properties[key];
        }
        modelPackage.CustomerMetadataProperties = properties;
      }
      modelPackage.LastModifiedTime = new Date().toISOString();
      recordWrite();
      return result;
    },
  },

  ListTrainingJobs: listOperation({
    records: sm => sm.trainingJobs,
    resultKey: 'TrainingJobSummaries',
    nameMember: 'TrainingJobName',
    arnMember: 'TrainingJobArn',
    equals: { StatusEquals: record => record.TrainingJobStatus },
    lastModifiedFilters: true,
    sortBy: { CreationTime: 'CreationTime', Status: 'TrainingJobStatus' },
    defaultSortOrder: 'Ascending',
    summary: record =>
      pick(record, [
        'TrainingJobName',
        'TrainingJobArn',
        'CreationTime',
        'TrainingEndTime',
        'LastModifiedTime',
        'TrainingJobStatus',
        'SecondaryStatus',
      ]),
  }),

  DescribeTrainingJob: {
    members: ['TrainingJobName'],
    handle(input, { regionEstate }) {
      const name = input.requiredString('TrainingJobName');
      return toWire(
        find(
          regionEstate.sagemaker.trainingJobs,
          job => job.TrainingJobName === name,
          () =>
            new AwsError(
              'ValidationException',
              'Requested resource not found.',
            ),
        ),
      );
    },
  },

  ListFeatureGroups: listOperation({
    records: sm => sm.featureGroups,
    resultKey: 'FeatureGroupSummaries',
    nameMember: 'FeatureGroupName',
    arnMember: 'FeatureGroupArn',
    equals: {
      FeatureGroupStatusEquals: record => record.FeatureGroupStatus,
      OfflineStoreStatusEquals: record =>
        (record.OfflineStoreStatus as AnyRecord | undefined)?.Status,
    },
    sortBy: {
      CreationTime: 'CreationTime',
      FeatureGroupStatus: 'FeatureGroupStatus',
    },
    defaultSortOrder: 'Ascending',
    summary: record =>
      pick(record, [
        'FeatureGroupName',
        'FeatureGroupArn',
        'CreationTime',
        'FeatureGroupStatus',
        'OfflineStoreStatus',
      ]),
  }),

  DescribeFeatureGroup: {
    members: ['FeatureGroupName', 'NextToken'],
    handle(input, context) {
      const name = input.requiredString('FeatureGroupName');
      const featureGroup = findFeatureGroup(
        context.regionEstate.sagemaker,
        name,
      );
      // Like AWS, the feature definitions of a large group come in pages.
      const page = paginate(
        (featureGroup.FeatureDefinitions as unknown[] | undefined) ?? [],
        {
          scope: `${context.operation}:${featureGroup.FeatureGroupArn}`,
          nextToken: input.raw.NextToken,
          pageSize: context.pageSize,
          maxResultsLimit: context.pageSize,
        },
      );
      return {
        ...toWire(featureGroup),
        FeatureDefinitions: page.items,
        NextToken: page.nextToken,
      };
    },
  },

  UpdateFeatureGroup: {
    members: ['FeatureGroupName', 'FeatureAdditions'],
    handle(input, context) {
      const name = input.requiredString('FeatureGroupName');
      const additions = readFeatureAdditions(input.raw.FeatureAdditions);
      const featureGroup = findFeatureGroup(
        context.regionEstate.sagemaker,
        name,
      );
      const definitions =
        (featureGroup.FeatureDefinitions as AnyRecord[] | undefined) ?? [];
      const duplicate = additions.find(a =>
        definitions.some(d => d.FeatureName === a.FeatureName),
      );
      if (duplicate) {
        throw new AwsError(
          'ValidationException',
          `Feature ${String(
            duplicate.FeatureName,
          )} already exists in FeatureGroup ${name}.`,
        );
      }
      const now = new Date().toISOString();
      featureGroup.FeatureDefinitions = [...definitions, ...additions];
      featureGroup.LastModifiedTime = now;
      addOfflineStoreColumns(context, featureGroup, additions, now);
      // AWS applies additions asynchronously; the simulator finishes at once.
      featureGroup.LastUpdateStatus = { Status: 'Successful' };
      context.recordWrite();
      return { FeatureGroupArn: featureGroup.FeatureGroupArn };
    },
  },

  ListEndpoints: listOperation({
    records: sm => sm.endpoints,
    resultKey: 'Endpoints',
    nameMember: 'EndpointName',
    arnMember: 'EndpointArn',
    equals: { StatusEquals: record => record.EndpointStatus },
    lastModifiedFilters: true,
    sortBy: { CreationTime: 'CreationTime', Status: 'EndpointStatus' },
    defaultSortOrder: 'Descending',
    summary: record =>
      pick(record, [
        'EndpointName',
        'EndpointArn',
        'CreationTime',
        'LastModifiedTime',
        'EndpointStatus',
      ]),
  }),

  DescribeEndpoint: {
    members: ['EndpointName'],
    handle(input, context) {
      const name = input.requiredString('EndpointName');
      return toWire(
        find(
          context.regionEstate.sagemaker.endpoints,
          e => e.EndpointName === name,
          () =>
            new AwsError(
              'ValidationException',
              `Could not find endpoint "${arnOf(context, 'endpoint', name)}".`,
            ),
        ),
      );
    },
  },

  DescribeEndpointConfig: {
    members: ['EndpointConfigName'],
    handle(input, context) {
      const name = input.requiredString('EndpointConfigName');
      return toWire(
        find(
          context.regionEstate.sagemaker.endpointConfigs,
          c => c.EndpointConfigName === name,
          () =>
            new AwsError(
              'ValidationException',
              `Could not find endpoint configuration "${arnOf(
                context,
                'endpoint-config',
                name,
              )}".`,
            ),
        ),
      );
    },
  },

  DescribeModel: {
    members: ['ModelName'],
    handle(input, context) {
      const name = input.requiredString('ModelName');
      return toWire(
        find(
          context.regionEstate.sagemaker.models,
          m => m.ModelName === name,
          () =>
            new AwsError(
              'ValidationException',
              `Could not find model "${arnOf(context, 'model', name)}".`,
            ),
        ),
      );
    },
  },

  ListMonitoringSchedules: listOperation({
    records: sm => sm.monitoringSchedules,
    resultKey: 'MonitoringScheduleSummaries',
    nameMember: 'MonitoringScheduleName',
    arnMember: 'MonitoringScheduleArn',
    equals: {
      EndpointName: record => record.EndpointName,
      StatusEquals: record => record.MonitoringScheduleStatus,
      MonitoringTypeEquals: record => record.MonitoringType,
    },
    lastModifiedFilters: true,
    sortBy: {
      CreationTime: 'CreationTime',
      Status: 'MonitoringScheduleStatus',
    },
    defaultSortOrder: 'Descending',
    summary: record => ({
      ...pick(record, [
        'MonitoringScheduleName',
        'MonitoringScheduleArn',
        'CreationTime',
        'LastModifiedTime',
        'MonitoringScheduleStatus',
        'EndpointName',
        'MonitoringType',
      ]),
      MonitoringJobDefinitionName: (
        record.MonitoringScheduleConfig as AnyRecord | undefined
      )?.MonitoringJobDefinitionName,
    }),
  }),

  ListTransformJobs: listOperation({
    records: sm => sm.transformJobs,
    resultKey: 'TransformJobSummaries',
    nameMember: 'TransformJobName',
    arnMember: 'TransformJobArn',
    equals: { StatusEquals: record => record.TransformJobStatus },
    lastModifiedFilters: true,
    sortBy: { CreationTime: 'CreationTime', Status: 'TransformJobStatus' },
    defaultSortOrder: 'Descending',
    summary: record =>
      pick(record, [
        'TransformJobName',
        'TransformJobArn',
        'CreationTime',
        'TransformEndTime',
        'LastModifiedTime',
        'TransformJobStatus',
        'FailureReason',
      ]),
  }),

  DescribeTransformJob: {
    members: ['TransformJobName'],
    handle(input, { regionEstate }) {
      const name = input.requiredString('TransformJobName');
      return toWire(
        find(
          regionEstate.sagemaker.transformJobs,
          job => job.TransformJobName === name,
          () =>
            new AwsError(
              'ValidationException',
              `Could not find requested job with name ${name}`,
            ),
        ),
      );
    },
  },

  ListTags: {
    members: ['ResourceArn', 'NextToken', 'MaxResults'],
    handle(input, context) {
      const arn = input.requiredString('ResourceArn');
      const sm = context.regionEstate.sagemaker;
      const resource = [
        ...sm.modelPackageGroups.filter(r => r.ModelPackageGroupArn === arn),
        ...sm.modelPackages.filter(r => r.ModelPackageArn === arn),
        ...sm.trainingJobs.filter(r => r.TrainingJobArn === arn),
        ...sm.featureGroups.filter(r => r.FeatureGroupArn === arn),
        ...sm.endpoints.filter(r => r.EndpointArn === arn),
        ...sm.endpointConfigs.filter(r => r.EndpointConfigArn === arn),
        ...sm.models.filter(r => r.ModelArn === arn),
        ...sm.monitoringSchedules.filter(r => r.MonitoringScheduleArn === arn),
        ...sm.transformJobs.filter(r => r.TransformJobArn === arn),
      ][0];
      if (!resource) {
        throw new AwsError(
          'ValidationException',
          `Resource ${arn} does not exist.`,
        );
      }
      const page = paginate<AwsTag>(resource.Tags ?? [], {
        scope: `${context.operation}:${arn}`,
        nextToken: input.raw.NextToken,
        maxResults: input.raw.MaxResults,
        pageSize: context.pageSize,
        maxResultsLimit: 100,
      });
      return { Tags: page.items, NextToken: page.nextToken };
    },
  },
};

function find<T>(
  records: T[],
  test: (record: T) => boolean,
  notFound: () => AwsError,
): T {
  const record = records.find(test);
  if (!record) {
    throw notFound();
  }
  return record;
}

function pick(record: AnyRecord, members: string[]): AnyRecord {
  const out: AnyRecord = {};
  for (const member of members) {
    if (record[member] !== undefined) {
      out[member] = record[member];
    }
  }
  return out;
}

function arnOf(context: OperationContext, type: string, name: string): string {
  return `arn:aws:sagemaker:${context.region}:${
    context.accountId
  }:${type}/${name.toLowerCase()}`;
}

function matchesGroup(group: AnyRecord, nameOrArn: string): boolean {
  return (
    group.ModelPackageGroupName === nameOrArn ||
    group.ModelPackageGroupArn === nameOrArn
  );
}

function findModelPackageGroup(sm: SageMakerEstate, nameOrArn: string) {
  return find(
    sm.modelPackageGroups,
    group => matchesGroup(group, nameOrArn),
    () =>
      new AwsError(
        'ValidationException',
        `ModelPackageGroup ${nameOrArn} does not exist.`,
      ),
  );
}

/**
 * Finds a model package by ARN, by `<group>/<version>` for a versioned one or
 * by name for an unversioned one: a versioned package's own name is its
 * group's, so the name alone does not identify it.
 */
function findModelPackage(sm: SageMakerEstate, nameOrArn: string) {
  const [group, version, extra] = nameOrArn.split('/');
  return find(
    sm.modelPackages,
    p => {
      if (nameOrArn.startsWith('arn:')) {
        return p.ModelPackageArn === nameOrArn;
      }
      if (version === undefined) {
        return (
          p.ModelPackageGroupName === undefined && p.ModelPackageName === group
        );
      }
      return (
        extra === undefined &&
        p.ModelPackageGroupName === group &&
        String(p.ModelPackageVersion) === version
      );
    },
    () =>
      new AwsError(
        'ValidationException',
        `ModelPackage ${nameOrArn} does not exist.`,
      ),
  );
}

const GLUE_TYPES: Record<string, string> = {
  Integral: 'bigint',
  Fractional: 'double',
  String: 'string',
};

/** As SageMaker does, adds the features' columns to the offline store's Glue table. */
function addOfflineStoreColumns(
  context: OperationContext,
  featureGroup: AnyRecord,
  additions: AnyRecord[],
  now: string,
) {
  const catalog = (featureGroup.OfflineStoreConfig as AnyRecord | undefined)
    ?.DataCatalogConfig as AnyRecord | undefined;
  const table = context.regionEstate.glue.tables.find(
    t => t.DatabaseName === catalog?.Database && t.Name === catalog?.TableName,
  );
  const descriptor = table?.StorageDescriptor as AnyRecord | undefined;
  if (!table || !descriptor) {
    return;
  }
  descriptor.Columns = [
    ...((descriptor.Columns as AnyRecord[] | undefined) ?? []),
    ...additions.map(a => ({
      Name: String(a.FeatureName).toLowerCase(),
      Type: GLUE_TYPES[String(a.FeatureType)],
    })),
  ];
  table.UpdateTime = now;
}

function findFeatureGroup(sm: SageMakerEstate, nameOrArn: string) {
  return find(
    sm.featureGroups,
    fg => fg.FeatureGroupName === nameOrArn || fg.FeatureGroupArn === nameOrArn,
    () =>
      new AwsError(
        'ResourceNotFound',
        `Resource Not Found: Amazon SageMaker can't find a FeatureGroup with name ${nameOrArn}`,
      ),
  );
}

const FEATURE_TYPES = ['Integral', 'Fractional', 'String'];

function readFeatureAdditions(value: unknown): AnyRecord[] {
  const additions = value as AnyRecord[] | undefined;
  if (
    !Array.isArray(additions) ||
    !additions.length ||
    additions.some(
      a =>
        a === null ||
        typeof a !== 'object' ||
        typeof a.FeatureName !== 'string' ||
        !FEATURE_TYPES.includes(a.FeatureType as string),
    )
  ) {
    throw new AwsError(
      'ValidationException',
      `FeatureAdditions must be a non-empty list of { FeatureName, FeatureType: ${FEATURE_TYPES.join(
        ' | ',
      )} }.`,
    );
  }
  return additions.map(a => pick(a, ['FeatureName', 'FeatureType']));
}

function readLifeCycle(value: unknown): AnyRecord | undefined {
  if (value === undefined || value === null) {
    return undefined;
  }
  const lifeCycle = value as AnyRecord;
  if (
    typeof lifeCycle !== 'object' ||
    typeof lifeCycle.Stage !== 'string' ||
    typeof lifeCycle.StageStatus !== 'string' ||
    !['string', 'undefined'].includes(typeof lifeCycle.StageDescription)
  ) {
    throw new AwsError(
      'ValidationException',
      'ModelLifeCycle needs a Stage and a StageStatus (strings) and may have a StageDescription.',
    );
  }
  return pick(lifeCycle, ['Stage', 'StageStatus', 'StageDescription']);
}
