import { InputError } from '@backstage/errors';

/** The parts of an Amazon Resource Name. */
export interface Arn {
  partition: string;
  service: string;
  region: string;
  accountId: string;
  /** Everything after the account id, e.g. `model-package/churn/3`. */
  resource: string;
}

/**
 * Splits an ARN (`arn:partition:service:region:account-id:resource`).
 *
 * @throws InputError when the value is not an ARN.
 */
export function parseArn(value: string): Arn {
  const parts = value.split(':');
  if (parts.length < 6 || parts[0] !== 'arn' || !parts[1] || !parts[2]) {
    throw new InputError(
      `"${value}" is not an ARN; expected arn:<partition>:<service>:<region>:<account-id>:<resource>`,
    );
  }
  const [, partition, service, region, accountId, ...resource] = parts;
  return {
    partition,
    service,
    region,
    accountId,
    resource: resource.join(':'),
  };
}
