/**
 * ML Foundation frontend: ML relations in the catalog graph, entity cards and
 * the ML hub page.
 *
 * @packageDocumentation
 */

export { catalogGraphMlRelationsModule } from './catalogGraphMlRelationsModule';
