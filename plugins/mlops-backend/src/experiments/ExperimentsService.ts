import type {
  DescribeTrainingJobResponse,
  TrialComponentSummary,
} from '@aws-sdk/client-sagemaker';
import type { BackstageCredentials } from '@backstage/backend-plugin-api';
import { stringifyEntityRef, type Entity } from '@backstage/catalog-model';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import {
  ML_ANNOTATION_SAGEMAKER_EXPERIMENT,
  type ModelVersionEntityV1alpha1,
  type TrainingRun,
  type TrainingRuns,
} from '@ml-foundation/plugin-mlops-common';
import pLimit from 'p-limit';
import { buildTrainingRun } from './buildTrainingRun';
import type { ExperimentsConfig } from './readExperimentsConfig';
import type { ExperimentsAws } from './SagemakerExperimentsAws';
import { requireCatalogEntity } from '../service/requireCatalogEntity';
import { awsErrorMessage } from '@ml-foundation/plugin-mlops-node';

/** SageMaker calls in flight for one request. */
const CONCURRENCY = 4;

const TRAINING_JOB_ARN = /:training-job\/([^/]+)$/;

type Settled<T> =
  | { value: T; error?: undefined }
  | { value?: undefined; error: string };

/**
 * The training runs of a Model: the training jobs of its ModelVersions, and
 * the trial components of the SageMaker experiments associated with it (its
 * `ml-foundation.dev/sagemaker-experiment` annotation and the experiments
 * its versions' jobs ran in). A run or an experiment that cannot be read is
 * shown with a note; it never fails the list.
 */
export class ExperimentsService {
  constructor(
    private readonly options: {
      catalog: CatalogService;
      aws: ExperimentsAws;
      config: ExperimentsConfig;
    },
  ) {}

  async listRuns(
    modelRef: string,
    credentials: BackstageCredentials,
  ): Promise<TrainingRuns> {
    const model = await this.requireModel(modelRef, credentials);
    const ref = stringifyEntityRef(model);
    const { items } = await this.options.catalog.getEntities(
      { filter: { kind: 'ModelVersion', 'spec.model': ref } },
      { credentials },
    );
    const versions = items as ModelVersionEntityV1alpha1[];
    const limit = pLimit(CONCURRENCY);
    const { aws } = this.options;
    const settle = async <T>(
      call: () => Promise<T>,
      what: string,
    ): Promise<Settled<T>> => {
      try {
        return { value: await limit(call) };
      } catch (error) {
        return { error: `Could not read ${what}: ${awsErrorMessage(error)}` };
      }
    };

    const versionByJob = new Map<string, Entity>();
    for (const v of versions) {
      const job = v.spec.training?.jobName;
      if (job) versionByJob.set(job, v);
    }
    const jobs = new Map(
      await Promise.all(
        [...versionByJob].map(
          async ([name, version]) =>
            [
              name,
              await settle(
                () => aws.describeTrainingJob(version, name),
                `training job ${name}`,
              ),
            ] as const,
        ),
      ),
    );

    const experiments = new Set(
      (model.metadata.annotations?.[ML_ANNOTATION_SAGEMAKER_EXPERIMENT] ?? '')
        .split(',')
        .map(name => name.trim())
        .filter(Boolean),
    );
    for (const job of jobs.values()) {
      const name = job.value?.ExperimentConfig?.ExperimentName;
      if (name) experiments.add(name);
    }

    const notes: string[] = [];
    let truncated = false;
    const listed: { summary: TrialComponentSummary; experiment: string }[] = [];
    for (const experiment of experiments) {
      const page = await settle(
        () =>
          aws.listTrialComponents(
            model,
            experiment,
            this.options.config.maxRuns,
          ),
        `the runs of experiment ${experiment}`,
      );
      if (page.error !== undefined) {
        notes.push(page.error);
        continue;
      }
      truncated ||= page.value.truncated;
      for (const summary of page.value.summaries) {
        listed.push({ summary, experiment });
      }
    }

    const runs = new Map<string, TrainingRun>();
    const fromComponents = await Promise.all(
      listed.map(({ summary, experiment }) =>
        this.componentRun(
          model,
          summary,
          experiment,
          jobs,
          versionByJob,
          settle,
        ),
      ),
    );
    for (const run of fromComponents) {
      if (run && !runs.has(run.id)) runs.set(run.id, run);
    }
    // Versions whose job ran in no experiment read (or could not be read).
    for (const [name, version] of versionByJob) {
      if (runs.has(name)) continue;
      const job = jobs.get(name)!;
      runs.set(
        name,
        buildTrainingRun(
          job.error === undefined
            ? { job: job.value, version }
            : { version, notes: [job.error] },
        ),
      );
    }
    return {
      modelRef: ref,
      experiments: [...experiments],
      runs: [...runs.values()].sort((a, b) =>
        (b.startedAt ?? '').localeCompare(a.startedAt ?? ''),
      ),
      notes,
      truncated,
    };
  }

  /** The run of a listed trial component; none for a component of another job type (e.g. processing). */
  private async componentRun(
    model: Entity,
    summary: TrialComponentSummary,
    experimentName: string,
    jobs: Map<string, Settled<DescribeTrainingJobResponse>>,
    versionByJob: Map<string, Entity>,
    settle: <T>(call: () => Promise<T>, what: string) => Promise<Settled<T>>,
  ): Promise<TrainingRun | undefined> {
    const sourceArn = summary.TrialComponentSource?.SourceArn;
    const jobName = sourceArn
      ? TRAINING_JOB_ARN.exec(sourceArn)?.[1]
      : undefined;
    if (sourceArn && !jobName) return undefined;
    const name = summary.TrialComponentName;
    if (!name) return undefined;
    const notes: string[] = [];
    const component = await settle(
      () => this.options.aws.describeTrialComponent(model, name),
      `trial component ${name}`,
    );
    if (component.error !== undefined) notes.push(component.error);
    const version = jobName ? versionByJob.get(jobName) : undefined;
    let job = jobName ? jobs.get(jobName) : undefined;
    if (jobName && !job) {
      job = await settle(
        () => this.options.aws.describeTrainingJob(model, jobName),
        `training job ${jobName}`,
      );
    }
    if (job?.error !== undefined) notes.push(job.error);
    return buildTrainingRun({
      job: job?.value,
      component: component.value,
      summary,
      version,
      experimentName,
      notes,
    });
  }

  private requireModel(
    ref: string,
    credentials: BackstageCredentials,
  ): Promise<Entity> {
    return requireCatalogEntity(ref, ['Model'], normalized =>
      this.options.catalog.getEntityByRef(normalized, { credentials }),
    );
  }
}
