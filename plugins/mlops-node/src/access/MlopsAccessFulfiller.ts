import type { Entity } from '@backstage/catalog-model';
import type { AccessRequest } from '@ml-foundation/plugin-mlops-common';

/**
 * Grants an approved access request, e.g. with a Lake Formation grant on the
 * dataset's Glue table for the requester's IAM role until `expiresAt`.
 */
export interface MlopsAccessFulfiller {
  /** Recorded on the request and in the audit trail, e.g. `lake-formation`. */
  id: string;
  /**
   * Called once, when the last approval of a request is given.
   *
   * @returns what was done, shown to the requester.
   * @throws when access could not be granted; the request stays approved
   *   and shows the failure.
   */
  fulfil(request: AccessRequest, entity: Entity): Promise<{ message: string }>;
}
