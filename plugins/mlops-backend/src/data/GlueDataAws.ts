import {
  GetColumnStatisticsForTableCommand,
  GetDataQualityResultCommand,
  GlueClient,
  paginateListDataQualityResults,
  type DataQualityResultDescription,
  type GetColumnStatisticsForTableCommandOutput,
  type GetDataQualityResultCommandOutput,
} from '@aws-sdk/client-glue';
import type { Entity } from '@backstage/catalog-model';
import type { Config } from '@backstage/config';
import { AwsEntityClients } from '@ml-foundation/plugin-mlops-node';

/** A Glue table, as its Dataset's ARN names it. */
export type GlueTableName = {
  catalogId: string;
  database: string;
  table: string;
};

/** Glue reads of the data capability. */
export interface DataAws {
  /** One answer per 100 columns, as AWS takes at most 100 names a call. */
  columnStatistics(
    entity: Entity,
    table: GlueTableName,
    columns: string[],
  ): Promise<GetColumnStatisticsForTableCommandOutput[]>;
  /** Every result of the table, through all pages. */
  listQualityResults(
    entity: Entity,
    table: GlueTableName,
  ): Promise<DataQualityResultDescription[]>;
  getQualityResult(
    entity: Entity,
    resultId: string,
  ): Promise<GetDataQualityResultCommandOutput>;
}

const COLUMNS_PER_CALL = 100;

/** Glue, reached with the Glue provider that synced the Dataset. */
export class GlueDataAws implements DataAws {
  static fromConfig(config: Config): GlueDataAws {
    return new GlueDataAws(AwsEntityClients.fromConfig(config, 'awsGlue'));
  }

  constructor(private readonly clients: AwsEntityClients) {}

  async columnStatistics(
    entity: Entity,
    table: GlueTableName,
    columns: string[],
  ): Promise<GetColumnStatisticsForTableCommandOutput[]> {
    const glue = await this.clients.client(GlueClient, entity);
    const outputs = [];
    for (let i = 0; i < columns.length; i += COLUMNS_PER_CALL) {
      outputs.push(
        await glue.send(
          new GetColumnStatisticsForTableCommand({
            CatalogId: table.catalogId,
            DatabaseName: table.database,
            TableName: table.table,
            ColumnNames: columns.slice(i, i + COLUMNS_PER_CALL),
          }),
        ),
      );
    }
    return outputs;
  }

  async listQualityResults(
    entity: Entity,
    table: GlueTableName,
  ): Promise<DataQualityResultDescription[]> {
    const glue = await this.clients.client(GlueClient, entity);
    const results: DataQualityResultDescription[] = [];
    for await (const page of paginateListDataQualityResults(
      { client: glue },
      {
        Filter: {
          DataSource: {
            GlueTable: {
              CatalogId: table.catalogId,
              DatabaseName: table.database,
              TableName: table.table,
            },
          },
        },
      },
    )) {
      results.push(...(page.Results ?? []));
    }
    return results;
  }

  async getQualityResult(
    entity: Entity,
    resultId: string,
  ): Promise<GetDataQualityResultCommandOutput> {
    const glue = await this.clients.client(GlueClient, entity);
    return glue.send(new GetDataQualityResultCommand({ ResultId: resultId }));
  }
}
