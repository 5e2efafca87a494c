import { stringifyEntityRef } from '@backstage/catalog-model';
import { useApi } from '@backstage/frontend-plugin-api';
import { EntityRefLink, useEntity } from '@backstage/plugin-catalog-react';
import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import { ML_ANNOTATION_RETRAINING_PIPELINE } from '@ml-foundation/plugin-mlops-common';
import { useState } from 'react';
import useAsync from 'react-use/esm/useAsync';
import { mlopsApiRef } from '../api/mlopsApiRef';
import { AsyncBoundary } from '../components/AsyncBoundary';
import { formatTime } from '../components/formatTime';
import { DeploymentHealthView } from './DeploymentHealthView';
import { RetrainButton } from './RetrainButton';
import { MlCard } from '../components/MlCard';

/** Health of every deployment of a Model, its retraining runs and a retrain button. */
export function ModelHealthCard() {
  const { entity } = useEntity();
  const mlopsApi = useApi(mlopsApiRef);
  const modelRef = stringifyEntityRef(entity);
  const [started, setStarted] = useState(0);
  const { value, loading, error } = useAsync(
    async () => ({
      deployments: await mlopsApi.getModelHealth(modelRef),
      runs: await mlopsApi.listRetrainingRuns(modelRef),
    }),
    [mlopsApi, modelRef, started],
  );
  return (
    <MlCard title="Model health">
      <AsyncBoundary loading={loading} error={error}>
        {() => (
          <>
            {value!.deployments.length === 0 && (
              <Typography variant="body2" color="textSecondary">
                No deployment serves a version of this model
              </Typography>
            )}
            {value!.deployments.map(d => (
              <Box key={d.entityRef} mb={2}>
                <Typography variant="subtitle2">
                  <EntityRefLink entityRef={d.entityRef} />
                </Typography>
                <DeploymentHealthView health={d} />
              </Box>
            ))}
            {value!.runs.length > 0 && (
              <Box mt={1}>
                <Typography variant="subtitle2">Retraining runs</Typography>
                {value!.runs.map(run => (
                  <Typography variant="body2" key={run.id}>
                    {formatTime(run.startedAt)}: {run.status}, started by{' '}
                    {run.startedBy}: {run.reason}
                  </Typography>
                ))}
              </Box>
            )}
            <RetrainButton
              entityRef={modelRef}
              pipeline={
                entity.metadata.annotations?.[ML_ANNOTATION_RETRAINING_PIPELINE]
              }
              onStarted={() => setStarted(n => n + 1)}
            />
          </>
        )}
      </AsyncBoundary>
    </MlCard>
  );
}
