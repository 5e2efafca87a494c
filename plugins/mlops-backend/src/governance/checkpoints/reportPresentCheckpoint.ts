import type { Entity } from '@backstage/catalog-model';
import type { JsonObject } from '@backstage/types';
import {
  awsErrorMessage,
  type MlopsCheckpointType,
} from '@ml-foundation/plugin-mlops-node';
import { z } from 'zod';
import { readVersionReports } from '../../health/readVersionReports';
import { validateCheckpointSettings } from './validateCheckpointSettings';

/** What reading one report found: where it is, and what is wrong or in it. */
type ReportCheck = { uri?: string; problem?: string; summary?: string };

type ReportReader = (
  version: Entity,
  modelPackage: JsonObject,
  readS3Text: (uri: string) => Promise<string>,
) => Promise<ReportCheck>;

async function clarifyReports(
  version: Entity,
  modelPackage: JsonObject,
  readS3Text: (uri: string) => Promise<string>,
) {
  return readVersionReports(version, {
    describeModelPackage: async () => modelPackage,
    readText: (_, uri) => readS3Text(uri),
  });
}

/**
 * A Model Monitor statistics report of the model package: JSON whose
 * `isComplete` holds, e.g. model quality's `binary_classification_metrics`.
 */
function statisticsReport(
  path: string[],
  lacks: string,
  isComplete: (body: Record<string, unknown>) => boolean,
): ReportReader {
  return async (_, modelPackage, readS3Text) => {
    const uri = path.reduce<unknown>(
      (node, key) =>
        node && typeof node === 'object'
          ? (node as Record<string, unknown>)[key]
          : undefined,
      modelPackage.ModelMetrics,
    );
    if (typeof uri !== 'string') {
      return {};
    }
    let body: unknown;
    try {
      body = JSON.parse(await readS3Text(uri));
    } catch (error) {
      return {
        uri,
        problem: `Could not read ${uri}: ${awsErrorMessage(error)}`,
      };
    }
    if (!body || typeof body !== 'object' || Array.isArray(body)) {
      return { uri, problem: `The report at ${uri} is not a JSON object` };
    }
    return isComplete(body as Record<string, unknown>)
      ? { uri, summary: 'readable' }
      : { uri, problem: `The report at ${uri} has ${lacks}` };
  };
}

const REPORTS: Record<string, ReportReader> = {
  async bias(version, modelPackage, readS3Text) {
    const { bias } = await clarifyReports(version, modelPackage, readS3Text);
    if (bias.state !== 'present') {
      return { uri: bias.uri, problem: bias.reason };
    }
    return bias.metrics.length
      ? { uri: bias.uri, summary: `${bias.metrics.length} bias metrics` }
      : {
          uri: bias.uri,
          problem: `The report at ${bias.uri} has no bias metrics`,
        };
  },
  async explainability(version, modelPackage, readS3Text) {
    const { explainability: shap } = await clarifyReports(
      version,
      modelPackage,
      readS3Text,
    );
    if (shap.state !== 'present') {
      return { uri: shap.uri, problem: shap.reason };
    }
    return shap.importances.length
      ? {
          uri: shap.uri,
          summary: `SHAP values for ${shap.importances.length} features`,
        }
      : {
          uri: shap.uri,
          problem: `The report at ${shap.uri} has no SHAP values`,
        };
  },
  quality: statisticsReport(
    ['ModelQuality', 'Statistics', 'S3Uri'],
    'no *_metrics section',
    body => Object.keys(body).some(key => key.endsWith('_metrics')),
  ),
  'data-quality': statisticsReport(
    ['ModelDataQuality', 'Statistics', 'S3Uri'],
    'no features',
    body => Array.isArray(body.features) && body.features.length > 0,
  ),
};

const settings = z
  .object({
    report: z.enum(Object.keys(REPORTS) as [string, ...string[]]),
  })
  .passthrough();

/**
 * `report-present`: the model package names the report, and it reads as a
 * report of its kind. Clarify bias and explainability reports are parsed
 * (`analysis.json` with at least one bias metric or SHAP value); Model
 * Monitor quality statistics must be JSON with their sections. A missing,
 * unreadable or empty report fails with the reason.
 */
export const reportPresentCheckpoint: MlopsCheckpointType = {
  type: 'report-present',
  validate: definition => validateCheckpointSettings(settings, definition),
  async evaluate({ definition, version, getModelPackage, readS3Text }) {
    const { report } = validateCheckpointSettings(settings, definition);
    const modelPackage = await getModelPackage();
    const found: ReportCheck = modelPackage
      ? await REPORTS[report](version, modelPackage, readS3Text)
      : {
          problem: `Could not read the model package to find the ${report} report`,
        };
    const evidence = { report, uri: found.uri ?? null };
    if (!found.uri && !found.problem) {
      return {
        state: 'failed',
        message: `The model package has no ${report} report`,
        evidence,
      };
    }
    return found.problem
      ? { state: 'failed', message: found.problem, evidence }
      : {
          state: 'passed',
          message: `${report} report at ${found.uri}: ${found.summary}`,
          evidence,
        };
  },
};
