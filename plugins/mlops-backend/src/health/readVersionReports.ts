import { stringifyEntityRef, type Entity } from '@backstage/catalog-model';
import type { JsonObject } from '@backstage/types';
import type {
  BiasMetric,
  VersionReports,
} from '@ml-foundation/plugin-mlops-common';
import { awsErrorMessage } from '@ml-foundation/plugin-mlops-node';
import {
  parseClarifyAnalysis,
  type ClarifyAnalysis,
} from './parseClarifyAnalysis';

/** Bounds a policy sets on a bias metric, for one facet or all. */
export type BiasBound = {
  metric: string;
  facet?: string;
  min?: number;
  max?: number;
};

/** What reading a version's Clarify reports needs. */
export interface VersionReportSources {
  /** DescribeModelPackage of the version; undefined when it cannot be read. */
  describeModelPackage(version: Entity): Promise<JsonObject | undefined>;
  /** @throws with the reason when the object cannot be read. */
  readText(entity: Entity, uri: string): Promise<string>;
}

function s3UriAt(value: unknown, path: string[]): string | undefined {
  const found = path.reduce<unknown>(
    (node, key) =>
      node && typeof node === 'object'
        ? (node as Record<string, unknown>)[key]
        : undefined,
    value,
  );
  return typeof found === 'string' ? found : undefined;
}

/** Whether a metric is within the bounds that apply to it, if any do. */
export function applyBiasBounds(
  metric: BiasMetric,
  bounds: BiasBound[],
): BiasMetric {
  const bound = bounds.find(
    b => b.metric === metric.name && (!b.facet || b.facet === metric.facet),
  );
  if (!bound) {
    return metric;
  }
  const passed =
    metric.value !== null &&
    (bound.min === undefined || metric.value >= bound.min) &&
    (bound.max === undefined || metric.value <= bound.max);
  return {
    ...metric,
    ...(bound.min !== undefined ? { min: bound.min } : {}),
    ...(bound.max !== undefined ? { max: bound.max } : {}),
    passed,
  };
}

/**
 * The SHAP importances and bias metrics of a ModelVersion, from the Clarify
 * `analysis.json` files its model package's ModelMetrics point to. A report
 * that is missing, unreadable or malformed gives that part the state
 * `unknown` with the reason; nothing throws.
 */
export async function readVersionReports(
  version: Entity,
  sources: VersionReportSources,
  bounds: BiasBound[] = [],
): Promise<VersionReports> {
  const entityRef = stringifyEntityRef(version);
  const modelPackage = await sources.describeModelPackage(version);
  if (!modelPackage) {
    const reason = 'Could not read the model package from SageMaker';
    return {
      entityRef,
      explainability: { state: 'unknown', reason, importances: [] },
      bias: { state: 'unknown', reason, metrics: [] },
    };
  }
  const metrics = modelPackage.ModelMetrics;
  const explainabilityUri = s3UriAt(metrics, [
    'Explainability',
    'Report',
    'S3Uri',
  ]);
  const biasUris = [
    ['Bias', 'Report', 'S3Uri'],
    ['Bias', 'PreTrainingReport', 'S3Uri'],
    ['Bias', 'PostTrainingReport', 'S3Uri'],
  ]
    .map(path => s3UriAt(metrics, path))
    .filter((uri): uri is string => Boolean(uri));
  const uniqueBiasUris = [...new Set(biasUris)];

  const read = async (uri: string): Promise<ReadResult> => {
    try {
      return {
        analysis: parseClarifyAnalysis(await sources.readText(version, uri)),
      };
    } catch (error) {
      return { reason: `Could not read ${uri}: ${awsErrorMessage(error)}` };
    }
  };

  const [explainability, ...bias] = await Promise.all([
    explainabilityUri ? read(explainabilityUri) : Promise.resolve(undefined),
    ...uniqueBiasUris.map(read),
  ]);
  return {
    entityRef,
    explainability: explainabilityPart(explainabilityUri, explainability),
    bias: biasPart(uniqueBiasUris, bias, bounds),
  };
}

type ReadResult = { analysis?: ClarifyAnalysis; reason?: string };

function explainabilityPart(
  uri: string | undefined,
  result: ReadResult | undefined,
): VersionReports['explainability'] {
  if (!uri) {
    return { state: 'absent', importances: [] };
  }
  if (!result?.analysis) {
    return { state: 'unknown', uri, reason: result?.reason, importances: [] };
  }
  return { state: 'present', uri, importances: result.analysis.importances };
}

function biasPart(
  uris: string[],
  results: ReadResult[],
  bounds: BiasBound[],
): VersionReports['bias'] {
  if (uris.length === 0) {
    return { state: 'absent', metrics: [] };
  }
  const uri = uris.join(' ');
  const failure = results.find(r => r.reason);
  if (failure) {
    return { state: 'unknown', uri, reason: failure.reason, metrics: [] };
  }
  return {
    state: 'present',
    uri,
    metrics: results
      .flatMap(r => r.analysis?.biasMetrics ?? [])
      .map(m => applyBiasBounds(m, bounds)),
  };
}
