import { recurringJobName } from './recurringJobName';

describe('recurringJobName', () => {
  it.each([
    ['clv-monthly-scoring-2024-06-01', 'clv-monthly-scoring'],
    ['churn-daily-20240601T0600', 'churn-daily'],
    ['fraud-batch_20240601_0917', 'fraud-batch'],
    ['scoring-run-17', 'scoring-run'],
    ['one-off-backfill', 'one-off-backfill'],
    ['scoring-v2', 'scoring-v2'],
    ['2024-06-01', '2024-06-01'],
  ])('%s is a run of %s', (jobName, scoring) => {
    expect(recurringJobName(jobName)).toBe(scoring);
  });
});
