/**
 * Scaffolder actions for ML Foundation.
 *
 * Laid out by the portal foundation; its implementation is still to come.
 *
 * @packageDocumentation
 */

export {};
