import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import { Link } from '@backstage/core-components';
import type { ModelVersionEntityV1alpha1 } from '@ml-foundation/plugin-mlops-common';
import { useEntityPath } from '../components/useEntityPath';
import { RUN_QUERY_PARAMETER, TRAINING_RUNS_PATH } from './trainingRunsRoute';

/** A version's training job, linking to its model's Training runs tab with the run selected. */
export function TrainingRunLink(props: {
  version: ModelVersionEntityV1alpha1;
}) {
  const entityPath = useEntityPath();
  const { spec, metadata } = props.version;
  const job = spec.training?.jobName;
  if (!job) return <>—</>;
  const modelRef = stringifyEntityRef(
    parseEntityRef(spec.model, {
      defaultKind: 'model',
      defaultNamespace: metadata.namespace ?? 'default',
    }),
  );
  const to = `${entityPath(
    modelRef,
  )}/${TRAINING_RUNS_PATH}?${RUN_QUERY_PARAMETER}=${encodeURIComponent(job)}`;
  return (
    <>
      {job} — <Link to={to}>compare with other runs</Link>
    </>
  );
}
