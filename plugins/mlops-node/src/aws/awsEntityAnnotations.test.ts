import { awsEntityAnnotations } from './awsEntityAnnotations';

describe('awsEntityAnnotations', () => {
  it('names the resource, its account and region, and its console page as location', () => {
    expect(
      awsEntityAnnotations(
        'arn:aws:glue:eu-west-1:123456789012:table/sales/orders',
        'https://console.example/orders',
      ),
    ).toEqual({
      'aws.amazon.com/arn':
        'arn:aws:glue:eu-west-1:123456789012:table/sales/orders',
      'aws.amazon.com/account-id': '123456789012',
      'aws.amazon.com/region': 'eu-west-1',
      'backstage.io/managed-by-location': 'url:https://console.example/orders',
      'backstage.io/managed-by-origin-location':
        'url:https://console.example/orders',
    });
  });

  it('leaves out what an S3 ARN does not have', () => {
    expect(awsEntityAnnotations('arn:aws:s3:::lake/raw/')).toEqual({
      'aws.amazon.com/arn': 'arn:aws:s3:::lake/raw/',
      'backstage.io/managed-by-location': 'aws:arn:aws:s3:::lake/raw/',
      'backstage.io/managed-by-origin-location': 'aws:arn:aws:s3:::lake/raw/',
    });
  });
});
