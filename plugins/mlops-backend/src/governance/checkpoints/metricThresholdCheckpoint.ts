import type { MlopsCheckpointType } from '@ml-foundation/plugin-mlops-node';
import { z } from 'zod';
import { findMetric } from './findMetric';
import { validateCheckpointSettings } from './validateCheckpointSettings';

const settings = z
  .object({
    metric: z.string().min(1),
    min: z.number().optional(),
    max: z.number().optional(),
  })
  .passthrough()
  .refine(s => s.min !== undefined || s.max !== undefined, {
    message: 'needs min or max',
    path: ['min'],
  });

/** A metric of the version is at least `min` and/or at most `max`. */
export const metricThresholdCheckpoint: MlopsCheckpointType = {
  type: 'metric-threshold',
  validate: definition => validateCheckpointSettings(settings, definition),
  async evaluate({ definition, version }) {
    const { metric, min, max } = validateCheckpointSettings(
      settings,
      definition,
    );
    const found = findMetric(version, metric);
    const evidence = { metric, min: min ?? null, max: max ?? null };
    if (!found) {
      return {
        state: 'failed',
        message: `${metric} is not recorded on this version`,
        evidence: { ...evidence, value: null },
      };
    }
    const tooLow = min !== undefined && found.value < min;
    const tooHigh = max !== undefined && found.value > max;
    const bounds = [
      min !== undefined ? `>= ${min}` : undefined,
      max !== undefined ? `<= ${max}` : undefined,
    ]
      .filter(Boolean)
      .join(' and ');
    return {
      state: tooLow || tooHigh ? 'failed' : 'passed',
      message: `${metric} ${found.value} ${
        tooLow || tooHigh ? 'is not' : 'is'
      } ${bounds}`,
      evidence: { ...evidence, value: found.value },
    };
  },
};
