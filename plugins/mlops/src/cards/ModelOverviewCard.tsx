import { stringifyEntityRef } from '@backstage/catalog-model';
import { StructuredMetadataTable } from '@backstage/core-components';
import { EntityRefLink, useEntity } from '@backstage/plugin-catalog-react';
import Box from '@material-ui/core/Box';
import Grid from '@material-ui/core/Grid';
import Typography from '@material-ui/core/Typography';
import type { ModelEntityV1alpha1 } from '@ml-foundation/plugin-mlops-common';
import { ApprovalChip } from '../components/ApprovalChip';
import { AsyncBoundary } from '../components/AsyncBoundary';
import {
  useModelVersions,
  type ModelVersionSummary,
} from '../components/useModelVersions';
import { MlCard } from '../components/MlCard';

function StageVersion(props: {
  stage: string;
  versions: ModelVersionSummary[];
}) {
  const inStage = props.versions.filter(
    v =>
      v.spec.stage?.toLocaleLowerCase('en-US') ===
      props.stage.toLocaleLowerCase('en-US'),
  );
  return (
    <Box mb={1}>
      <Typography variant="overline">{props.stage}</Typography>
      {inStage.length === 0 ? (
        <Typography variant="body2" color="textSecondary">
          No version in {props.stage.toLocaleLowerCase('en-US')}
        </Typography>
      ) : (
        inStage.map(v => (
          <Typography variant="body2" key={v.metadata.name}>
            <EntityRefLink
              entityRef={stringifyEntityRef(v)}
              title={`Version ${v.spec.version}`}
            />{' '}
            <ApprovalChip status={v.spec.approvalStatus} />
          </Typography>
        ))
      )}
    </Box>
  );
}

/** Model overview: about, model card and the versions in staging and production. */
export function ModelOverviewCard() {
  const { entity } = useEntity<ModelEntityV1alpha1>();
  const { spec } = entity;
  const versions = useModelVersions(entity);
  const card = spec.modelCard ?? {};
  return (
    <MlCard title="Model">
      <Grid container spacing={2}>
        <Grid item xs={12} md={7}>
          <Typography variant="body1" paragraph>
            {spec.description ??
              entity.metadata.description ??
              'No description.'}
          </Typography>
          <StructuredMetadataTable
            metadata={{
              owner: (
                <EntityRefLink entityRef={spec.owner} defaultKind="group" />
              ),
              system: spec.system ? (
                <EntityRefLink entityRef={spec.system} defaultKind="system" />
              ) : (
                '—'
              ),
              'problem type': spec.problemType ?? '—',
              lifecycle: spec.lifecycle,
              'intended use': card.intendedUse ?? 'Not documented',
              limitations: card.limitations ?? 'Not documented',
              'ethical considerations':
                card.ethicalConsiderations ?? 'Not documented',
            }}
          />
        </Grid>
        <Grid item xs={12} md={5}>
          <Typography variant="h6">At a glance</Typography>
          <AsyncBoundary
            loading={versions.loading}
            error={versions.error}
            empty={versions.value?.length === 0}
            inline
            emptyTitle="No versions registered yet"
          >
            {() => (
              <>
                <StageVersion stage="Production" versions={versions.value!} />
                <StageVersion stage="Staging" versions={versions.value!} />
                <Typography variant="body2" color="textSecondary">
                  {versions.value!.length} versions, latest{' '}
                  <EntityRefLink
                    entityRef={stringifyEntityRef(versions.value![0])}
                    title={`version ${versions.value![0].spec.version}`}
                  />
                </Typography>
              </>
            )}
          </AsyncBoundary>
        </Grid>
      </Grid>
    </MlCard>
  );
}
