import {
  EmptyState,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import Typography from '@material-ui/core/Typography';
import Alert from '@material-ui/lab/Alert';
import { ResponseError } from '@backstage/errors';
import type { ReactNode } from 'react';
import { errorMessage } from './errorMessage';

/**
 * Shows a loading bar, what failed, or an empty state, so a card is never
 * blank; renders its children once there is something to show. A refusal
 * (403) is not a failure: it says, in the server's words, what is needed.
 */
export function AsyncBoundary(props: {
  loading: boolean;
  error?: Error;
  /** When true (and not loading), `emptyTitle` replaces the children. */
  empty?: boolean;
  emptyTitle?: string;
  emptyDescription?: string;
  /** A one-line empty state, for a section inside a card. */
  inline?: boolean;
  children: () => ReactNode;
}) {
  const { loading, error, empty, emptyTitle, emptyDescription } = props;
  if (loading) return <Progress />;
  if (error && ResponseError.is(error) && error.statusCode === 403) {
    return (
      <Alert severity="info">You may not see this: {errorMessage(error)}</Alert>
    );
  }
  if (error) return <ResponseErrorPanel error={error} />;
  if (empty && props.inline) {
    return (
      <Typography variant="body2" color="textSecondary">
        {emptyTitle ?? 'Nothing to show'}
        {emptyDescription ? `. ${emptyDescription}` : ''}
      </Typography>
    );
  }
  if (empty) {
    return (
      <EmptyState
        missing="data"
        title={emptyTitle ?? 'Nothing to show'}
        description={emptyDescription}
      />
    );
  }
  return <>{props.children()}</>;
}
