/**
 * ML Foundation frontend: entity pages of the ML kinds (overview cards,
 * Lineage, Governance and Audit trail tabs) and the ML hub page.
 *
 * @packageDocumentation
 */

import { mlopsPlugin } from './plugin';

export default mlopsPlugin;
export { mlopsPlugin, mlHubRouteRef } from './plugin';
export { mlopsApiRef } from './api/mlopsApiRef';
