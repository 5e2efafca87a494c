/** ModelVersion -> Model. */
export const RELATION_VERSION_OF = 'versionOf';
/** Model -> ModelVersion. */
export const RELATION_HAS_VERSION = 'hasVersion';
/** ModelVersion -> Dataset or FeatureGroup it was trained on. */
export const RELATION_TRAINED_ON = 'trainedOn';
/** Dataset or FeatureGroup -> ModelVersion trained on it. */
export const RELATION_TRAINING_DATA_FOR = 'trainingDataFor';
/** Dataset or FeatureGroup -> the Dataset or FeatureGroup it is derived from. */
export const RELATION_DERIVED_FROM = 'derivedFrom';
/** Dataset or FeatureGroup -> what is derived from it. */
export const RELATION_SOURCE_OF = 'sourceOf';
/** ModelDeployment -> ModelVersion it serves. */
export const RELATION_DEPLOYS = 'deploys';
/** ModelVersion -> ModelDeployment that serves it. */
export const RELATION_DEPLOYED_BY = 'deployedBy';
/** data-pipeline Component -> Dataset or FeatureGroup it reads. */
export const RELATION_CONSUMES = 'consumes';
/** Dataset or FeatureGroup -> data-pipeline Component that reads it. */
export const RELATION_CONSUMED_BY = 'consumedBy';
/** data-pipeline Component -> Dataset or FeatureGroup it writes. */
export const RELATION_PRODUCES = 'produces';
/** Dataset or FeatureGroup -> data-pipeline Component that writes it. */
export const RELATION_PRODUCED_BY = 'producedBy';

/**
 * Each ML relation with its inverse, in the `[forward, inverse]` form that the
 * catalog graph uses to merge the two directions into one edge.
 */
export const ML_RELATION_PAIRS: ReadonlyArray<readonly [string, string]> = [
  [RELATION_VERSION_OF, RELATION_HAS_VERSION],
  [RELATION_TRAINED_ON, RELATION_TRAINING_DATA_FOR],
  [RELATION_DERIVED_FROM, RELATION_SOURCE_OF],
  [RELATION_DEPLOYS, RELATION_DEPLOYED_BY],
  [RELATION_CONSUMES, RELATION_CONSUMED_BY],
  [RELATION_PRODUCES, RELATION_PRODUCED_BY],
];
