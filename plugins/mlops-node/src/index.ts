/**
 * Backend library shared by the ML Foundation backend packages.
 *
 * @packageDocumentation
 */

export * from './aws/parseArn';
export * from './aws/s3Uri';
