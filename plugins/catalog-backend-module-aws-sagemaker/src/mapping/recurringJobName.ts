// A trailing run date, time or number: `-2024-06-01`, `_20240601T0600`, `-17`.
const RUN_SUFFIX = /[-_.]\d+[T\d]*$/;

/**
 * The name of a recurring job without what changes from run to run, so that
 * `clv-monthly-scoring-2024-06-01` and `clv-monthly-scoring-2024-07-01` are
 * one scoring, `clv-monthly-scoring`. A name that would keep no letter is
 * kept whole.
 */
export function recurringJobName(jobName: string): string {
  let name = jobName;
  while (RUN_SUFFIX.test(name)) {
    name = name.replace(RUN_SUFFIX, '');
  }
  return /[a-z]/i.test(name) ? name : jobName;
}
