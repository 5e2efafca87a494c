/** A metric of a training run: its final value and, from SageMaker Experiments, its spread over the run. */
export type TrainingRunMetric = {
  /** As the training job names it, e.g. `validation:auc`. */
  name: string;
  /** The final value (`FinalMetricDataList`, else the trial component's `Last`). */
  value: number;
  min?: number;
  max?: number;
  avg?: number;
  /** How many values the run logged. */
  count?: number;
};

/** Data a run read: a training channel or a trial component input artifact. */
export type TrainingRunInput = {
  name: string;
  uri: string;
};

/**
 * One training run of a model: a SageMaker training job (with its trial
 * component when it ran in an experiment), or a trial component logged
 * without a job, e.g. from a notebook.
 */
export type TrainingRun = {
  /** The training job's name, else the trial component's. */
  id: string;
  /** What users call it: the job's name or the component's display name. */
  name: string;
  source: 'training-job' | 'trial-component';
  trainingJobName?: string;
  trainingJobArn?: string;
  trialComponentName?: string;
  experimentName?: string;
  trialName?: string;
  /** `Completed`, `Failed`, `Stopped`, `InProgress`... as AWS says. */
  status?: string;
  failureReason?: string;
  startedAt?: string;
  endedAt?: string;
  durationSeconds?: number;
  /** What AWS bills per instance (wall-clock, after managed spot savings). */
  billableSeconds?: number;
  instanceType?: string;
  instanceCount?: number;
  /** Hyperparameters and logged parameters, by name. */
  parameters: Record<string, string>;
  metrics: TrainingRunMetric[];
  inputs: TrainingRunInput[];
  /** The ModelVersion this run produced, when one did. */
  versionRef?: string;
  /** What could not be read or is missing, e.g. a run without metrics. */
  notes: string[];
};

/** The training runs of a Model, newest first. */
export type TrainingRuns = {
  modelRef: string;
  /** The SageMaker experiments whose runs were read (see docs/data-foundation.md). */
  experiments: string[];
  runs: TrainingRun[];
  /** What could not be read for the list as a whole, e.g. an experiment. */
  notes: string[];
  /** True when an experiment had more runs than `mlops.experiments.maxRuns`. */
  truncated: boolean;
};
