import { parseArn } from './parseArn';

describe('parseArn', () => {
  it('splits a model package ARN, keeping the version in the resource', () => {
    expect(
      parseArn(
        'arn:aws:sagemaker:eu-west-1:123456789012:model-package/churn/3',
      ),
    ).toEqual({
      partition: 'aws',
      service: 'sagemaker',
      region: 'eu-west-1',
      accountId: '123456789012',
      resource: 'model-package/churn/3',
    });
  });

  it('keeps colons inside the resource', () => {
    expect(parseArn('arn:aws:glue:us-east-1:1:table/db/t:x').resource).toBe(
      'table/db/t:x',
    );
  });

  it('rejects what is not an ARN, saying what was expected', () => {
    expect(() => parseArn('s3://bucket/key')).toThrow(
      '"s3://bucket/key" is not an ARN; expected arn:<partition>:<service>:<region>:<account-id>:<resource>',
    );
  });
});
