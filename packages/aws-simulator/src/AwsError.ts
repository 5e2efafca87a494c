/**
 * An error the simulator answers the way AWS does: the awsJson1_1 protocol
 * sends `{"__type": code, "message": ...}` with the HTTP status, and the SDK
 * turns `code` into the exception name callers test for.
 */
export class AwsError extends Error {
  readonly code: string;
  readonly statusCode: number;

  constructor(code: string, message: string, statusCode = 400) {
    super(message);
    this.name = code;
    this.code = code;
    this.statusCode = statusCode;
  }
}
