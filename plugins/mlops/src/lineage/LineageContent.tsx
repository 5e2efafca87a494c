import { stringifyEntityRef } from '@backstage/catalog-model';
import { useApi } from '@backstage/frontend-plugin-api';
import { useEntity } from '@backstage/plugin-catalog-react';
import Box from '@material-ui/core/Box';
import Chip from '@material-ui/core/Chip';
import FormControl from '@material-ui/core/FormControl';
import InputLabel from '@material-ui/core/InputLabel';
import MenuItem from '@material-ui/core/MenuItem';
import Select from '@material-ui/core/Select';
import Typography from '@material-ui/core/Typography';
import type { LineageDirection } from '@ml-foundation/plugin-mlops-common';
import { useState } from 'react';
import { useNavigate } from 'react-router-dom';
import useAsync from 'react-use/esm/useAsync';
import { mlopsApiRef } from '../api/mlopsApiRef';
import { AsyncBoundary } from '../components/AsyncBoundary';
import { useEntityPath } from '../components/useEntityPath';
import { KIND_COLOURS } from './layoutLineage';
import { LineageGraphView } from './LineageGraphView';
import { MlCard } from '../components/MlCard';

const LEGEND: Array<[string, string]> = [
  ['Dataset', KIND_COLOURS.dataset],
  ['FeatureGroup', KIND_COLOURS.featuregroup],
  ['Pipeline', KIND_COLOURS.component],
  ['ModelVersion', KIND_COLOURS.modelversion],
  ['Model', KIND_COLOURS.model],
  ['ModelDeployment', KIND_COLOURS.modeldeployment],
  ['Raw S3 input', KIND_COLOURS.s3],
];

/** The Lineage tab: the entity's upstream and downstream, to a chosen depth. */
export function LineageContent() {
  const { entity } = useEntity();
  const entityRef = stringifyEntityRef(entity);
  const mlopsApi = useApi(mlopsApiRef);
  const navigate = useNavigate();
  const entityPath = useEntityPath();
  const [depth, setDepth] = useState(3);
  const [direction, setDirection] = useState<LineageDirection>('both');
  const graph = useAsync(
    () => mlopsApi.getLineage({ entityRef, depth, direction }),
    [mlopsApi, entityRef, depth, direction],
  );
  return (
    <MlCard
      title="Lineage"
      subheader="Data flows left to right. Click a node to open it; scroll to zoom, drag to pan."
    >
      <Box
        display="flex"
        alignItems="center"
        flexWrap="wrap"
        mb={2}
        style={{ gap: 16 }}
      >
        <FormControl style={{ minWidth: 120 }}>
          <InputLabel id="mlops-lineage-depth">Depth</InputLabel>
          <Select
            labelId="mlops-lineage-depth"
            value={depth}
            onChange={e => setDepth(Number(e.target.value))}
          >
            {[1, 2, 3, 4, 5, 6, 8, 10].map(d => (
              <MenuItem key={d} value={d}>
                {d} {d === 1 ? 'hop' : 'hops'}
              </MenuItem>
            ))}
          </Select>
        </FormControl>
        <FormControl style={{ minWidth: 160 }}>
          <InputLabel id="mlops-lineage-direction">Direction</InputLabel>
          <Select
            labelId="mlops-lineage-direction"
            value={direction}
            onChange={e => setDirection(e.target.value as LineageDirection)}
          >
            <MenuItem value="both">Upstream and downstream</MenuItem>
            <MenuItem value="upstream">Upstream only</MenuItem>
            <MenuItem value="downstream">Downstream only</MenuItem>
          </Select>
        </FormControl>
        {LEGEND.map(([label, colour]) => (
          <Chip
            key={label}
            size="small"
            variant="outlined"
            label={label}
            style={{ borderColor: colour, color: colour }}
          />
        ))}
      </Box>
      <AsyncBoundary
        loading={graph.loading}
        error={graph.error}
        empty={graph.value?.nodes.length === 1}
        emptyTitle="No lineage recorded"
        emptyDescription="Nothing in the catalog feeds this entity or is fed by it."
      >
        {() => (
          <>
            <Typography variant="body2" color="textSecondary">
              {graph.value!.nodes.length} nodes, {graph.value!.edges.length}{' '}
              edges
              {graph.value!.truncated ? ' — more beyond this depth' : ''}
            </Typography>
            <LineageGraphView
              graph={graph.value!}
              onOpen={ref => navigate(entityPath(ref))}
            />
          </>
        )}
      </AsyncBoundary>
    </MlCard>
  );
}
