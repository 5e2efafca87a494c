import type { ConstraintViolation } from '@ml-foundation/plugin-mlops-common';
import { z } from 'zod';

// Data quality reports name a feature; model quality, bias and attribution
// drift reports name a metric instead (AWS Model Monitor docs, "Schema for
// Violations").
const schema = z.object({
  violations: z.array(
    z
      .object({
        feature_name: z.string().optional(),
        metric_name: z.string().optional(),
        constraint_check_type: z.string(),
        description: z.string().default(''),
      })
      .passthrough(),
  ),
});

/**
 * The violations of a Model Monitor `constraint_violations.json`.
 *
 * @throws Error naming what is wrong when the file is empty, not JSON or not
 * of that format.
 */
export function parseConstraintViolations(text: string): ConstraintViolation[] {
  if (!text.trim()) {
    throw new Error('constraint_violations.json is empty');
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new Error(
      `constraint_violations.json is not JSON: ${(error as Error).message}`,
    );
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(
      `constraint_violations.json is malformed at ${
        issue.path.join('.') || 'the top level'
      }: ${issue.message}`,
    );
  }
  return parsed.data.violations.map(v => ({
    featureName: v.feature_name ?? v.metric_name ?? '',
    constraintCheckType: v.constraint_check_type,
    description: v.description,
  }));
}
