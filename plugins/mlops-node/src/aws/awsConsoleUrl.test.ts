import { awsConsoleUrl } from './awsConsoleUrl';

describe('awsConsoleUrl', () => {
  it('points at the console of the region, in its partition', () => {
    expect(awsConsoleUrl('eu-west-1', 'glue', '/v2/data-catalog/tables')).toBe(
      'https://eu-west-1.console.aws.amazon.com/glue/home?region=eu-west-1#/v2/data-catalog/tables',
    );
    expect(awsConsoleUrl('cn-north-1', 'sagemaker', '/endpoints')).toBe(
      'https://cn-north-1.console.amazonaws.cn/sagemaker/home?region=cn-north-1#/endpoints',
    );
  });
});
