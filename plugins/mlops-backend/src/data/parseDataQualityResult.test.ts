import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseDataQualityResult } from './parseDataQualityResult';

const sample = JSON.parse(
  readFileSync(
    resolve(__dirname, '__fixtures__/data_quality_result.json'),
    'utf8',
  ),
);

describe('parseDataQualityResult', () => {
  it("reads the score, ruleset and rule outcomes with Glue's messages", () => {
    expect(parseDataQualityResult(sample)).toEqual({
      resultId: 'dqresult-0f4c2e9b1a7d3c5e8f60a1b2c3d4e5f6a7b8c9d0',
      ruleset: 'crm-customer-profiles-export',
      score: 0.6667,
      startedAt: '2025-03-10T05:00:00.000Z',
      completedAt: '2025-03-10T05:04:00.000Z',
      rules: [
        {
          name: 'Rule_1',
          rule: 'IsComplete "crm_id"',
          result: 'PASS',
          metrics: { 'Column.crm_id.Completeness': 1 },
        },
        {
          name: 'Rule_2',
          rule: 'Completeness "email" > 0.95',
          result: 'FAIL',
          message: 'Value: 0.89 does not meet the constraint requirement!',
          metrics: { 'Column.email.Completeness': 0.89 },
        },
        {
          name: 'Rule_3',
          rule: 'RowCount > 1000000',
          result: 'PASS',
          metrics: { 'Dataset.*.RowCount': 1301877 },
        },
      ],
    });
  });

  it('reads a result without rule results as a run without rules', () => {
    expect(
      parseDataQualityResult({
        ResultId: 'dqresult-1',
        Score: 1,
        StartedOn: new Date('2025-03-10T05:00:00Z'),
      }),
    ).toEqual({
      resultId: 'dqresult-1',
      score: 1,
      startedAt: '2025-03-10T05:00:00.000Z',
      rules: [],
    });
  });

  it('names what is missing or malformed', () => {
    expect(() => parseDataQualityResult({})).toThrow(
      'The data quality result has no ResultId',
    );
    expect(() =>
      parseDataQualityResult({ ...sample, Score: undefined }),
    ).toThrow('has no score between 0 and 1');
    expect(() => parseDataQualityResult({ ...sample, Score: 7 })).toThrow(
      'has no score between 0 and 1: 7',
    );
    expect(() =>
      parseDataQualityResult({
        ...sample,
        StartedOn: 'soon',
        CompletedOn: undefined,
      }),
    ).toThrow('has no StartedOn');
    expect(() =>
      parseDataQualityResult({
        ...sample,
        RuleResults: [{ Name: 'Rule_1', Result: 'MAYBE' }],
      }),
    ).toThrow('rule 1 has no PASS, FAIL or ERROR result');
  });
});
