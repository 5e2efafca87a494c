import { stringifyEntityRef } from '@backstage/catalog-model';
import { identityApiRef, useApi } from '@backstage/frontend-plugin-api';
import { EntityRefLink, useEntity } from '@backstage/plugin-catalog-react';
import { usePermission } from '@backstage/plugin-permission-react';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Chip from '@material-ui/core/Chip';
import Dialog from '@material-ui/core/Dialog';
import DialogActions from '@material-ui/core/DialogActions';
import DialogContent from '@material-ui/core/DialogContent';
import DialogTitle from '@material-ui/core/DialogTitle';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import {
  mlopsAccessApprovePermission,
  mlopsAccessRequestPermission,
  type AccessRequest,
} from '@ml-foundation/plugin-mlops-common';
import { Fragment, useState } from 'react';
import useAsync from 'react-use/esm/useAsync';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { mlopsApiRef } from '../api/mlopsApiRef';
import { AsyncBoundary } from '../components/AsyncBoundary';
import { errorMessage } from '../components/errorMessage';
import { MlCard } from '../components/MlCard';

function RequestAccessDialog(props: {
  open: boolean;
  onClose: () => void;
  onSubmit: (purpose: string, durationDays: number) => Promise<void>;
}) {
  const [purpose, setPurpose] = useState('');
  const [days, setDays] = useState('30');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<Error>();
  const durationDays = Number(days);
  const valid =
    purpose.trim().length > 0 &&
    Number.isInteger(durationDays) &&
    durationDays > 0;
  const submit = async () => {
    setBusy(true);
    setError(undefined);
    try {
      await props.onSubmit(purpose.trim(), durationDays);
      setPurpose('');
      props.onClose();
    } catch (e) {
      setError(e as Error);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Dialog open={props.open} onClose={props.onClose} fullWidth>
      <DialogTitle>Request access</DialogTitle>
      <DialogContent>
        <TextField
          id="access-request-purpose"
          label="Purpose"
          value={purpose}
          onChange={e => setPurpose(e.target.value)}
          fullWidth
          multiline
          margin="normal"
          helperText="What you will use the data for; the approvers read it."
        />
        <TextField
          id="access-request-duration"
          label="Duration (days)"
          type="number"
          value={days}
          onChange={e => setDays(e.target.value)}
          margin="normal"
        />
        {error && (
          <Typography color="error" variant="body2">
            {errorMessage(error)}
          </Typography>
        )}
      </DialogContent>
      <DialogActions>
        <Button onClick={props.onClose}>Cancel</Button>
        <Button
          color="primary"
          variant="contained"
          disabled={!valid || busy}
          onClick={submit}
        >
          Send request
        </Button>
      </DialogActions>
    </Dialog>
  );
}

/** Approvers (users or groups) as links that show their names. */
function EntityLinks(props: { refs: string[] }) {
  return (
    <>
      {props.refs.map((ref, i) => (
        <Fragment key={ref}>
          {i > 0 && ', '}
          <EntityRefLink entityRef={ref} />
        </Fragment>
      ))}
    </>
  );
}

function RequestRow(props: {
  request: AccessRequest;
  me?: string;
  mayDecide: boolean;
  onDecide: (decision: 'approve' | 'reject', comment: string) => Promise<void>;
}) {
  const { request, me } = props;
  const [comment, setComment] = useState('');
  const [error, setError] = useState<Error>();
  const [busy, setBusy] = useState(false);
  const decided = request.decisions.some(d => d.actor === me);
  let reason: string | undefined;
  if (request.requestedBy === me) {
    reason = 'You requested this access: someone else must decide it';
  } else if (decided) {
    reason = 'You decided on this request already';
  } else if (!props.mayDecide) {
    reason = 'You are not allowed to decide access to this data';
  }
  const decide = async (decision: 'approve' | 'reject') => {
    setBusy(true);
    setError(undefined);
    try {
      await props.onDecide(decision, comment);
    } catch (e) {
      setError(e as Error);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Box mb={2} data-testid={`access-request-${request.id}`}>
      <Box display="flex" alignItems="center" style={{ gap: 8 }}>
        <Typography variant="subtitle2">
          <EntityRefLink entityRef={request.requestedBy} defaultKind="user" />
        </Typography>
        <Chip size="small" label={request.state} />
        <Typography variant="body2" color="textSecondary">
          {request.durationDays} days
          {request.expiresAt ? `, until ${request.expiresAt.slice(0, 10)}` : ''}
        </Typography>
      </Box>
      <Typography variant="body2">{request.purpose}</Typography>
      <Typography variant="body2" color="textSecondary">
        Approvals needed: {request.requiredSteps.join(', ')}
        {request.pendingSteps.length > 0 && (
          <>
            {' (waiting for '}
            {request.pendingSteps.map((step, i) => (
              <Fragment key={step}>
                {i > 0 && '; '}
                {step}: <EntityLinks refs={request.approvers[step] ?? []} />
              </Fragment>
            ))}
            )
          </>
        )}
      </Typography>
      {request.decisions.map(d => (
        <Typography key={d.actor} variant="body2">
          <EntityRefLink entityRef={d.actor} defaultKind="user" />{' '}
          {d.decision === 'approve' ? 'approved' : 'rejected'} ({d.step})
          {d.comment ? `: ${d.comment}` : ''}
        </Typography>
      ))}
      {request.fulfilment && (
        <Typography
          variant="body2"
          color={request.fulfilment.status === 'failed' ? 'error' : 'initial'}
        >
          {request.fulfilment.message}
        </Typography>
      )}
      {request.state === 'pending' &&
        (reason ? (
          <Typography variant="caption" color="textSecondary">
            {reason}
          </Typography>
        ) : (
          <Box display="flex" alignItems="center" style={{ gap: 8 }}>
            <TextField
              id={`access-request-comment-${request.id}`}
              label="Comment"
              size="small"
              value={comment}
              onChange={e => setComment(e.target.value)}
            />
            <Button
              color="primary"
              disabled={busy}
              onClick={() => decide('approve')}
            >
              Approve
            </Button>
            <Button disabled={busy} onClick={() => decide('reject')}>
              Reject
            </Button>
          </Box>
        ))}
      {error && (
        <Typography color="error" variant="body2">
          {errorMessage(error)}
        </Typography>
      )}
    </Box>
  );
}

/**
 * Access requests of a Dataset or FeatureGroup: ask for access with a
 * purpose and duration; the data's approvers approve or reject here. The
 * backend enforces who may decide; the card explains why it hides the
 * buttons.
 */
export function AccessRequestsCard() {
  const { entity } = useEntity();
  const entityRef = stringifyEntityRef(entity);
  const mlopsApi = useApi(mlopsApiRef);
  const identityApi = useApi(identityApiRef);
  const [open, setOpen] = useState(false);
  const { value: me } = useAsync(
    async () => (await identityApi.getBackstageIdentity()).userEntityRef,
    [identityApi],
  );
  const requestAllowed = usePermission({
    permission: mlopsAccessRequestPermission,
    resourceRef: entityRef,
  });
  const decideAllowed = usePermission({
    permission: mlopsAccessApprovePermission,
    resourceRef: entityRef,
  });
  const requests = useAsyncRetry(
    () => mlopsApi.listAccessRequests({ entityRef }),
    [mlopsApi, entityRef],
  );
  const hasPending = (requests.value ?? []).some(
    r => r.requestedBy === me && r.state === 'pending',
  );
  const classification = entity.spec?.classification;
  return (
    <MlCard
      title="Access requests"
      subheader={
        typeof classification === 'string' &&
        classification.toLocaleLowerCase('en-US') === 'pii'
          ? 'PII data: the owners and the privacy group must both approve'
          : 'The data owners approve'
      }
      action={
        <Button
          color="primary"
          variant="outlined"
          disabled={!requestAllowed.allowed || hasPending}
          onClick={() => setOpen(true)}
        >
          Request access
        </Button>
      }
    >
      <AsyncBoundary
        loading={requests.loading}
        error={requests.error}
        empty={(requests.value ?? []).length === 0}
        emptyTitle="No access requests yet"
        inline
      >
        {() =>
          (requests.value ?? []).map(request => (
            <RequestRow
              key={request.id}
              request={request}
              me={me}
              mayDecide={decideAllowed.allowed}
              onDecide={async (decision, comment) => {
                await mlopsApi.decideAccessRequest(request.id, {
                  decision,
                  ...(comment ? { comment } : {}),
                });
                requests.retry();
              }}
            />
          ))
        }
      </AsyncBoundary>
      <RequestAccessDialog
        open={open}
        onClose={() => setOpen(false)}
        onSubmit={async (purpose, durationDays) => {
          await mlopsApi.createAccessRequest({
            entityRef,
            purpose,
            durationDays,
          });
          requests.retry();
        }}
      />
    </MlCard>
  );
}
