/**
 * Local AWS API simulator (SageMaker, Glue, S3) for tests and the demo.
 *
 * Laid out by the portal foundation; its implementation is still to come.
 *
 * @packageDocumentation
 */

export {};
