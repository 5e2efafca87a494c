import type {
  DescribeTrainingJobResponse,
  DescribeTrialComponentResponse,
  TrialComponentSummary,
} from '@aws-sdk/client-sagemaker';
import { stringifyEntityRef, type Entity } from '@backstage/catalog-model';
import type {
  ModelMetric,
  ModelVersionEntityV1alpha1,
  TrainingRun,
  TrainingRunInput,
  TrainingRunMetric,
} from '@ml-foundation/plugin-mlops-common';

/** What is known of one run; at least one of `job`, `component`, `summary` or `version`. */
export interface TrainingRunSources {
  job?: DescribeTrainingJobResponse;
  component?: DescribeTrialComponentResponse;
  /** The component as listed, when it could not be described. */
  summary?: TrialComponentSummary;
  /** The ModelVersion the run produced; stands in for a job that could not be read. */
  version?: Entity;
  experimentName?: string;
  /** What could not be read, said by the caller. */
  notes?: string[];
}

/** Parameters SageMaker adds to a training job's trial component, shown as instance info instead. */
const SAGEMAKER_PARAMETER = /^SageMaker\./;

function iso(time: Date | undefined): string | undefined {
  return time && !Number.isNaN(time.getTime()) ? time.toISOString() : undefined;
}

function finite(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value)
    ? value
    : undefined;
}

function parameterValue(value: unknown): string | undefined {
  const v = value as { StringValue?: unknown; NumberValue?: unknown } | null;
  if (typeof v?.StringValue === 'string') return v.StringValue;
  const n = finite(v?.NumberValue);
  return n === undefined ? undefined : String(n);
}

function componentParameters(
  component: DescribeTrialComponentResponse | undefined,
): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(component?.Parameters ?? {})) {
    const v = parameterValue(value);
    if (v !== undefined && !SAGEMAKER_PARAMETER.test(name)) out[name] = v;
  }
  return out;
}

function metricsOf(sources: TrainingRunSources, notes: string[]) {
  const metrics = new Map<string, TrainingRunMetric>();
  for (const m of sources.job?.FinalMetricDataList ?? []) {
    const value = finite(m.Value);
    if (m.MetricName && value !== undefined) {
      metrics.set(m.MetricName, { name: m.MetricName, value });
    }
  }
  for (const m of sources.component?.Metrics ?? []) {
    if (!m.MetricName) continue;
    const known = metrics.get(m.MetricName);
    const value = known?.value ?? finite(m.Last) ?? finite(m.Avg);
    if (value === undefined) {
      notes.push(`Metric ${m.MetricName} has no value`);
      continue;
    }
    const spread = {
      min: finite(m.Min),
      max: finite(m.Max),
      avg: finite(m.Avg),
      count: finite(m.Count),
    };
    metrics.set(m.MetricName, {
      name: m.MetricName,
      value,
      ...Object.fromEntries(
        Object.entries(spread).filter(([, v]) => v !== undefined),
      ),
    });
  }
  if (metrics.size === 0 && !sources.job && !sources.component) {
    for (const m of versionSpec(sources.version)?.metrics ?? []) {
      const name = metricName(m);
      metrics.set(name, { name, value: m.value });
    }
  }
  return [...metrics.values()];
}

function metricName(m: ModelMetric): string {
  return m.split ? `${m.split}:${m.name}` : m.name;
}

function inputsOf(sources: TrainingRunSources): TrainingRunInput[] {
  const { job, component } = sources;
  if (job?.InputDataConfig) {
    return job.InputDataConfig.flatMap(channel => {
      const uri =
        channel.DataSource?.S3DataSource?.S3Uri ??
        channel.DataSource?.FileSystemDataSource?.DirectoryPath;
      return uri ? [{ name: channel.ChannelName ?? '', uri }] : [];
    });
  }
  if (component?.InputArtifacts) {
    return Object.entries(component.InputArtifacts).flatMap(
      ([name, artifact]) =>
        typeof artifact?.Value === 'string' && !SAGEMAKER_PARAMETER.test(name)
          ? [{ name, uri: artifact.Value }]
          : [],
    );
  }
  return (versionSpec(sources.version)?.training?.inputs ?? []).map(i => ({
    name: i.channel ?? '',
    uri: i.uri,
  }));
}

function versionSpec(version: Entity | undefined) {
  return version?.spec as ModelVersionEntityV1alpha1['spec'] | undefined;
}

function durationOf(
  job: DescribeTrainingJobResponse | undefined,
  startedAt: string | undefined,
  endedAt: string | undefined,
): number | undefined {
  const recorded = finite(job?.TrainingTimeInSeconds);
  if (recorded !== undefined) return recorded;
  if (!startedAt || !endedAt) return undefined;
  const seconds = (Date.parse(endedAt) - Date.parse(startedAt)) / 1000;
  return seconds >= 0 ? Math.round(seconds) : undefined;
}

/**
 * One training run from what SageMaker says of it: the training job
 * (hyperparameters, final metrics, channels, instances, billable time), its
 * trial component (logged parameters, metric spread over the run, input
 * artifacts), or, for a version whose job cannot be read, what the
 * ModelVersion entity recorded. Anything missing or malformed is left out
 * and said in `notes`; it never throws.
 */
export function buildTrainingRun(sources: TrainingRunSources): TrainingRun {
  const { job, component, summary, version } = sources;
  const notes = [...(sources.notes ?? [])];
  const spec = versionSpec(version);
  const described = component ?? summary;
  const id =
    job?.TrainingJobName ??
    spec?.training?.jobName ??
    described?.TrialComponentName ??
    (version ? version.metadata.name : 'unknown');
  const startedAt = iso(job?.TrainingStartTime) ?? iso(described?.StartTime);
  const endedAt = iso(job?.TrainingEndTime) ?? iso(described?.EndTime);
  const componentParams = component?.Parameters ?? {};
  const instanceType =
    job?.ResourceConfig?.InstanceType ??
    job?.ResourceConfig?.InstanceGroups?.[0]?.InstanceType ??
    parameterValue(componentParams['SageMaker.InstanceType']);
  const instanceCount =
    finite(job?.ResourceConfig?.InstanceCount) ??
    finite(Number(parameterValue(componentParams['SageMaker.InstanceCount'])));
  const parameters = {
    ...componentParameters(component),
    ...(job?.HyperParameters ?? (job ? {} : spec?.hyperparameters ?? {})),
  };
  const metrics = metricsOf(sources, notes);
  if (metrics.length === 0) notes.push('No metrics recorded');
  const isJob = Boolean(job ?? spec?.training?.jobName);
  const run: TrainingRun = {
    id,
    name:
      job?.TrainingJobName ??
      spec?.training?.jobName ??
      described?.DisplayName ??
      id,
    source: isJob ? 'training-job' : 'trial-component',
    parameters,
    metrics,
    inputs: inputsOf(sources),
    notes,
  };
  const optional: Partial<TrainingRun> = {
    trainingJobName: job?.TrainingJobName ?? spec?.training?.jobName,
    trainingJobArn: job?.TrainingJobArn ?? spec?.training?.jobArn,
    trialComponentName: described?.TrialComponentName,
    experimentName:
      job?.ExperimentConfig?.ExperimentName ?? sources.experimentName,
    trialName: job?.ExperimentConfig?.TrialName,
    status: job?.TrainingJobStatus ?? described?.Status?.PrimaryStatus,
    failureReason: job?.FailureReason,
    startedAt,
    endedAt,
    durationSeconds: durationOf(job, startedAt, endedAt),
    billableSeconds: finite(job?.BillableTimeInSeconds),
    instanceType,
    instanceCount,
    versionRef: version ? stringifyEntityRef(version) : undefined,
  };
  for (const [key, value] of Object.entries(optional)) {
    if (value !== undefined) (run as Record<string, unknown>)[key] = value;
  }
  return run;
}
