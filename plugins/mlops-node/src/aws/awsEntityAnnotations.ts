import {
  ML_ANNOTATION_AWS_ACCOUNT_ID,
  ML_ANNOTATION_AWS_ARN,
  ML_ANNOTATION_AWS_REGION,
} from '@ml-foundation/plugin-mlops-common';
import { parseArn } from './parseArn';

// The catalog requires every entity to name the location it came from.
const ANNOTATION_LOCATION = 'backstage.io/managed-by-location';
const ANNOTATION_ORIGIN_LOCATION = 'backstage.io/managed-by-origin-location';

/**
 * The annotations of an entity read from an AWS resource: its ARN, account
 * and region (where the ARN has them: S3 ARNs have neither), and the catalog's
 * location annotations. With a console URL, the location is that page, so the
 * entity's "View source" opens the resource in the AWS console.
 */
export function awsEntityAnnotations(
  arn: string,
  consoleUrl?: string,
): Record<string, string> {
  const { accountId, region } = parseArn(arn);
  const location = consoleUrl ? `url:${consoleUrl}` : `aws:${arn}`;
  return {
    [ML_ANNOTATION_AWS_ARN]: arn,
    ...(accountId && { [ML_ANNOTATION_AWS_ACCOUNT_ID]: accountId }),
    ...(region && { [ML_ANNOTATION_AWS_REGION]: region }),
    [ANNOTATION_LOCATION]: location,
    [ANNOTATION_ORIGIN_LOCATION]: location,
  };
}
