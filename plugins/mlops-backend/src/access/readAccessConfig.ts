import type { Config } from '@backstage/config';
import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';

/** How access requests are decided; keys under `mlops.access`. */
export type AccessConfig = {
  /** The Group whose second approval PII data needs; none blocks PII requests. */
  privacyGroup?: string;
  /** The longest access a request may ask for. */
  maxDurationDays: number;
};

/** Reads `mlops.access`; defaults: no privacy group, 90 days at most. */
export function readAccessConfig(config: Config): AccessConfig {
  const privacyGroup = config.getOptionalString('mlops.access.privacyGroup');
  const maxDurationDays =
    config.getOptionalNumber('mlops.access.maxDurationDays') ?? 90;
  if (!Number.isInteger(maxDurationDays) || maxDurationDays < 1) {
    throw new InputError(
      `mlops.access.maxDurationDays must be a positive integer, got ${maxDurationDays}`,
    );
  }
  return {
    privacyGroup: privacyGroup
      ? stringifyEntityRef(
          parseEntityRef(privacyGroup, { defaultKind: 'group' }),
        )
      : undefined,
    maxDurationDays,
  };
}
