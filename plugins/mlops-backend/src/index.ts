/**
 * ML Foundation backend: governance, audit trail, health and REST API.
 *
 * @packageDocumentation
 */

export { mlopsPlugin as default } from './plugin';
