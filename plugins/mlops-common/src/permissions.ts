import { createPermission } from '@backstage/plugin-permission-common';
import { RESOURCE_TYPE_CATALOG_ENTITY } from '@backstage/plugin-catalog-common/alpha';

// Every permission is typed on catalog entities, so a policy can decide on
// the entity (a ModelVersion, Model, Dataset...), e.g. by its owner.

/** Request promotion or rollback of a ModelVersion to a stage. */
export const mlopsReviewCreatePermission = createPermission({
  name: 'mlops.review.create',
  attributes: { action: 'create' },
  resourceType: RESOURCE_TYPE_CATALOG_ENTITY,
});

/** Approve or reject a review of a ModelVersion. */
export const mlopsReviewApprovePermission = createPermission({
  name: 'mlops.review.approve',
  attributes: { action: 'update' },
  resourceType: RESOURCE_TYPE_CATALOG_ENTITY,
});

/** Waive a failed or pending checkpoint of a review, with a reason. */
export const mlopsGovernanceWaivePermission = createPermission({
  name: 'mlops.governance.waive',
  attributes: { action: 'update' },
  resourceType: RESOURCE_TYPE_CATALOG_ENTITY,
});

/** Read the audit trail of an entity. */
export const mlopsAuditReadPermission = createPermission({
  name: 'mlops.audit.read',
  attributes: { action: 'read' },
  resourceType: RESOURCE_TYPE_CATALOG_ENTITY,
});

/** Start the retraining pipeline of a Model. */
export const mlopsRetrainPermission = createPermission({
  name: 'mlops.retrain',
  attributes: { action: 'create' },
  resourceType: RESOURCE_TYPE_CATALOG_ENTITY,
});

/** Request access to a Dataset or FeatureGroup. */
export const mlopsAccessRequestPermission = createPermission({
  name: 'mlops.access.request',
  attributes: { action: 'create' },
  resourceType: RESOURCE_TYPE_CATALOG_ENTITY,
});

/**
 * Approve or reject access requests to a Dataset or FeatureGroup; the
 * approver must also own the data or belong to its approver or privacy group.
 */
export const mlopsAccessApprovePermission = createPermission({
  name: 'mlops.access.approve',
  attributes: { action: 'update' },
  resourceType: RESOURCE_TYPE_CATALOG_ENTITY,
});

/** Every permission of ML Foundation. */
export const mlopsPermissions = [
  mlopsReviewCreatePermission,
  mlopsReviewApprovePermission,
  mlopsGovernanceWaivePermission,
  mlopsAuditReadPermission,
  mlopsRetrainPermission,
  mlopsAccessRequestPermission,
  mlopsAccessApprovePermission,
];
