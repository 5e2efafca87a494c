import { useApi } from '@backstage/frontend-plugin-api';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import List from '@material-ui/core/List';
import ListItem from '@material-ui/core/ListItem';
import ListItemText from '@material-ui/core/ListItemText';
import useAsync from 'react-use/esm/useAsync';
import { mlopsApiRef } from '../api/mlopsApiRef';
import { AsyncBoundary } from '../components/AsyncBoundary';
import { formatTime } from '../components/formatTime';
import { MlCard } from '../components/MlCard';

type Item = { entityRef: string; what: string; message: string; since: string };

/**
 * What needs someone: drifting, failing or unknown deployments, open reviews
 * with a failed checkpoint, and reviews whose write-back to SageMaker failed.
 */
export function NeedsAttentionList() {
  const mlopsApi = useApi(mlopsApiRef);
  const { value, loading, error } = useAsync(async (): Promise<Item[]> => {
    const [health, reviews] = await Promise.all([
      mlopsApi.listNeedsAttention(),
      mlopsApi.listReviews({ state: 'open' }),
    ]);
    const writeBacks = await mlopsApi.listReviews({
      state: 'approved-not-synced',
    });
    return [
      ...health.map(h => ({
        entityRef: h.entityRef,
        what: h.kind.replace(/-/g, ' '),
        message: h.message,
        since: h.since,
      })),
      ...reviews.flatMap(r =>
        r.checkpoints
          .filter(c => c.state === 'failed')
          .map(c => ({
            entityRef: r.entityRef,
            what: 'failed checkpoint',
            message: `${c.id}: ${c.message}`,
            since: r.updatedAt,
          })),
      ),
      ...writeBacks
        .filter(r => r.writeBack?.state === 'failed')
        .map(r => ({
          entityRef: r.entityRef,
          what: 'write-back failed',
          message: r.writeBack?.lastError ?? 'SageMaker refused the write',
          since: r.updatedAt,
        })),
    ];
  }, [mlopsApi]);
  return (
    <MlCard title="Needs attention">
      <AsyncBoundary
        loading={loading}
        error={error}
        empty={value?.length === 0}
        inline
        emptyTitle="Nothing needs attention"
      >
        {() => (
          <List dense>
            {value!.map(item => (
              <ListItem key={`${item.entityRef}:${item.what}:${item.message}`}>
                <ListItemText
                  primary={
                    <>
                      <EntityRefLink entityRef={item.entityRef} /> — {item.what}
                    </>
                  }
                  secondary={`${item.message} (since ${formatTime(
                    item.since,
                  )})`}
                />
              </ListItem>
            ))}
          </List>
        )}
      </AsyncBoundary>
    </MlCard>
  );
}
