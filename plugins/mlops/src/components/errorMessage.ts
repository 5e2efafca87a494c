import { ResponseError } from '@backstage/errors';

/**
 * What went wrong, in the server's words: a failed API call's ResponseError
 * says only "Request failed with 409 Conflict", its cause says why.
 */
export function errorMessage(error: Error): string {
  if (ResponseError.is(error) && error.cause?.message) {
    return error.cause.message;
  }
  return error.message;
}
