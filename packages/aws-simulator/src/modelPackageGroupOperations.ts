import { AwsError } from './AwsError';
import { AwsTag } from './Estate';
import { Operation } from './Operation';
import { OperationInput } from './OperationInput';

const GROUP_NAME = /^[a-zA-Z0-9](-*[a-zA-Z0-9]){0,62}$/;

/**
 * The SageMaker model registry writes of the simulator that create groups
 * (`SageMaker.CreateModelPackageGroup`), as the scaffolder's templates do.
 */
export const modelPackageGroupOperations: Record<string, Operation> = {
  CreateModelPackageGroup: {
    members: ['ModelPackageGroupName', 'ModelPackageGroupDescription', 'Tags'],
    handle(input, context) {
      const name = input.requiredString('ModelPackageGroupName');
      if (!GROUP_NAME.test(name)) {
        throw new AwsError(
          'ValidationException',
          `1 validation error detected: Value '${name}' at 'modelPackageGroupName' failed to satisfy constraint: Member must satisfy regular expression pattern: ^([a-zA-Z0-9](-*[a-zA-Z0-9]){0,62})$`,
        );
      }
      const groups = context.regionEstate.sagemaker.modelPackageGroups;
      const arn = `arn:aws:sagemaker:${context.region}:${
        context.accountId
      }:model-package-group/${name.toLowerCase()}`;
      if (
        groups.some(
          g =>
            String(g.ModelPackageGroupName).toLowerCase() ===
            name.toLowerCase(),
        )
      ) {
        throw new AwsError(
          'ValidationException',
          `Model Package Group already exists: ${arn}`,
        );
      }
      groups.push({
        ModelPackageGroupName: name,
        ModelPackageGroupArn: arn,
        ModelPackageGroupDescription: input.string(
          'ModelPackageGroupDescription',
        ),
        CreationTime: new Date().toISOString(),
        ModelPackageGroupStatus: 'Completed',
        Tags: tags(input),
      });
      context.recordWrite();
      return { ModelPackageGroupArn: arn };
    },
  },
};

function tags(input: OperationInput): AwsTag[] {
  const value = input.raw.Tags;
  if (value === undefined || value === null) {
    return [];
  }
  if (
    !Array.isArray(value) ||
    value.some(
      t =>
        typeof t?.Key !== 'string' ||
        (t.Value !== undefined && typeof t.Value !== 'string'),
    )
  ) {
    throw new AwsError(
      'ValidationException',
      "1 validation error detected: Value at 'tags' failed to satisfy constraint: Member must be a list of tags with a string Key",
    );
  }
  return value.map(t => ({ Key: t.Key, Value: t.Value ?? '' }));
}
