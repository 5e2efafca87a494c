import type { Column, Table } from '@aws-sdk/client-glue';
import type { Entity } from '@backstage/catalog-model';
import {
  DATA_PIPELINE_COMPONENT_TYPE,
  DatasetColumn,
  DatasetEntityV1alpha1,
  ML_API_VERSION,
} from '@ml-foundation/plugin-mlops-common';
import {
  awsConsoleUrl,
  awsEntityAnnotations,
  awsEntityName,
  glueTableArn,
  GlueTableLocator,
  glueTableEntityName,
  glueTableEntityRef,
  resolveOwner,
  S3LocationIndex,
  withSyncWarnings,
} from '@ml-foundation/plugin-mlops-node';
import {
  GlueDatabaseRecord,
  GlueJobRecord,
  GlueSnapshot,
} from '../reader/GlueSnapshot';
import { dataClassification } from './dataClassification';
import { isFeatureStoreOfflineTable } from './isFeatureStoreOfflineTable';
import { parseViewSources, viewSql } from './parseViewSources';
import { resolveDataflow } from './resolveDataflow';
import { tableFormat } from './tableFormat';

export interface GlueEntityOptions {
  ownerTagKey: string;
  defaultOwner: string;
}

// Spark keeps a copy of the table schema, in JSON chunks, among the table
// parameters; spec.schema already holds it.
const REDUNDANT_PARAMETER = /^spark\.sql\.sources\.schema/;
const LIFECYCLE = 'production';

function columns(list: Column[] | undefined): DatasetColumn[] {
  return (list ?? []).map(column => {
    const classification = dataClassification(column.Parameters);
    return {
      name: column.Name!,
      type: column.Type ?? 'unknown',
      ...(column.Comment && { description: column.Comment }),
      ...(classification && { classification }),
    };
  });
}

function parameters(table: Table): Record<string, string> | undefined {
  const kept = Object.entries(table.Parameters ?? {}).filter(
    ([key]) => !REDUNDANT_PARAMETER.test(key),
  );
  return kept.length > 0 ? Object.fromEntries(kept) : undefined;
}

function tableKey(catalogId: string, database: string, table: string) {
  return `${catalogId}/${database}/${table}`.toLocaleLowerCase('en-US');
}

/**
 * Turns what a sync read from Glue into catalog entities: a `Dataset` per
 * table (`glue-table`) and view (`glue-view`, derived from the tables its SQL
 * reads), and a `data-pipeline` `Component` per job, consuming and producing
 * the datasets its script's data flow names. Tables that are the offline store
 * of a SageMaker feature group are left to the SageMaker provider, but lineage
 * still points at them.
 */
export function buildGlueEntities(
  snapshot: GlueSnapshot,
  options: GlueEntityOptions,
): Entity[] {
  const { region } = snapshot;
  const tables = new Map<string, string>();
  const locations = new S3LocationIndex();
  for (const database of snapshot.databases) {
    for (const table of database.tables) {
      const ref = glueTableEntityRef(locator(database, table));
      tables.set(tableKey(database.catalogId, database.name, table.Name!), ref);
      const location = table.StorageDescriptor?.Location;
      if (location) {
        locations.add(location, ref);
      }
    }
  }

  function locator(
    database: GlueDatabaseRecord,
    table: Table,
  ): GlueTableLocator {
    return {
      accountId: database.catalogId,
      region,
      database: database.name,
      table: table.Name!,
    };
  }

  function owner(tags: Record<string, string>): string {
    return resolveOwner(
      tags,
      undefined,
      options.ownerTagKey,
      options.defaultOwner,
    );
  }

  function upstream(database: GlueDatabaseRecord, view: Table): string[] {
    const text =
      view.ViewOriginalText ??
      view.ViewDefinition?.Representations?.find(r => r.ViewOriginalText)
        ?.ViewOriginalText;
    const sql = text && viewSql(text);
    if (!sql) {
      return [];
    }
    const self = tableKey(database.catalogId, database.name, view.Name!);
    return parseViewSources(sql).flatMap(source => {
      const key = tableKey(
        database.catalogId,
        source.database ?? database.name,
        source.table,
      );
      const ref = tables.get(key);
      return ref && key !== self ? [ref] : [];
    });
  }

  function datasetEntity(
    database: GlueDatabaseRecord,
    table: Table,
  ): DatasetEntityV1alpha1 {
    const at = locator(database, table);
    const consoleUrl = awsConsoleUrl(
      region,
      'glue',
      `/v2/data-catalog/tables/view/${encodeURIComponent(
        at.table,
      )}?database=${encodeURIComponent(at.database)}&catalogId=${at.accountId}`,
    );
    const isView = table.TableType === 'VIRTUAL_VIEW';
    const storage = table.StorageDescriptor;
    const partitionKeys = columns(table.PartitionKeys);
    const sources = isView ? upstream(database, table) : [];
    const format = tableFormat(table);
    const tableParameters = parameters(table);
    const classification = dataClassification(table.Parameters);
    return {
      apiVersion: ML_API_VERSION,
      kind: 'Dataset',
      metadata: {
        name: glueTableEntityName(at),
        title: `${at.database}.${at.table}`,
        ...(table.Description && { description: table.Description }),
        annotations: awsEntityAnnotations(glueTableArn(at), consoleUrl),
        links: [{ url: consoleUrl, title: 'AWS Glue console', icon: 'cloud' }],
      },
      spec: {
        type: isView ? 'glue-view' : 'glue-table',
        // Glue tables cannot carry tags: the owner is the database's.
        owner: owner(database.tags),
        lifecycle: LIFECYCLE,
        ...(storage?.Location && { location: storage.Location }),
        ...(format && { format }),
        ...(classification && { classification }),
        schema: { columns: columns(storage?.Columns) },
        ...(partitionKeys.length > 0 && { partitionKeys }),
        ...(sources.length > 0 && { upstream: sources }),
        ...(tableParameters && { parameters: tableParameters }),
      },
    };
  }

  function jobEntity(record: GlueJobRecord): Entity {
    const name = record.job.Name!;
    const consoleUrl = awsConsoleUrl(
      region,
      'gluestudio',
      `/editor/job/${encodeURIComponent(name)}/details`,
    );
    const lineage =
      'nodes' in record.dataflow
        ? resolveDataflow(record.dataflow.nodes, {
            table: (database, table, catalogId) =>
              tables.get(
                tableKey(catalogId ?? snapshot.accountId, database, table),
              ),
            s3: uri => locations.match(uri),
          })
        : { consumes: [], produces: [], unresolved: [] };
    const note =
      'note' in record.dataflow
        ? record.dataflow.note
        : lineage.unresolved.length > 0 &&
          `Not linked: ${lineage.unresolved.join('; ')}`;
    return {
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Component',
      metadata: {
        name: awsEntityName(name, record.arn),
        title: name,
        ...(record.job.Description && { description: record.job.Description }),
        annotations: awsEntityAnnotations(record.arn, consoleUrl),
        links: [{ url: consoleUrl, title: 'AWS Glue Studio', icon: 'cloud' }],
      },
      spec: {
        type: DATA_PIPELINE_COMPONENT_TYPE,
        lifecycle: LIFECYCLE,
        owner: owner(record.tags),
        ...(lineage.consumes.length > 0 && { consumes: lineage.consumes }),
        ...(lineage.produces.length > 0 && { produces: lineage.produces }),
        ...(note && { lineageNote: note }),
      },
    };
  }

  return [
    ...snapshot.databases.flatMap(database =>
      database.tables
        .filter(table => !isFeatureStoreOfflineTable(table))
        .map(table => datasetEntity(database, table)),
    ),
    ...snapshot.jobs.map(job => withSyncWarnings(jobEntity(job), job.warnings)),
  ];
}
