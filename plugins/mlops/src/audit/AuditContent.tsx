import { stringifyEntityRef } from '@backstage/catalog-model';
import {
  StatusError,
  StatusOK,
  Table,
  type TableColumn,
} from '@backstage/core-components';
import { fetchApiRef, useApi } from '@backstage/frontend-plugin-api';
import { EntityRefLink, useEntity } from '@backstage/plugin-catalog-react';
import { ResponseError } from '@backstage/errors';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import type {
  AuditEvent,
  AuditQuery,
} from '@ml-foundation/plugin-mlops-common';
import { useEffect, useState } from 'react';
import useAsync from 'react-use/esm/useAsync';
import { mlopsApiRef } from '../api/mlopsApiRef';
import { AsyncBoundary } from '../components/AsyncBoundary';
import { formatTime } from '../components/formatTime';
import { errorMessage } from '../components/errorMessage';
import { AuditDetails } from './AuditDetails';
import { MlCard } from '../components/MlCard';

const PAGE_SIZE = 50;

function VerificationBadge() {
  const mlopsApi = useApi(mlopsApiRef);
  const verification = useAsync(() => mlopsApi.verifyAudit(), [mlopsApi]);
  if (verification.loading)
    return <Typography variant="body2">Verifying the chain…</Typography>;
  if (verification.error) {
    return (
      <StatusError>
        Chain not verified: {errorMessage(verification.error)}
      </StatusError>
    );
  }
  const v = verification.value!;
  return v.ok ? (
    <StatusOK>
      Chain verified: {v.checkedEvents} events intact (
      {formatTime(v.verifiedAt)})
    </StatusOK>
  ) : (
    <StatusError>
      Chain broken at event #{v.firstBrokenEvent?.sequence}:{' '}
      {v.firstBrokenEvent?.reason}
    </StatusError>
  );
}

/**
 * The Audit trail tab: the entity's events (a Model's include its versions'),
 * newest first, with filters, export and the chain's verification.
 */
export function AuditContent() {
  const { entity } = useEntity();
  const entityRef = stringifyEntityRef(entity);
  const mlopsApi = useApi(mlopsApiRef);
  const fetchApi = useApi(fetchApiRef);
  const [draft, setDraft] = useState({
    actor: '',
    action: '',
    from: '',
    to: '',
  });
  const [filters, setFilters] = useState<AuditQuery>({});
  const [events, setEvents] = useState<AuditEvent[]>([]);
  const [cursor, setCursor] = useState<string>();
  const [state, setState] = useState<{ loading: boolean; error?: Error }>({
    loading: true,
  });
  const [exportError, setExportError] = useState<Error>();
  const query: AuditQuery = { ...filters, entityRef };

  const load = async (from: string | undefined, append: boolean) => {
    setState({ loading: true });
    try {
      const page = await mlopsApi.listAuditEvents({
        ...query,
        cursor: from,
        limit: PAGE_SIZE,
      });
      setEvents(previous =>
        append ? [...previous, ...page.items] : page.items,
      );
      setCursor(page.nextCursor);
      setState({ loading: false });
    } catch (error) {
      setState({ loading: false, error: error as Error });
    }
  };
  useEffect(() => {
    load(undefined, false);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [mlopsApi, entityRef, filters]);

  const download = async (format: 'csv' | 'jsonl') => {
    setExportError(undefined);
    try {
      const url = await mlopsApi.auditExportUrl({ ...query, format });
      // Fetched with the user's token, then handed to the browser as a file.
      const response = await fetchApi.fetch(url);
      if (!response.ok) throw await ResponseError.fromResponse(response);
      const blob = await response.blob();
      const link = document.createElement('a');
      link.href = URL.createObjectURL(blob);
      link.download = `audit-${entity.metadata.name}.${format}`;
      link.click();
      URL.revokeObjectURL(link.href);
    } catch (error) {
      setExportError(error as Error);
    }
  };

  const columns: TableColumn<AuditEvent>[] = [
    {
      title: 'Time',
      field: 'occurredAt',
      render: e => formatTime(e.occurredAt),
    },
    {
      title: 'Actor',
      field: 'actor',
      render: e =>
        e.actor.startsWith('user:') ? (
          <EntityRefLink entityRef={e.actor} />
        ) : (
          e.actor
        ),
    },
    {
      title: 'Action',
      field: 'action',
      cellStyle: { whiteSpace: 'nowrap' },
    },
    {
      title: 'About',
      field: 'targetRef',
      render: e => <EntityRefLink entityRef={e.targetRef} />,
    },
    {
      title: 'Details',
      field: 'details',
      width: '45%',
      render: e => <AuditDetails details={e.details} />,
    },
    { title: '#', field: 'sequence', type: 'numeric' },
  ];

  const field = (name: keyof typeof draft, label: string, type = 'text') => (
    <TextField
      id={`mlops-audit-${name}`}
      label={label}
      size="small"
      variant="outlined"
      type={type}
      InputLabelProps={type === 'date' ? { shrink: true } : undefined}
      value={draft[name]}
      onChange={e => setDraft({ ...draft, [name]: e.target.value })}
    />
  );
  return (
    <MlCard title="Audit trail" subheader={<VerificationBadge />}>
      <Box
        display="flex"
        flexWrap="wrap"
        alignItems="center"
        mb={2}
        style={{ gap: 8 }}
      >
        {field('actor', 'Actor (user:default/…)')}
        {field('action', 'Action')}
        {field('from', 'From', 'date')}
        {field('to', 'To', 'date')}
        <Button
          variant="outlined"
          onClick={() =>
            setFilters({
              actor: draft.actor || undefined,
              action: draft.action || undefined,
              from: draft.from ? new Date(draft.from).toISOString() : undefined,
              to: draft.to ? new Date(draft.to).toISOString() : undefined,
            })
          }
        >
          Filter
        </Button>
        <Button variant="outlined" onClick={() => download('csv')}>
          Export CSV
        </Button>
        <Button variant="outlined" onClick={() => download('jsonl')}>
          Export JSON Lines
        </Button>
      </Box>
      {exportError && (
        <Typography color="error" role="alert">
          Export failed: {errorMessage(exportError)}
        </Typography>
      )}
      <AsyncBoundary
        loading={state.loading && events.length === 0}
        error={state.error}
        empty={events.length === 0}
        emptyTitle="No audit events"
        emptyDescription="Nothing has been recorded about this entity with these filters."
      >
        {() => (
          <>
            <Table<AuditEvent>
              options={{
                paging: false,
                search: false,
                toolbar: false,
                padding: 'dense',
              }}
              columns={columns}
              data={events}
            />
            {cursor && (
              <Box mt={1}>
                <Button
                  disabled={state.loading}
                  onClick={() => load(cursor, true)}
                >
                  Load older events
                </Button>
              </Box>
            )}
          </>
        )}
      </AsyncBoundary>
    </MlCard>
  );
}
