import {
  parseEntityRef,
  stringifyEntityRef,
  type Entity,
} from '@backstage/catalog-model';
import { identityApiRef, useApi } from '@backstage/frontend-plugin-api';
import { useEntity } from '@backstage/plugin-catalog-react';
import { usePermission } from '@backstage/plugin-permission-react';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import FormControl from '@material-ui/core/FormControl';
import Grid from '@material-ui/core/Grid';
import InputLabel from '@material-ui/core/InputLabel';
import MenuItem from '@material-ui/core/MenuItem';
import Select from '@material-ui/core/Select';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import {
  mlopsGovernanceWaivePermission,
  mlopsReviewApprovePermission,
  mlopsReviewCreatePermission,
  type EffectivePolicy,
  type Review,
  type ReviewKind,
} from '@ml-foundation/plugin-mlops-common';
import { useState } from 'react';
import useAsync from 'react-use/esm/useAsync';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { mlopsApiRef } from '../api/mlopsApiRef';
import { AsyncBoundary } from '../components/AsyncBoundary';
import { ReviewCard, type Allowance } from './ReviewCard';
import { errorMessage } from '../components/errorMessage';
import { MlCard } from '../components/MlCard';

/** The Model a Model or ModelVersion entity belongs to. */
function modelRefOf(entity: Entity): string {
  if (entity.kind.toLocaleLowerCase('en-US') === 'model')
    return stringifyEntityRef(entity);
  return stringifyEntityRef(
    parseEntityRef(String(entity.spec?.model), {
      defaultKind: 'Model',
      defaultNamespace: entity.metadata.namespace,
    }),
  );
}

function allowance(
  permission: { loading: boolean; allowed: boolean },
  what: string,
): Allowance {
  if (permission.loading)
    return { allowed: false, reason: 'Checking your permissions…' };
  return permission.allowed
    ? { allowed: true }
    : {
        allowed: false,
        reason: `You are not allowed to ${what} for this model`,
      };
}

function RequestReviewForm(props: {
  policy: EffectivePolicy;
  allowed: Allowance;
  onRequest: (
    targetStage: string,
    kind: ReviewKind,
    comment: string,
  ) => Promise<void>;
}) {
  const stages = Object.keys(props.policy.transitions);
  const [stage, setStage] = useState(stages[0] ?? '');
  const [kind, setKind] = useState<ReviewKind>('promotion');
  const [comment, setComment] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<Error>();
  if (stages.length === 0) {
    return (
      <Typography color="textSecondary">
        The policy {props.policy.name} defines no transition.
      </Typography>
    );
  }
  const submit = async () => {
    setBusy(true);
    setError(undefined);
    try {
      await props.onRequest(stage, kind, comment.trim());
      setComment('');
    } catch (e) {
      setError(e as Error);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Box display="flex" alignItems="center" flexWrap="wrap" style={{ gap: 16 }}>
      <FormControl style={{ minWidth: 140 }}>
        <InputLabel id="mlops-review-kind">Request</InputLabel>
        <Select
          labelId="mlops-review-kind"
          value={kind}
          onChange={e => setKind(e.target.value as ReviewKind)}
        >
          <MenuItem value="promotion">Promotion</MenuItem>
          <MenuItem value="rollback">Rollback</MenuItem>
        </Select>
      </FormControl>
      <FormControl style={{ minWidth: 160 }}>
        <InputLabel id="mlops-review-stage">To stage</InputLabel>
        <Select
          labelId="mlops-review-stage"
          value={stage}
          onChange={e => setStage(String(e.target.value))}
        >
          {stages.map(s => (
            <MenuItem key={s} value={s}>
              {s}
            </MenuItem>
          ))}
        </Select>
      </FormControl>
      <TextField
        id="mlops-review-why"
        label="Why"
        size="small"
        variant="outlined"
        value={comment}
        onChange={e => setComment(e.target.value)}
        style={{ minWidth: 280 }}
      />
      <Button
        variant="contained"
        color="primary"
        disabled={!props.allowed.allowed || busy}
        onClick={submit}
      >
        Request {kind}
      </Button>
      {!props.allowed.allowed && (
        <Typography variant="body2" color="textSecondary">
          {props.allowed.reason}
        </Typography>
      )}
      {error && (
        <Typography color="error" role="alert">
          {errorMessage(error)}
        </Typography>
      )}
    </Box>
  );
}

/**
 * The Governance tab of a Model or ModelVersion: the policy, a form to request
 * a promotion or rollback (on a version), and each review with its
 * checkpoints, evidence and decisions.
 */
export function GovernanceContent() {
  const { entity } = useEntity();
  const entityRef = stringifyEntityRef(entity);
  const isVersion = entity.kind.toLocaleLowerCase('en-US') === 'modelversion';
  const modelRef = modelRefOf(entity);
  const mlopsApi = useApi(mlopsApiRef);
  const identityApi = useApi(identityApiRef);
  const create = usePermission({
    permission: mlopsReviewCreatePermission,
    resourceRef: entityRef,
  });
  const approve = usePermission({
    permission: mlopsReviewApprovePermission,
    resourceRef: entityRef,
  });
  const waive = usePermission({
    permission: mlopsGovernanceWaivePermission,
    resourceRef: entityRef,
  });
  const me = useAsync(
    async () => (await identityApi.getBackstageIdentity()).userEntityRef,
    [identityApi],
  );
  const policy = useAsync(
    () => mlopsApi.getPolicy(modelRef),
    [mlopsApi, modelRef],
  );
  const reviews = useAsyncRetry(
    () => mlopsApi.listReviews({ entityRef }),
    [mlopsApi, entityRef],
  );

  const approveFor = (review: Review): Allowance => {
    if (review.requestedBy === me.value) {
      return {
        allowed: false,
        reason: 'You requested this review: someone else must decide it',
      };
    }
    if (review.decisions.some(d => d.actor === me.value)) {
      return {
        allowed: false,
        reason: 'You have already decided on this review',
      };
    }
    return allowance(approve, 'approve or reject reviews');
  };
  const after = (action: Promise<unknown>) =>
    action.then(() => reviews.retry());

  return (
    <Grid container spacing={2}>
      <Grid item xs={12}>
        <MlCard title="Policy">
          <AsyncBoundary loading={policy.loading} error={policy.error}>
            {() => (
              <>
                <Typography variant="body2" paragraph>
                  Policy <strong>{policy.value!.name}</strong>:{' '}
                  {Object.entries(policy.value!.transitions)
                    .map(
                      ([stage, t]) =>
                        `to ${stage}: ${
                          t.checkpoints.map(c => c.id).join(', ') ||
                          'no checkpoint'
                        }`,
                    )
                    .join('; ')}
                </Typography>
                {isVersion ? (
                  <RequestReviewForm
                    policy={policy.value!}
                    allowed={allowance(create, 'request reviews')}
                    onRequest={(targetStage, kind, comment) =>
                      after(
                        mlopsApi.createReview({
                          entityRef,
                          targetStage,
                          kind,
                          comment: comment || undefined,
                        }),
                      )
                    }
                  />
                ) : (
                  <Typography variant="body2" color="textSecondary">
                    Open a version to request its promotion or rollback.
                  </Typography>
                )}
              </>
            )}
          </AsyncBoundary>
        </MlCard>
      </Grid>
      <Grid item xs={12}>
        <AsyncBoundary
          loading={reviews.loading && !reviews.value}
          error={reviews.error}
          empty={reviews.value?.length === 0}
          emptyTitle="No reviews yet"
          emptyDescription={
            isVersion
              ? 'Request a promotion above.'
              : 'No version of this model has been reviewed.'
          }
        >
          {() =>
            reviews.value!.map(review => (
              <Box key={review.id} mb={2}>
                <ReviewCard
                  review={review}
                  approve={approveFor(review)}
                  waive={allowance(waive, 'waive checkpoints')}
                  onDecide={(decision, comment) =>
                    after(mlopsApi.decide(review.id, { decision, comment }))
                  }
                  onWaive={(checkpointId, reason) =>
                    after(mlopsApi.waive(review.id, { checkpointId, reason }))
                  }
                  onRetryWriteBack={() =>
                    after(mlopsApi.retryWriteBack(review.id))
                  }
                />
              </Box>
            ))
          }
        </AsyncBoundary>
      </Grid>
    </Grid>
  );
}
