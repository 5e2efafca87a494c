import { isAwsNotFoundError } from './isAwsNotFoundError';

const error = (name: string, message = '') =>
  Object.assign(new Error(message), { name });

describe('isAwsNotFoundError', () => {
  it.each([
    ['EntityNotFoundException', 'Table not found'],
    ['ResourceNotFound', 'Model package group does not exist'],
    ['NoSuchKey', 'The specified key does not exist.'],
    ['ValidationException', 'Requested resource not found.'],
    ['ValidationException', 'Could not find model package churn/7'],
  ])('%s "%s" means no edge', (name, message) => {
    expect(isAwsNotFoundError(error(name, message))).toBe(true);
  });

  it('treats other failures as failures', () => {
    expect(isAwsNotFoundError(error('ValidationException', 'bad input'))).toBe(
      false,
    );
    expect(isAwsNotFoundError(error('ThrottlingException'))).toBe(false);
    expect(isAwsNotFoundError(error('AccessDeniedException'))).toBe(false);
    expect(isAwsNotFoundError('not found')).toBe(false);
  });

  it('treats access denied on a resource of another account as not found', () => {
    expect(
      isAwsNotFoundError(error('AccessDeniedException'), {
        crossAccount: true,
      }),
    ).toBe(true);
  });
});
