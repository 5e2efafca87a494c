import { awsErrorMessage } from './awsErrorMessage';

describe('awsErrorMessage', () => {
  it("names AWS's error and keeps a plain error's message alone", () => {
    const noSuchKey = Object.assign(new Error('The key does not exist.'), {
      name: 'NoSuchKey',
    });
    expect(awsErrorMessage(noSuchKey)).toBe(
      'NoSuchKey: The key does not exist.',
    );
    expect(awsErrorMessage(new Error('timed out'))).toBe('timed out');
    expect(awsErrorMessage('refused')).toBe('refused');
  });
});
