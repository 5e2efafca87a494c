import {
  DescribeModelPackageCommand,
  SageMakerClient,
  UpdateModelPackageCommand,
} from '@aws-sdk/client-sagemaker';
import type { Entity } from '@backstage/catalog-model';
import type { Config } from '@backstage/config';
import { InputError } from '@backstage/errors';
import type { JsonObject } from '@backstage/types';
import { ML_ANNOTATION_AWS_ARN } from '@ml-foundation/plugin-mlops-common';
import { AwsEntityClients, readS3Text } from '@ml-foundation/plugin-mlops-node';

/** What governance writes to a model package. */
export interface ModelPackageUpdate {
  /** Left unchanged when absent (a demotion changes only the stage). */
  approvalStatus?: 'Approved' | 'Rejected' | 'PendingManualApproval';
  approvalDescription?: string;
  lifeCycle?: { Stage: string; StageStatus: string; StageDescription: string };
  /** Derived from the review, so a retried write is applied once. */
  clientToken: string;
}

/** The model registry governance reads from and writes back to. */
export interface ModelRegistry {
  /** DescribeModelPackage of the version; undefined when it cannot be read. */
  describeModelPackage(version: Entity): Promise<JsonObject | undefined>;
  /** A report the model package names. @throws with S3's reason. */
  readS3Text(version: Entity, uri: string): Promise<string>;
  /** @throws when the write fails; the caller records the failure. */
  updateModelPackage(
    version: Entity,
    update: ModelPackageUpdate,
  ): Promise<void>;
}

/** The SageMaker model package ARN of a ModelVersion entity. */
export function modelPackageArnOf(version: Entity): string {
  const arn = version.metadata.annotations?.[ML_ANNOTATION_AWS_ARN];
  if (!arn) {
    throw new InputError(
      `${version.metadata.name} has no ${ML_ANNOTATION_AWS_ARN} annotation: it was not synced from SageMaker`,
    );
  }
  return arn;
}

/**
 * The SageMaker model registry, reached with the account, region and endpoint
 * of the provider that synced the version.
 */
export class SagemakerModelRegistry implements ModelRegistry {
  static fromConfig(config: Config): SagemakerModelRegistry {
    return new SagemakerModelRegistry(
      AwsEntityClients.fromConfig(config, 'awsSagemaker'),
    );
  }

  constructor(private readonly clients: AwsEntityClients) {}

  async describeModelPackage(version: Entity): Promise<JsonObject | undefined> {
    try {
      const client = await this.clientFor(version);
      const output = await client.send(
        new DescribeModelPackageCommand({
          ModelPackageName: modelPackageArnOf(version),
        }),
      );
      const { $metadata: _, ...body } = output;
      return JSON.parse(JSON.stringify(body));
    } catch {
      // A checkpoint that needs the package then fails with a message.
      return undefined;
    }
  }

  readS3Text(version: Entity, uri: string): Promise<string> {
    return readS3Text(this.clients, version, uri);
  }

  async updateModelPackage(
    version: Entity,
    update: ModelPackageUpdate,
  ): Promise<void> {
    const client = await this.clientFor(version);
    await client.send(
      new UpdateModelPackageCommand({
        ModelPackageArn: modelPackageArnOf(version),
        ModelApprovalStatus: update.approvalStatus,
        ApprovalDescription: update.approvalDescription,
        ModelLifeCycle: update.lifeCycle,
        ClientToken: update.clientToken,
      }),
    );
  }

  private clientFor(version: Entity): Promise<SageMakerClient> {
    return this.clients.client(SageMakerClient, version);
  }
}
