import type { Table } from '@aws-sdk/client-glue';

// SageMaker Feature Store writes a feature group's offline store under
// <s3Uri>/<account>/sagemaker/<region>/offline-store/<group>-<created>/data,
// and its Glue table points there.
const OFFLINE_STORE_LOCATION =
  /\/\d{12}\/sagemaker\/[a-z0-9-]+\/offline-store\/[^/]+\/data\/?$/;

/**
 * Whether a Glue table is the offline store of a SageMaker feature group.
 * The SageMaker provider emits those, as datasets derived from their feature
 * group; emitting them here too would make unrelated duplicates.
 */
export function isFeatureStoreOfflineTable(table: Table): boolean {
  return OFFLINE_STORE_LOCATION.test(table.StorageDescriptor?.Location ?? '');
}
