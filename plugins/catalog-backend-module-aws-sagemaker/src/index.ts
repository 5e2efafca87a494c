/**
 * Catalog entity provider for AWS SageMaker.
 *
 * Laid out by the portal foundation; its implementation is still to come.
 *
 * @packageDocumentation
 */

export {};
