import { awsArn } from './awsArn';
import { awsEntityName } from './awsEntityName';

/** Where a Glue table lives. */
export interface GlueTableLocator {
  accountId: string;
  region: string;
  database: string;
  table: string;
}

/**
 * ARN of a Glue table. Glue keeps database and table names in lower case, so
 * a name from a script or a SageMaker DataCatalogConfig is lowered to match.
 */
export function glueTableArn({
  accountId,
  region,
  database,
  table,
}: GlueTableLocator): string {
  return awsArn({
    service: 'glue',
    region,
    accountId,
    resource: `table/${database.toLocaleLowerCase(
      'en-US',
    )}/${table.toLocaleLowerCase('en-US')}`,
  });
}

/**
 * Entity reference (`dataset:default/<name>`) of the Dataset that stands for a
 * Glue table, the same whichever provider computes it: the Glue provider names
 * its table entities with it, and the SageMaker provider uses it to point
 * training inputs and feature-group offline stores at those tables.
 */
export function glueTableEntityRef(table: GlueTableLocator): string {
  return `dataset:default/${glueTableEntityName(table)}`;
}

/** Entity name of the Dataset of a Glue table; see {@link glueTableEntityRef}. */
export function glueTableEntityName(table: GlueTableLocator): string {
  return awsEntityName(`${table.database}-${table.table}`, glueTableArn(table));
}
