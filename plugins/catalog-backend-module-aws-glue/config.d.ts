import { HumanDuration } from '@backstage/types';
import { SchedulerServiceTaskScheduleDefinitionConfig } from '@backstage/backend-plugin-api';

export interface Config {
  catalog?: {
    providers?: {
      /**
       * AWS Glue entity providers, one per key (the provider id, e.g.
       * `prod-eu`), each reading one account and region. Credentials come
       * from the `aws` config of `@backstage/integration-aws-node`
       * (`aws.mainAccount`, `aws.accounts`, `aws.accountDefaults`), which
       * holds the secrets.
       */
      awsGlue?: {
        [providerId: string]: {
          /**
           * The AWS account to read. Required unless the credentials name
           * their account (an `aws.accounts` entry).
           */
          accountId?: string;
          /** The AWS region to read, e.g. `eu-west-1`. */
          region: string;
          /**
           * Endpoint of the Glue and S3 APIs instead of AWS's: LocalStack, a
           * VPC endpoint, the ML Foundation simulator. With an endpoint and
           * no credentials anywhere, calls are signed with placeholder keys.
           */
          endpoint?: string;
          /**
           * When to sync.
           * Default: every 30 minutes, timing out after 15.
           */
          schedule?: SchedulerServiceTaskScheduleDefinitionConfig;
          /**
           * Tag whose value names the owner of a job, or of the tables of a
           * database. A value that is not an entity reference is a group name.
           * Default: `owner`.
           */
          ownerTagKey?: string;
          /**
           * Owner of the jobs and tables that have no owner tag.
           * Default: `group:default/ml-platform`.
           */
          defaultOwner?: string;
          /**
           * AWS calls in flight at once.
           * Default: 4.
           */
          maxConcurrency?: number;
          /**
           * Largest share (0 to 1) of the previous sync's entities that one
           * sync may remove from the catalog (those no longer there, whatever
           * came new); a sync that would remove more is refused and logged.
           * Default: 0.5.
           */
          maxRemovalShare?: number;
          /**
           * Describe results (and job script data flows) are read again after
           * at most this long even when AWS shows no change, for changes it
           * gives no signal of; entries expire spread over the second half
           * of it, so they do not all expire in one sync. Default: 24 hours.
           */
          describeCacheMaxAge?: HumanDuration | string;
          /** Which databases to read, by regular expressions on their whole name. */
          databases?: {
            /** Default: `['.*']`, every database. */
            include?: string[];
            /** Default: `[]`. */
            exclude?: string[];
          };
        };
      };
    };
  };
}
