import { AwsError } from './AwsError';
import { SageMakerEstate } from './Estate';
import { Operation } from './Operation';
import { paginate } from './paginate';
import { toWire } from './toWire';

type AnyRecord = Record<string, unknown>;

const SUMMARY_MEMBERS = [
  'TrialComponentName',
  'TrialComponentArn',
  'DisplayName',
  'Status',
  'StartTime',
  'EndTime',
  'CreationTime',
  'CreatedBy',
  'LastModifiedTime',
  'LastModifiedBy',
];

function compare(a: string | number, b: string | number): number {
  if (a < b) {
    return -1;
  }
  return a > b ? 1 : 0;
}

/** The trial components of the trials of an experiment, or of one trial. */
function componentNamesOf(
  sm: SageMakerEstate,
  filter: { experiment?: string; trial?: string },
): Set<string> {
  const trials = (sm.trials ?? []).filter(t =>
    filter.trial !== undefined
      ? t.TrialName === filter.trial
      : t.ExperimentName === filter.experiment,
  );
  return new Set(
    trials.flatMap(t => (t.TrialComponentNames as string[] | undefined) ?? []),
  );
}

/**
 * SageMaker Experiments: `ListTrialComponents` (by experiment, trial or
 * source ARN, one at a time as AWS allows; creation-time filters; sorted by
 * `CreationTime` descending unless told; pages of up to 100) and
 * `DescribeTrialComponent` by name or ARN.
 */
export const experimentOperations: Record<string, Operation> = {
  ListTrialComponents: {
    members: [
      'ExperimentName',
      'TrialName',
      'SourceArn',
      'CreatedAfter',
      'CreatedBefore',
      'SortBy',
      'SortOrder',
      'MaxResults',
      'NextToken',
    ],
    handle(input, context) {
      const sm = context.regionEstate.sagemaker;
      const experiment = input.string('ExperimentName');
      const trial = input.string('TrialName');
      const sourceArn = input.string('SourceArn');
      if (
        [experiment, trial, sourceArn].filter(v => v !== undefined).length > 1
      ) {
        throw new AwsError(
          'ValidationException',
          'Only one of ExperimentName, TrialName or SourceArn can be specified.',
        );
      }
      if (
        experiment !== undefined &&
        !(sm.experiments ?? []).some(e => e.ExperimentName === experiment)
      ) {
        throw new AwsError(
          'ResourceNotFound',
          `Experiment '${experiment}' does not exist.`,
        );
      }
      if (
        trial !== undefined &&
        !(sm.trials ?? []).some(t => t.TrialName === trial)
      ) {
        throw new AwsError(
          'ResourceNotFound',
          `Trial '${trial}' does not exist.`,
        );
      }
      const sortBy =
        input.oneOf('SortBy', ['Name', 'CreationTime'] as const) ??
        'CreationTime';
      const descending =
        (input.oneOf('SortOrder', ['Ascending', 'Descending'] as const) ??
          'Descending') === 'Descending';
      const after = input.time('CreatedAfter');
      const before = input.time('CreatedBefore');
      const names =
        experiment !== undefined || trial !== undefined
          ? componentNamesOf(sm, { experiment, trial })
          : undefined;

      const selected = (sm.trialComponents ?? []).filter(c => {
        const created = Date.parse(c.CreationTime);
        return (
          (names === undefined || names.has(c.TrialComponentName)) &&
          (sourceArn === undefined ||
            (c.Source as AnyRecord | undefined)?.SourceArn === sourceArn) &&
          (after === undefined || created > after) &&
          (before === undefined || created < before)
        );
      });
      const key = (c: AnyRecord) =>
        sortBy === 'Name'
          ? String(c.TrialComponentName)
          : Date.parse(String(c.CreationTime));
      selected.sort((a, b) => {
        const order =
          compare(key(a), key(b)) ||
          compare(String(a.TrialComponentArn), String(b.TrialComponentArn));
        return descending ? -order : order;
      });

      const page = paginate(selected, {
        scope: context.operation,
        nextToken: input.raw.NextToken,
        maxResults: input.raw.MaxResults,
        pageSize: context.pageSize,
        maxResultsLimit: 100,
      });
      return {
        TrialComponentSummaries: page.items.map(c => {
          const summary: AnyRecord = {};
          for (const member of SUMMARY_MEMBERS) {
            if (c[member] !== undefined) summary[member] = c[member];
          }
          if (c.Source !== undefined) summary.TrialComponentSource = c.Source;
          return toWire(summary);
        }),
        NextToken: page.nextToken,
      };
    },
  },

  DescribeTrialComponent: {
    members: ['TrialComponentName'],
    handle(input, context) {
      const name = input.requiredString('TrialComponentName');
      const component = (
        context.regionEstate.sagemaker.trialComponents ?? []
      ).find(
        c => c.TrialComponentName === name || c.TrialComponentArn === name,
      );
      if (!component) {
        throw new AwsError(
          'ResourceNotFound',
          `Trial Component '${name}' does not exist.`,
        );
      }
      return toWire(component);
    },
  },
};
