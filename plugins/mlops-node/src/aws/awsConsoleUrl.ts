import { awsPartition } from './awsPartition';

const CONSOLE_DOMAINS: Record<string, string> = {
  aws: 'console.aws.amazon.com',
  'aws-cn': 'console.amazonaws.cn',
  'aws-us-gov': 'console.amazonaws-us-gov.com',
};

/**
 * Address of a page of the AWS console, e.g.
 * `awsConsoleUrl('eu-west-1', 'glue', '/v2/data-catalog/tables')` is
 * `https://eu-west-1.console.aws.amazon.com/glue/home?region=eu-west-1#/v2/data-catalog/tables`.
 *
 * @param fragment - the console's client-side route, after the `#`
 */
export function awsConsoleUrl(
  region: string,
  service: string,
  fragment: string,
): string {
  const domain = CONSOLE_DOMAINS[awsPartition(region)];
  return `https://${region}.${domain}/${service}/home?region=${region}#${fragment}`;
}
