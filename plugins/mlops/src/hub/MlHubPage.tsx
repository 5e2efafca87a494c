import { stringifyEntityRef } from '@backstage/catalog-model';
import { Content, Table, type TableColumn } from '@backstage/core-components';
import { identityApiRef, useApi } from '@backstage/frontend-plugin-api';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import Box from '@material-ui/core/Box';
import Checkbox from '@material-ui/core/Checkbox';
import Chip from '@material-ui/core/Chip';
import FormControl from '@material-ui/core/FormControl';
import FormControlLabel from '@material-ui/core/FormControlLabel';
import Grid from '@material-ui/core/Grid';
import InputLabel from '@material-ui/core/InputLabel';
import MenuItem from '@material-ui/core/MenuItem';
import Select from '@material-ui/core/Select';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import { useMemo, useState } from 'react';
import useAsync from 'react-use/esm/useAsync';
import { mlopsApiRef } from '../api/mlopsApiRef';
import { ApprovalChip } from '../components/ApprovalChip';
import { AsyncBoundary } from '../components/AsyncBoundary';
import { formatTime } from '../components/formatTime';
import { NeedsAttentionList } from '../health/NeedsAttentionList';
import { filterHubItems, type HubFilters } from './filterHubItems';
import { useMlEstate, type HubItem } from './useMlEstate';
import { MlCard } from '../components/MlCard';

const ANY = '';

function Picker(props: {
  label: string;
  value: string;
  options: Array<[string, string]>;
  onChange: (value: string) => void;
}) {
  const id = `mlops-hub-${props.label
    .replace(/\W/g, '-')
    .toLocaleLowerCase('en-US')}`;
  return (
    <FormControl style={{ minWidth: 150 }}>
      <InputLabel id={id}>{props.label}</InputLabel>
      <Select
        labelId={id}
        value={props.value}
        onChange={e => props.onChange(String(e.target.value))}
      >
        <MenuItem value={ANY}>Any</MenuItem>
        {props.options.map(([value, label]) => (
          <MenuItem key={value} value={value}>
            {label}
          </MenuItem>
        ))}
      </Select>
    </FormControl>
  );
}

function AwaitingMyApproval() {
  const mlopsApi = useApi(mlopsApiRef);
  const reviews = useAsync(
    () => mlopsApi.listReviews({ awaitingMe: true, state: 'open' }),
    [mlopsApi],
  );
  return (
    <MlCard title="Awaiting my approval">
      <AsyncBoundary
        loading={reviews.loading}
        error={reviews.error}
        empty={reviews.value?.length === 0}
        inline
        emptyTitle="Nothing awaits your approval"
      >
        {() => (
          <ul style={{ margin: 0, paddingLeft: 16 }}>
            {reviews.value!.map(r => (
              <li key={r.id}>
                <EntityRefLink entityRef={r.entityRef} /> to{' '}
                <strong>{r.targetStage}</strong>, requested by{' '}
                <EntityRefLink entityRef={r.requestedBy} defaultKind="user" />{' '}
                {formatTime(r.requestedAt)}
              </li>
            ))}
          </ul>
        )}
      </AsyncBoundary>
    </MlCard>
  );
}

const uniqueSorted = (values: string[]) => [...new Set(values)].sort();

/**
 * The ML hub: find models, datasets and feature groups by owner, tag, kind,
 * approval status and stage; what awaits my approval; what changed lately.
 */
export function MlHubPage() {
  const estate = useMlEstate();
  const identityApi = useApi(identityApiRef);
  const identity = useAsync(
    () => identityApi.getBackstageIdentity(),
    [identityApi],
  );
  const [filters, setFilters] = useState<HubFilters>({
    text: '',
    kind: ANY,
    owner: ANY,
    tag: ANY,
    approvalStatus: ANY,
    stage: ANY,
    mine: false,
  });
  const set = (patch: Partial<HubFilters>) =>
    setFilters(f => ({ ...f, ...patch }));
  const items = useMemo(() => estate.value?.items ?? [], [estate.value]);
  const shown = useMemo(
    () =>
      filterHubItems(items, filters, identity.value?.ownershipEntityRefs ?? []),
    [items, filters, identity.value],
  );
  const columns: TableColumn<HubItem>[] = [
    {
      title: 'Name',
      field: 'title',
      highlight: true,
      width: '22%',
      render: i => <EntityRefLink entityRef={i.ref} title={i.title} />,
    },
    { title: 'Kind', field: 'kind' },
    {
      title: 'Owner',
      field: 'owner',
      render: i => <EntityRefLink entityRef={i.owner} defaultKind="group" />,
    },
    {
      title: 'Latest version',
      field: 'latestVersion',
      render: i =>
        i.kind === 'Model' ? (
          <>
            {i.latestVersion ? `v${i.latestVersion} ` : 'none '}
            <ApprovalChip status={i.approvalStatus} />
          </>
        ) : (
          ''
        ),
    },
    { title: 'Stages', field: 'stages', render: i => i.stages.join(', ') },
    {
      title: 'Tags',
      field: 'tags',
      render: i =>
        i.tags.map(t => (
          <Chip key={t} size="small" label={t} style={{ marginRight: 4 }} />
        )),
    },
    { title: 'Description', field: 'description', width: '30%' },
  ];
  return (
    <Content>
      <Grid container spacing={2}>
        <Grid item xs={12} md={6}>
          <AwaitingMyApproval />
        </Grid>
        <Grid item xs={12} md={6}>
          <NeedsAttentionList />
        </Grid>
        <Grid item xs={12} md={6}>
          <MlCard title="Recently registered versions">
            <AsyncBoundary
              loading={estate.loading}
              error={estate.error}
              empty={estate.value?.recentVersions.length === 0}
              inline
              emptyTitle="No versions registered yet"
            >
              {() => (
                <ul style={{ margin: 0, paddingLeft: 16 }}>
                  {estate.value!.recentVersions.map(v => (
                    <li key={v.metadata.name}>
                      <EntityRefLink entityRef={stringifyEntityRef(v)} />{' '}
                      <ApprovalChip status={v.spec.approvalStatus} />{' '}
                      {v.spec.stage ?? ''} · {formatTime(v.spec.createdAt)}
                      {v.spec.createdBy ? ` by ${v.spec.createdBy}` : ''}
                    </li>
                  ))}
                </ul>
              )}
            </AsyncBoundary>
          </MlCard>
        </Grid>
        <Grid item xs={12}>
          <AsyncBoundary loading={estate.loading} error={estate.error}>
            {() => (
              <>
                <Box
                  display="flex"
                  flexWrap="wrap"
                  alignItems="flex-end"
                  mb={2}
                  style={{ gap: 16 }}
                >
                  <TextField
                    id="mlops-hub-search"
                    label="Search"
                    placeholder="name, description, tag"
                    value={filters.text}
                    onChange={e => set({ text: e.target.value })}
                    style={{ minWidth: 220 }}
                  />
                  <Picker
                    label="Kind"
                    value={filters.kind}
                    onChange={kind => set({ kind })}
                    options={[
                      ['Model', 'Model'],
                      ['Dataset', 'Dataset'],
                      ['FeatureGroup', 'Feature group'],
                    ]}
                  />
                  <Picker
                    label="Owner"
                    value={filters.owner}
                    onChange={owner => set({ owner })}
                    options={uniqueSorted(items.map(i => i.owner)).map(o => [
                      o,
                      o.replace(/^group:default\//, ''),
                    ])}
                  />
                  <Picker
                    label="Tag"
                    value={filters.tag}
                    onChange={tag => set({ tag })}
                    options={uniqueSorted(items.flatMap(i => i.tags)).map(t => [
                      t,
                      t,
                    ])}
                  />
                  <Picker
                    label="Approval status"
                    value={filters.approvalStatus}
                    onChange={approvalStatus => set({ approvalStatus })}
                    options={[
                      ['Approved', 'Approved'],
                      ['PendingManualApproval', 'Pending approval'],
                      ['Rejected', 'Rejected'],
                    ]}
                  />
                  <Picker
                    label="Stage"
                    value={filters.stage}
                    onChange={stage => set({ stage })}
                    options={uniqueSorted(items.flatMap(i => i.stages)).map(
                      s => [s, s],
                    )}
                  />
                  <FormControlLabel
                    control={
                      <Checkbox
                        checked={filters.mine}
                        onChange={e => set({ mine: e.target.checked })}
                      />
                    }
                    label="Mine (owned by my groups)"
                  />
                </Box>
                <Table<HubItem>
                  title={`${shown.length} of ${items.length} models, datasets and feature groups`}
                  options={{
                    paging: true,
                    pageSize: 20,
                    search: false,
                    padding: 'dense',
                  }}
                  columns={columns}
                  data={shown}
                  emptyContent={
                    <Box p={2}>
                      <Typography color="textSecondary">
                        Nothing matches these filters.
                      </Typography>
                    </Box>
                  }
                />
              </>
            )}
          </AsyncBoundary>
        </Grid>
      </Grid>
    </Content>
  );
}
