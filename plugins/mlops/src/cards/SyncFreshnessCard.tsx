import type { Entity } from '@backstage/catalog-model';
import {
  Progress,
  StatusError,
  StatusOK,
  StatusWarning,
  WarningPanel,
} from '@backstage/core-components';
import {
  discoveryApiRef,
  fetchApiRef,
  useApi,
} from '@backstage/frontend-plugin-api';
import { useEntity } from '@backstage/plugin-catalog-react';
import Typography from '@material-ui/core/Typography';
import {
  ML_ANNOTATION_AWS_PROVIDER,
  ML_ANNOTATION_SYNC_WARNINGS,
  type SyncWarning,
} from '@ml-foundation/plugin-mlops-common';
import { ResponseError } from '@backstage/errors';
import useAsync from 'react-use/esm/useAsync';
import { formatAge, formatTime } from '../components/formatTime';
import { errorMessage } from '../components/errorMessage';
import { MlCard } from '../components/MlCard';

/** What the providers' status routes answer (see mlops-node's createAwsSyncStatusHandler). */
type AwsSyncStatusResponse = {
  providers: Array<{
    providerId: string;
    latestSync: {
      finishedAt: string;
      outcome: string;
      errors: string[];
      lastAppliedAt?: string;
    } | null;
  }>;
};

/** True for entities an AWS provider synced. */
export function isAwsSynced(entity: Entity): boolean {
  return Boolean(entity.metadata.annotations?.[ML_ANNOTATION_AWS_PROVIDER]);
}

/** The sync warnings recorded on an entity; a malformed annotation is one warning. */
export function syncWarnings(entity: Entity): SyncWarning[] {
  const raw = entity.metadata.annotations?.[ML_ANNOTATION_SYNC_WARNINGS];
  if (!raw) return [];
  try {
    const parsed = JSON.parse(raw);
    return Array.isArray(parsed) ? parsed : [];
  } catch {
    return [{ read: 'sync warnings', reason: `unreadable annotation: ${raw}` }];
  }
}

/** Lists what a provider could not read for the entity. */
export function SyncWarnings(props: { entity: Entity }) {
  const warnings = syncWarnings(props.entity);
  if (warnings.length === 0) return null;
  return (
    <WarningPanel
      severity="warning"
      title={`The last sync could not read ${warnings.length} ${
        warnings.length === 1 ? 'thing' : 'things'
      } for this entity`}
      defaultExpanded
    >
      <ul>
        {warnings.map(w => (
          <li key={`${w.read}|${w.reason}`}>
            <strong>{w.read}</strong>: {w.reason}
          </li>
        ))}
      </ul>
    </WarningPanel>
  );
}

/**
 * When the entity's AWS source was last synced, whether that sync failed, and
 * what it could not read for this entity.
 */
export function SyncFreshnessCard() {
  const { entity } = useEntity();
  const discoveryApi = useApi(discoveryApiRef);
  const fetchApi = useApi(fetchApiRef);
  const providerId =
    entity.metadata.annotations?.[ML_ANNOTATION_AWS_PROVIDER] ?? '';
  // `aws-sagemaker:demo` serves its status at {catalog}/aws-sagemaker/status.
  const route = providerId.split(':')[0];
  const status = useAsync(async () => {
    const base = await discoveryApi.getBaseUrl('catalog');
    const response = await fetchApi.fetch(`${base}/${route}/status`);
    if (!response.ok) throw await ResponseError.fromResponse(response);
    const body = (await response.json()) as AwsSyncStatusResponse;
    return (
      body.providers.find(p => p.providerId === providerId)?.latestSync ?? null
    );
  }, [discoveryApi, fetchApi, route, providerId]);

  let summary;
  if (status.loading) {
    summary = <Progress />;
  } else if (status.error) {
    summary = (
      <Typography color="error">
        Could not read the sync status of {providerId}:{' '}
        {errorMessage(status.error)}
      </Typography>
    );
  } else if (!status.value) {
    summary = (
      <StatusWarning>{providerId} has not finished a sync yet</StatusWarning>
    );
  } else {
    const sync = status.value;
    const ok = sync.outcome === 'applied';
    summary = (
      <>
        {ok ? (
          <StatusOK>
            Synced from {providerId} {formatAge(sync.finishedAt)} (
            {formatTime(sync.finishedAt)})
          </StatusOK>
        ) : (
          <StatusError>
            Last sync from {providerId} {formatAge(sync.finishedAt)} was{' '}
            {sync.outcome}
            {sync.lastAppliedAt
              ? `; data is from ${formatTime(sync.lastAppliedAt)}`
              : ''}
          </StatusError>
        )}
        {sync.errors.length > 0 && (
          <ul>
            {sync.errors.map(e => (
              <li key={e}>
                <Typography variant="body2" color="error">
                  {e}
                </Typography>
              </li>
            ))}
          </ul>
        )}
      </>
    );
  }
  return (
    <MlCard title="AWS sync">
      {summary}
      <SyncWarnings entity={entity} />
    </MlCard>
  );
}
