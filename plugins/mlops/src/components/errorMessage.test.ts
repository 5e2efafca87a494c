import { ResponseError } from '@backstage/errors';
import { errorMessage } from './errorMessage';

describe('errorMessage', () => {
  it("gives the server's reason for a failed request", async () => {
    const response = new Response(
      JSON.stringify({
        error: {
          name: 'ConflictError',
          message: 'An open review for production already exists',
        },
        request: { method: 'POST', url: '/reviews' },
        response: { statusCode: 409 },
      }),
      {
        status: 409,
        statusText: 'Conflict',
        headers: { 'Content-Type': 'application/json' },
      },
    );
    const error = await ResponseError.fromResponse(response);
    expect(error.message).toBe('Request failed with 409 Conflict');
    expect(errorMessage(error)).toBe(
      'An open review for production already exists',
    );
  });

  it('gives any other error its own message', () => {
    expect(errorMessage(new Error('offline'))).toBe('offline');
  });
});
