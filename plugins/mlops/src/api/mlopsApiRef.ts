import { createApiRef } from '@backstage/frontend-plugin-api';
import type { MlopsApi } from '@ml-foundation/plugin-mlops-common';

/** The mlops backend's REST API (governance, audit trail, lineage). */
export const mlopsApiRef = createApiRef<MlopsApi>().with({
  id: 'plugin.mlops.api',
  pluginId: 'mlops',
});
