import type {
  BiasMetric,
  FeatureImportance,
} from '@ml-foundation/plugin-mlops-common';
import { z } from 'zod';

const metricSchema = z
  .object({
    name: z.string(),
    description: z.string().optional(),
    // Clarify writes an `error` instead of a value where it could not compute one.
    value: z.number().nullable().optional(),
  })
  .passthrough();

const biasSectionSchema = z
  .object({
    label: z.string().optional(),
    label_value_or_threshold: z.union([z.string(), z.number()]).optional(),
    facets: z.record(
      z.array(
        z
          .object({
            value_or_threshold: z.union([z.string(), z.number()]),
            metrics: z.array(metricSchema),
          })
          .passthrough(),
      ),
    ),
  })
  .passthrough();

// Layout of Clarify's analysis.json (SageMaker Clarify docs, "Analysis results").
const schema = z
  .object({
    explanations: z
      .object({
        kernel_shap: z
          .record(
            z
              .object({ global_shap_values: z.record(z.number()) })
              .passthrough(),
          )
          .optional(),
      })
      .passthrough()
      .optional(),
    pre_training_bias_metrics: biasSectionSchema.optional(),
    post_training_bias_metrics: biasSectionSchema.optional(),
  })
  .passthrough();

/** What a Clarify `analysis.json` says. */
export interface ClarifyAnalysis {
  /** Global SHAP values of the first label, largest absolute value first. */
  importances: FeatureImportance[];
  /** Pre- and post-training bias metrics per facet value, without bounds. */
  biasMetrics: BiasMetric[];
}

/**
 * Reads a Clarify `analysis.json`.
 *
 * @throws Error naming what is wrong when the file is empty, not JSON or not
 * of that format.
 */
export function parseClarifyAnalysis(text: string): ClarifyAnalysis {
  if (!text.trim()) {
    throw new Error('analysis.json is empty');
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new Error(`analysis.json is not JSON: ${(error as Error).message}`);
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(
      `analysis.json is malformed at ${
        issue.path.join('.') || 'the top level'
      }: ${issue.message}`,
    );
  }
  const analysis = parsed.data;
  const [firstLabel] = Object.values(analysis.explanations?.kernel_shap ?? {});
  const importances = Object.entries(firstLabel?.global_shap_values ?? {})
    .map(([feature, importance]) => ({ feature, importance }))
    .sort((a, b) => Math.abs(b.importance) - Math.abs(a.importance));
  const biasMetrics = [
    ...biasMetricsOf('pre_training', analysis.pre_training_bias_metrics),
    ...biasMetricsOf('post_training', analysis.post_training_bias_metrics),
  ];
  return { importances, biasMetrics };
}

function biasMetricsOf(
  stage: BiasMetric['stage'],
  section: z.infer<typeof biasSectionSchema> | undefined,
): BiasMetric[] {
  if (!section) {
    return [];
  }
  const label =
    section.label_value_or_threshold !== undefined
      ? String(section.label_value_or_threshold)
      : undefined;
  return Object.entries(section.facets).flatMap(([facet, values]) =>
    values.flatMap(v =>
      v.metrics.map(m => ({
        name: m.name,
        description: m.description,
        stage,
        label,
        facet,
        facetValue: String(v.value_or_threshold),
        value: m.value ?? null,
      })),
    ),
  );
}
