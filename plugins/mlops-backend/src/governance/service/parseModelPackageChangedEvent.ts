import type { ModelPackageChangedEvent } from '@ml-foundation/plugin-mlops-common';
import { z } from 'zod';

const state = z.object({
  approvalStatus: z.string(),
  stage: z.string().optional(),
  stageStatus: z.string().optional(),
  approvalDescription: z.string().optional(),
});

const schema = z.object({
  entityRef: z.string().min(1),
  arn: z.string().min(1),
  providerId: z.string(),
  before: state,
  after: state,
  observedAt: z.string(),
});

/** The payload of a model-package-changed event, or undefined if malformed. */
export function parseModelPackageChangedEvent(
  payload: unknown,
): ModelPackageChangedEvent | undefined {
  const parsed = schema.safeParse(payload);
  return parsed.success ? parsed.data : undefined;
}
