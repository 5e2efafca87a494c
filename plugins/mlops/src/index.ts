/**
 * ML Foundation frontend: entity pages of the ML kinds (overview cards,
 * Lineage, Governance and Audit trail tabs), the ML hub page, and the ML
 * relations in the catalog graph.
 *
 * @packageDocumentation
 */

import { mlopsPlugin } from './plugin';

export default mlopsPlugin;
export { mlopsPlugin, mlHubRouteRef } from './plugin';
export { mlopsApiRef } from './api/mlopsApiRef';
export { catalogGraphMlRelationsModule } from './catalogGraphMlRelationsModule';
