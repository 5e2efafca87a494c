import type { CodeGenNode, Job, Table } from '@aws-sdk/client-glue';
import type { SyncWarning } from '@ml-foundation/plugin-mlops-common';

/** What the job script's data flow says, or why it says nothing. */
export type JobDataflow =
  /** The DataSource and DataSink nodes of the script's graph. */
  | { nodes: CodeGenNode[] }
  /** Why the script gives no lineage, for the entity's `spec.lineageNote`. */
  | { note: string };

/** A Glue database in scope, with its tags and tables. */
export interface GlueDatabaseRecord {
  name: string;
  /** The account whose catalog holds the database. */
  catalogId: string;
  tags: Record<string, string>;
  tables: Table[];
}

/** A Glue job with its tags and data flow. */
export interface GlueJobRecord {
  job: Job;
  arn: string;
  tags: Record<string, string>;
  dataflow: JobDataflow;
  /** Optional reads that failed (its script). */
  warnings?: SyncWarning[];
}

/** Everything a sync read from Glue in one account and region. */
export interface GlueSnapshot {
  accountId: string;
  region: string;
  databases: GlueDatabaseRecord[];
  jobs: GlueJobRecord[];
}
