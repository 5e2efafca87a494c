import { useApi } from '@backstage/frontend-plugin-api';
import { usePermission } from '@backstage/plugin-permission-react';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import {
  ML_ANNOTATION_RETRAINING_PIPELINE,
  mlopsRetrainPermission,
  type RetrainingRun,
} from '@ml-foundation/plugin-mlops-common';
import { useState } from 'react';
import { mlopsApiRef } from '../api/mlopsApiRef';

/**
 * Starts the Model's retraining pipeline with a reason, for users with
 * `mlops.retrain` on the Model; disabled, saying why, otherwise.
 */
export function RetrainButton(props: {
  /** The Model or ModelDeployment the request is made from. */
  entityRef: string;
  /** The Model the permission is checked on. */
  modelRef?: string;
  pipeline?: string;
  onStarted?: (run: RetrainingRun) => void;
}) {
  const mlopsApi = useApi(mlopsApiRef);
  const permission = usePermission({
    permission: mlopsRetrainPermission,
    resourceRef: props.modelRef ?? props.entityRef,
  });
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const [run, setRun] = useState<RetrainingRun>();

  let disabledBecause: string | undefined;
  if (!props.pipeline) {
    disabledBecause = `The Model names no retraining pipeline (annotation ${ML_ANNOTATION_RETRAINING_PIPELINE})`;
  } else if (!permission.loading && !permission.allowed) {
    disabledBecause = 'You lack the mlops.retrain permission on this Model';
  }

  const start = async () => {
    setBusy(true);
    setError(undefined);
    try {
      const started = await mlopsApi.retrain({
        entityRef: props.entityRef,
        reason: reason.trim(),
      });
      setRun(started);
      setReason('');
      props.onStarted?.(started);
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Box mt={2}>
      <Box display="flex" alignItems="center" style={{ gap: 8 }}>
        <TextField
          id="mlops-retrain-reason"
          label="Reason for retraining"
          size="small"
          value={reason}
          disabled={Boolean(disabledBecause)}
          onChange={e => setReason(e.target.value)}
          style={{ flexGrow: 1 }}
        />
        <Button
          variant="contained"
          color="primary"
          disabled={
            Boolean(disabledBecause) ||
            permission.loading ||
            busy ||
            !reason.trim()
          }
          onClick={start}
        >
          Retrain
        </Button>
      </Box>
      {disabledBecause && (
        <Typography variant="caption" color="textSecondary">
          {disabledBecause}
        </Typography>
      )}
      {props.pipeline && !disabledBecause && (
        <Typography variant="caption" color="textSecondary">
          Starts SageMaker pipeline {props.pipeline}
        </Typography>
      )}
      {error && (
        <Typography variant="body2" color="error">
          {error}
        </Typography>
      )}
      {run && (
        <Typography variant="body2">
          Started {run.executionArn} ({run.status})
        </Typography>
      )}
    </Box>
  );
}
