import { awsPartition } from './awsPartition';

/** What an ARN is built from; the partition follows from the region. */
export interface AwsArnParts {
  service: string;
  region: string;
  accountId: string;
  /** e.g. `table/sales_db/orders`. */
  resource: string;
}

/** Builds the ARN of a resource, in the partition of its region. */
export function awsArn({
  service,
  region,
  accountId,
  resource,
}: AwsArnParts): string {
  return `arn:${awsPartition(
    region,
  )}:${service}:${region}:${accountId}:${resource}`;
}
