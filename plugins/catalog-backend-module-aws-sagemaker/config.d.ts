import { HumanDuration } from '@backstage/types';
import { SchedulerServiceTaskScheduleDefinitionConfig } from '@backstage/backend-plugin-api';

export interface Config {
  catalog?: {
    providers?: {
      /**
       * SageMaker entity providers, keyed by provider id: one per AWS
       * account and region to sync.
       */
      awsSagemaker?: {
        [providerId: string]: {
          /**
           * AWS account to read, looked up in `aws.accounts` for credentials.
           * Default: the account of the default credentials.
           */
          accountId?: string;
          /** AWS region to read, e.g. eu-west-1. */
          region: string;
          /**
           * Endpoint to send AWS calls to instead of AWS's own: LocalStack,
           * a VPC endpoint, or the ML Foundation AWS simulator.
           */
          endpoint?: string;
          /** When to sync. Default: every 30 minutes, with a 15 minute timeout. */
          schedule?: SchedulerServiceTaskScheduleDefinitionConfig;
          /**
           * Tag whose value names a resource's owner: a version's own tag,
           * else its model package group's; endpoints and batch transforms
           * their own, else (transforms) the owner of the version they run.
           * Default: `owner`.
           */
          ownerTagKey?: string;
          /**
           * Owner of resources without an owner tag (neither on themselves
           * nor on their model package group). Default: `group:default/ml-platform`.
           */
          defaultOwner?: string;
          /** AWS calls in flight at once. Default: 4. */
          maxConcurrency?: number;
          /**
           * A sync that would remove more than this share of the entities of
           * the provider's previous sync (those no longer there, whatever
           * came new) is refused and logged. Default: 0.5.
           */
          maxRemovalShare?: number;
          /**
           * Describe results (and job script data flows) are read again after
           * at most this long even when AWS shows no change, for changes it
           * gives no signal of; entries expire spread over the second half
           * of it, so they do not all expire in one sync. Default: 24 hours.
           */
          describeCacheMaxAge?: HumanDuration | string;
          /**
           * Batch transform jobs created within this many days are read; the
           * runs of one recurring scoring (same model, same job name but for
           * its trailing run date or number) are one deployment, listing
           * them. Default: 30.
           */
          transformJobDays?: number;
        };
      };
    };
  };
}
