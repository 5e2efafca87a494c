/**
 * The AWS partition that holds a region: `aws-cn` for the China regions,
 * `aws-us-gov` for GovCloud, `aws` for the rest.
 */
export function awsPartition(region: string): string {
  if (region.startsWith('cn-')) {
    return 'aws-cn';
  }
  if (region.startsWith('us-gov-')) {
    return 'aws-us-gov';
  }
  return 'aws';
}
