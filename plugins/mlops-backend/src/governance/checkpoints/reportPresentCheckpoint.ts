import type { MlopsCheckpointType } from '@ml-foundation/plugin-mlops-node';
import { z } from 'zod';
import { validateCheckpointSettings } from './validateCheckpointSettings';

// Where each report lives in DescribeModelPackage's ModelMetrics.
const REPORT_PATHS: Record<string, string[][]> = {
  bias: [
    ['Bias', 'Report'],
    ['Bias', 'PreTrainingReport'],
    ['Bias', 'PostTrainingReport'],
  ],
  explainability: [['Explainability', 'Report']],
  quality: [['ModelQuality', 'Statistics']],
  'data-quality': [['ModelDataQuality', 'Statistics']],
};

const settings = z
  .object({
    report: z.enum(Object.keys(REPORT_PATHS) as [string, ...string[]]),
  })
  .passthrough();

function dig(value: unknown, path: string[]): unknown {
  return path.reduce<unknown>(
    (node, key) =>
      node && typeof node === 'object'
        ? (node as Record<string, unknown>)[key]
        : undefined,
    value,
  );
}

/** The model package in SageMaker carries the named report (its S3 URI). */
export const reportPresentCheckpoint: MlopsCheckpointType = {
  type: 'report-present',
  validate: definition => validateCheckpointSettings(settings, definition),
  async evaluate({ definition, getModelPackage }) {
    const { report } = validateCheckpointSettings(settings, definition);
    const modelPackage = await getModelPackage();
    if (!modelPackage) {
      return {
        state: 'failed',
        message: `Could not read the model package to find the ${report} report`,
        evidence: { report, uri: null },
      };
    }
    const uri = REPORT_PATHS[report]
      .map(path => dig(modelPackage.ModelMetrics, [...path, 'S3Uri']))
      .find((value): value is string => typeof value === 'string');
    return uri
      ? {
          state: 'passed',
          message: `${report} report at ${uri}`,
          evidence: { report, uri },
        }
      : {
          state: 'failed',
          message: `The model package has no ${report} report`,
          evidence: { report, uri: null },
        };
  },
};
