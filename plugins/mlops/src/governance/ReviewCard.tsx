import { InfoCard, Table, type TableColumn } from '@backstage/core-components';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Chip from '@material-ui/core/Chip';
import TextField from '@material-ui/core/TextField';
import Tooltip from '@material-ui/core/Tooltip';
import Typography from '@material-ui/core/Typography';
import type {
  CheckpointResult,
  Review,
} from '@ml-foundation/plugin-mlops-common';
import { useState } from 'react';
import { formatTime } from '../components/formatTime';
import { errorMessage } from '../components/errorMessage';

const STATE_COLOURS: Record<string, string> = {
  passed: '#2e7d32',
  waived: '#6a1b9a',
  failed: '#c62828',
  pending: '#ef6c00',
  open: '#ef6c00',
  completed: '#2e7d32',
  rejected: '#c62828',
  'approved-not-synced': '#c62828',
  superseded: '#757575',
};

export function StateChip(props: { state: string }) {
  const colour = STATE_COLOURS[props.state] ?? '#455a64';
  return (
    <Chip
      size="small"
      label={props.state}
      style={{ backgroundColor: colour, color: '#fff' }}
    />
  );
}

/** Whether the user may do something, and why not. */
export type Allowance = { allowed: boolean; reason?: string };

/** A button that is disabled with its reason shown when the user may not press it. */
function GuardedButton(props: {
  allowance: Allowance;
  onClick: () => void;
  children: string;
  colour?: 'primary' | 'secondary';
  busy: boolean;
}) {
  const { allowance } = props;
  const button = (
    <span>
      <Button
        variant="contained"
        color={props.colour ?? 'primary'}
        disabled={!allowance.allowed || props.busy}
        onClick={props.onClick}
      >
        {props.children}
      </Button>
    </span>
  );
  // Always in a tooltip, so that the button stays the same element.
  return (
    <Tooltip title={allowance.allowed ? '' : allowance.reason ?? ''}>
      {button}
    </Tooltip>
  );
}

/** One review: its checkpoints with evidence, decisions, and the actions the user may take. */
export function ReviewCard(props: {
  review: Review;
  approve: Allowance;
  waive: Allowance;
  onDecide: (decision: 'approve' | 'reject', comment: string) => Promise<void>;
  onWaive: (checkpointId: string, reason: string) => Promise<void>;
  onRetryWriteBack: () => Promise<void>;
}) {
  const { review } = props;
  const [comment, setComment] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<Error>();
  const run = async (action: () => Promise<void>) => {
    setBusy(true);
    setError(undefined);
    try {
      await action();
      setComment('');
    } catch (e) {
      setError(e as Error);
    } finally {
      setBusy(false);
    }
  };
  const open = review.state === 'open';
  const withComment = (allowance: Allowance, what: string): Allowance => {
    if (!allowance.allowed) return allowance;
    if (!comment.trim())
      return { allowed: false, reason: `Write ${what} first` };
    return allowance;
  };
  const needsComment = withComment(props.approve, 'a comment');
  const waiveWith = withComment(
    props.waive,
    'the reason for the waiver in the comment',
  );

  const columns: TableColumn<CheckpointResult>[] = [
    {
      title: 'Checkpoint',
      field: 'id',
      render: c => (
        <>
          <strong>{c.id}</strong>
          <br />
          {c.type}
        </>
      ),
    },
    {
      title: 'State',
      field: 'state',
      render: c => <StateChip state={c.state} />,
    },
    {
      title: 'Result',
      field: 'message',
      render: c => (
        <>
          {c.message}
          {c.waiver && (
            <Typography variant="caption" display="block">
              Waived by {c.waiver.by}: {c.waiver.reason}
            </Typography>
          )}
        </>
      ),
    },
    {
      title: 'Evidence',
      field: 'evidence',
      render: c => (
        <code style={{ fontSize: 11, whiteSpace: 'pre-wrap' }}>
          {Object.entries(c.evidence)
            .map(
              ([k, v]) =>
                `${k}: ${
                  typeof v === 'object' ? JSON.stringify(v) : String(v)
                }`,
            )
            .join('\n')}
        </code>
      ),
    },
    {
      title: 'Evaluated',
      field: 'evaluatedAt',
      render: c => formatTime(c.evaluatedAt),
    },
  ];
  if (open) {
    columns.push({
      title: '',
      field: 'id',
      render: c =>
        c.state === 'failed' || c.state === 'pending' ? (
          <GuardedButton
            allowance={waiveWith}
            busy={busy}
            colour="secondary"
            onClick={() => run(() => props.onWaive(c.id, comment.trim()))}
          >
            Waive
          </GuardedButton>
        ) : null,
    });
  }

  const title = `${review.kind === 'rollback' ? 'Rollback' : 'Promotion'} to ${
    review.targetStage
  }`;
  return (
    // A region per review, so that assistive technology (and tests) can tell
    // one review from another.
    <section aria-label={title}>
      <InfoCard
        title={
          <>
            {title} <StateChip state={review.state} />
          </>
        }
        subheader={
          // One inline span: the header lays its children out as flex items,
          // which would swallow the spaces around the links.
          <span>
            <EntityRefLink entityRef={review.entityRef} /> · requested by{' '}
            <EntityRefLink entityRef={review.requestedBy} defaultKind="user" />{' '}
            on {formatTime(review.requestedAt)} · policy {review.policy}
            {review.comment ? ` · “${review.comment}”` : ''}
          </span>
        }
      >
        <Table<CheckpointResult>
          options={{
            paging: false,
            search: false,
            toolbar: false,
            padding: 'dense',
          }}
          columns={columns}
          data={review.checkpoints}
        />
        <Box mt={2}>
          <Typography variant="subtitle2">Decisions</Typography>
          {review.decisions.length === 0 ? (
            <Typography variant="body2" color="textSecondary">
              No decision yet.
            </Typography>
          ) : (
            <ul>
              {review.decisions.map(d => (
                <li key={d.id}>
                  <strong>
                    {d.decision === 'approve' ? 'Approved' : 'Rejected'}
                  </strong>{' '}
                  by <EntityRefLink entityRef={d.actor} defaultKind="user" /> on{' '}
                  {formatTime(d.at)}: {d.comment}
                </li>
              ))}
            </ul>
          )}
          {review.writeBack && (
            <Typography
              variant="body2"
              color={
                review.writeBack.state === 'failed' ? 'error' : 'textSecondary'
              }
            >
              Write-back to SageMaker: {review.writeBack.state} after{' '}
              {review.writeBack.attempts} attempt(s)
              {review.writeBack.lastError
                ? ` — ${review.writeBack.lastError}`
                : ''}
            </Typography>
          )}
        </Box>
        {open && (
          <Box
            mt={2}
            display="flex"
            alignItems="center"
            style={{ gap: 8 }}
            flexWrap="wrap"
          >
            <TextField
              id={`mlops-comment-${review.id}`}
              label="Comment"
              variant="outlined"
              size="small"
              value={comment}
              onChange={e => setComment(e.target.value)}
              style={{ minWidth: 320 }}
              disabled={!props.approve.allowed && !props.waive.allowed}
            />
            <GuardedButton
              allowance={needsComment}
              busy={busy}
              onClick={() =>
                run(() => props.onDecide('approve', comment.trim()))
              }
            >
              Approve
            </GuardedButton>
            <GuardedButton
              allowance={needsComment}
              busy={busy}
              colour="secondary"
              onClick={() =>
                run(() => props.onDecide('reject', comment.trim()))
              }
            >
              Reject
            </GuardedButton>
            {!props.approve.allowed && (
              <Typography variant="body2" color="textSecondary">
                {props.approve.reason}
              </Typography>
            )}
          </Box>
        )}
        {review.state === 'approved-not-synced' && (
          <Box mt={2}>
            <GuardedButton
              allowance={props.approve}
              busy={busy}
              onClick={() => run(props.onRetryWriteBack)}
            >
              Retry write-back
            </GuardedButton>
          </Box>
        )}
        {error && (
          <Typography color="error" role="alert">
            {errorMessage(error)}
          </Typography>
        )}
      </InfoCard>
    </section>
  );
}
