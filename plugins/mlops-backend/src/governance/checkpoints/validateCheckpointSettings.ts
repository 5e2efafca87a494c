import type { CheckpointDefinition } from '@ml-foundation/plugin-mlops-common';
import type { z } from 'zod';

/**
 * Checks a checkpoint's settings against a zod schema; the error message
 * starts with the setting's path (`.min: ...`) so the config reader can put
 * the checkpoint's own key in front.
 */
export function validateCheckpointSettings<T>(
  schema: z.ZodType<T, z.ZodTypeDef, unknown>,
  definition: CheckpointDefinition,
): T {
  const parsed = schema.safeParse(definition);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const path = issue.path.map(p => `.${String(p)}`).join('');
    throw new Error(`${path}: ${issue.message}`);
  }
  return parsed.data;
}
