import { parseEntityRef } from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';
import type { JsonObject } from '@backstage/types';
import type { NewAuditEvent } from '@ml-foundation/plugin-mlops-common';
import { z } from 'zod';

const entityRef = z
  .string()
  .min(1)
  .max(255)
  .refine(
    value => {
      try {
        parseEntityRef(value);
        return value.includes(':') && value.includes('/');
      } catch {
        return false;
      }
    },
    { message: 'must be an entity ref of the form kind:namespace/name' },
  );

/** The actor of an event: a user (or other entity) ref, or `service:<plugin>`. */
const actor = z
  .string()
  .min(1)
  .max(255)
  .refine(
    value =>
      /^service:[a-z0-9][a-z0-9._-]*$/i.test(value) ||
      entityRef.safeParse(value).success,
    { message: 'must be an entity ref or service:<plugin>' },
  );

const newAuditEventSchema = z
  .object({
    actor,
    action: z.string().min(1).max(255),
    targetRef: entityRef,
    targetArn: z.string().min(1).max(2048).optional(),
    modelRef: entityRef.optional(),
    details: z.record(z.unknown()),
  })
  .strict();

/** A new event whose fields have been checked. */
export type ValidNewAuditEvent = NewAuditEvent;

/**
 * Checks an event before it is appended, for good: the chain cannot be
 * corrected afterwards. Throws an InputError naming the field.
 */
export function parseNewAuditEvent(input: unknown): ValidNewAuditEvent {
  const result = newAuditEventSchema.safeParse(input);
  if (!result.success) {
    const issue = result.error.issues[0];
    throw new InputError(
      `Invalid audit event: ${issue.path.join('.') || 'event'} ${
        issue.message
      }`,
    );
  }
  return {
    ...result.data,
    details: result.data.details as JsonObject,
  };
}
