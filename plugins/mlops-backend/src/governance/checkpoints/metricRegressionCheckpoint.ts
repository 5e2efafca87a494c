import { stringifyEntityRef } from '@backstage/catalog-model';
import type { MlopsCheckpointType } from '@ml-foundation/plugin-mlops-node';
import { z } from 'zod';
import { findMetric } from './findMetric';
import { validateCheckpointSettings } from './validateCheckpointSettings';

const settings = z
  .object({ metric: z.string().min(1), maxDrop: z.number().min(0) })
  .passthrough();

/**
 * The version's metric is at most `maxDrop` below that of the version now in
 * the target stage (higher is better); passes when no version is there yet.
 */
export const metricRegressionCheckpoint: MlopsCheckpointType = {
  type: 'metric-regression',
  validate: definition => validateCheckpointSettings(settings, definition),
  async evaluate({
    definition,
    version,
    getVersionInTargetStage,
    targetStage,
  }) {
    const { metric, maxDrop } = validateCheckpointSettings(
      settings,
      definition,
    );
    const value = findMetric(version, metric)?.value;
    const baseline = await getVersionInTargetStage();
    const baselineRef = baseline ? stringifyEntityRef(baseline) : null;
    const baselineValue = baseline ? findMetric(baseline, metric)?.value : null;
    const evidence = {
      metric,
      maxDrop,
      value: value ?? null,
      baselineRef,
      baselineValue: baselineValue ?? null,
    };
    if (value === undefined) {
      return {
        state: 'failed',
        message: `${metric} is not recorded on this version`,
        evidence,
      };
    }
    if (!baseline) {
      return {
        state: 'passed',
        message: `No version is in ${targetStage} to compare ${metric} with`,
        evidence,
      };
    }
    if (baselineValue === undefined || baselineValue === null) {
      return {
        state: 'passed',
        message: `${baselineRef} has no ${metric} to compare with`,
        evidence,
      };
    }
    const drop = baselineValue - value;
    const rounded = Number(drop.toFixed(6));
    return {
      state: drop > maxDrop ? 'failed' : 'passed',
      message: `${metric} ${value} vs ${baselineValue} in ${targetStage} (${baselineRef}): drop ${rounded} ${
        drop > maxDrop ? '>' : '<='
      } ${maxDrop}`,
      evidence: { ...evidence, drop: rounded },
    };
  },
};
