import type { MlopsCheckpointType } from '@ml-foundation/plugin-mlops-node';
import { z } from 'zod';
import { readVersionReports } from '../../health/readVersionReports';
import { validateCheckpointSettings } from './validateCheckpointSettings';

const settings = z
  .object({
    metric: z.string().min(1),
    facet: z.string().min(1).optional(),
    min: z.number().optional(),
    max: z.number().optional(),
  })
  .passthrough()
  .refine(s => s.min !== undefined || s.max !== undefined, {
    message: 'needs min or max',
    path: ['min'],
  });

/**
 * `bias-threshold`: a Clarify bias metric of the version (e.g. `DI`), for
 * every facet value or the named `facet`, is within `min`/`max`. Fails when
 * the bias report is absent, unreadable or lacks the metric.
 */
export const biasThresholdCheckpoint: MlopsCheckpointType = {
  type: 'bias-threshold',
  validate: definition => validateCheckpointSettings(settings, definition),
  async evaluate({ definition, version, getModelPackage, readS3Text }) {
    const bound = validateCheckpointSettings(settings, definition);
    const evidence = {
      metric: bound.metric,
      facet: bound.facet ?? null,
      min: bound.min ?? null,
      max: bound.max ?? null,
    };
    const { bias } = await readVersionReports(
      version,
      {
        describeModelPackage: () => getModelPackage(),
        readText: (_, uri) => readS3Text(uri),
      },
      [bound],
    );
    if (bias.state !== 'present') {
      return {
        state: 'failed',
        message: bias.reason ?? 'The model package has no bias report',
        evidence: { ...evidence, values: [] },
      };
    }
    const measured = bias.metrics.filter(m => m.passed !== undefined);
    if (measured.length === 0) {
      return {
        state: 'failed',
        message: `The bias report has no ${bound.metric}${
          bound.facet ? ` for ${bound.facet}` : ''
        }`,
        evidence: { ...evidence, values: [] },
      };
    }
    const failing = measured.filter(m => !m.passed);
    const describe = (m: (typeof measured)[number]) =>
      `${m.name} ${m.value ?? 'not computed'} for ${m.facet}=${m.facetValue}`;
    return {
      state: failing.length ? 'failed' : 'passed',
      message: failing.length
        ? `${failing.map(describe).join(', ')} out of bounds`
        : `${measured.map(describe).join(', ')} within bounds`,
      evidence: {
        ...evidence,
        uri: bias.uri ?? null,
        values: measured.map(m => ({
          facet: m.facet,
          facetValue: m.facetValue,
          stage: m.stage,
          value: m.value,
          passed: m.passed ?? null,
        })),
      },
    };
  },
};
