/**
 * Catalog entity provider for AWS Glue.
 *
 * Laid out by the portal foundation; its implementation is still to come.
 *
 * @packageDocumentation
 */

export {};
