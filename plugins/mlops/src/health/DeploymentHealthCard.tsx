import { stringifyEntityRef } from '@backstage/catalog-model';
import { useApi } from '@backstage/frontend-plugin-api';
import { useEntity } from '@backstage/plugin-catalog-react';
import useAsync from 'react-use/esm/useAsync';
import { mlopsApiRef } from '../api/mlopsApiRef';
import { AsyncBoundary } from '../components/AsyncBoundary';
import { DeploymentHealthView } from './DeploymentHealthView';
import { RetrainButton } from './RetrainButton';
import { MlCard } from '../components/MlCard';

/** A ModelDeployment's health from Model Monitor, with retraining. */
export function DeploymentHealthCard() {
  const { entity } = useEntity();
  const mlopsApi = useApi(mlopsApiRef);
  const entityRef = stringifyEntityRef(entity);
  const { value, loading, error } = useAsync(
    () => mlopsApi.getDeploymentHealth(entityRef),
    [mlopsApi, entityRef],
  );
  return (
    <MlCard title="Model health">
      <AsyncBoundary loading={loading} error={error}>
        {() => (
          <>
            <DeploymentHealthView health={value!} />
            <RetrainButton
              entityRef={entityRef}
              modelRef={value!.modelRef}
              pipeline={value!.retrainingPipeline}
            />
          </>
        )}
      </AsyncBoundary>
    </MlCard>
  );
}
