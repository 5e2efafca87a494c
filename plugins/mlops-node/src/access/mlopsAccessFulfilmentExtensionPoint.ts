import { createExtensionPoint } from '@backstage/backend-plugin-api';
import type { MlopsAccessFulfiller } from './MlopsAccessFulfiller';

/** Lets a backend module replace how approved access requests are granted. */
export interface MlopsAccessFulfilmentExtensionPoint {
  /** At most one fulfiller; the built-in one records the decision only. */
  setFulfiller(fulfiller: MlopsAccessFulfiller): void;
}

/**
 * Extension point of the mlops backend plugin for fulfilling access requests:
 *
 * ```ts
 * createBackendModule({
 *   pluginId: 'mlops',
 *   moduleId: 'lake-formation-access',
 *   register(env) {
 *     env.registerInit({
 *       deps: { access: mlopsAccessFulfilmentExtensionPoint },
 *       async init({ access }) {
 *         access.setFulfiller(lakeFormationFulfiller);
 *       },
 *     });
 *   },
 * });
 * ```
 */
export const mlopsAccessFulfilmentExtensionPoint =
  createExtensionPoint<MlopsAccessFulfilmentExtensionPoint>({
    id: 'mlops.access-fulfilment',
  });
