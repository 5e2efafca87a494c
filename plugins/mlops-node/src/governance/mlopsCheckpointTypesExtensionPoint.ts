import { createExtensionPoint } from '@backstage/backend-plugin-api';
import type { MlopsCheckpointType } from './MlopsCheckpointType';

/** Lets a backend module add checkpoint types to the mlops governance. */
export interface MlopsCheckpointTypesExtensionPoint {
  addCheckpointType(...types: MlopsCheckpointType[]): void;
}

/**
 * Extension point of the mlops backend plugin for adopters' checkpoint types:
 *
 * ```ts
 * createBackendModule({
 *   pluginId: 'mlops',
 *   moduleId: 'security-scan',
 *   register(env) {
 *     env.registerInit({
 *       deps: { checkpoints: mlopsCheckpointTypesExtensionPoint },
 *       async init({ checkpoints }) {
 *         checkpoints.addCheckpointType(securityScanCheckpoint);
 *       },
 *     });
 *   },
 * });
 * ```
 */
export const mlopsCheckpointTypesExtensionPoint =
  createExtensionPoint<MlopsCheckpointTypesExtensionPoint>({
    id: 'mlops.checkpoint-types',
  });
