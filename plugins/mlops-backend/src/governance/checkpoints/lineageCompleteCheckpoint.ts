import type { MlopsCheckpointType } from '@ml-foundation/plugin-mlops-node';

/**
 * The version's training data is known (it names the Datasets or
 * FeatureGroups it was trained on), each is in the catalog, and none is
 * deprecated.
 */
export const lineageCompleteCheckpoint: MlopsCheckpointType = {
  type: 'lineage-complete',
  async evaluate({ version, getEntity }) {
    const trainedOn = (version.spec?.trainedOn as string[] | undefined) ?? [];
    if (trainedOn.length === 0) {
      return {
        state: 'failed',
        message: 'The training data of this version is not known',
        evidence: { trainedOn: [], missing: [], deprecated: [] },
      };
    }
    const inputs = await Promise.all(
      trainedOn.map(async ref => ({ ref, entity: await getEntity(ref) })),
    );
    const missing = inputs.filter(i => !i.entity).map(i => i.ref);
    const deprecated = inputs
      .filter(i => i.entity?.spec?.lifecycle === 'deprecated')
      .map(i => i.ref);
    const evidence = { trainedOn, missing, deprecated };
    if (missing.length > 0 || deprecated.length > 0) {
      return {
        state: 'failed',
        message: [
          missing.length > 0 ? `not in the catalog: ${missing.join(', ')}` : '',
          deprecated.length > 0 ? `deprecated: ${deprecated.join(', ')}` : '',
        ]
          .filter(Boolean)
          .join('; '),
        evidence,
      };
    }
    return {
      state: 'passed',
      message: `Trained on ${trainedOn.join(', ')}`,
      evidence,
    };
  },
};
