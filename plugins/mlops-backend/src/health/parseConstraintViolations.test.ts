import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseConstraintViolations } from './parseConstraintViolations';

const fixture = (name: string) =>
  readFileSync(resolve(__dirname, '__fixtures__', name), 'utf8');

describe('parseConstraintViolations', () => {
  it('reads the feature, check type and description of a data quality report', () => {
    const violations = parseConstraintViolations(
      fixture('data_quality_constraint_violations.json'),
    );
    expect(violations).toHaveLength(3);
    expect(violations[0]).toEqual({
      featureName: 'tenure_months',
      constraintCheckType: 'baseline_drift_check',
      description: 'Baseline drift distance: 0.42 exceeds threshold: 0.1',
    });
  });

  it('names the metric of a model quality report', () => {
    expect(
      parseConstraintViolations(
        fixture('model_quality_constraint_violations.json'),
      ),
    ).toEqual([
      {
        featureName: 'auc',
        constraintCheckType: 'LessThanThreshold',
        description: "Metric auc with 0.71 was LessThanThreshold '0.8'",
      },
    ]);
  });

  it('reads a report without violations', () => {
    expect(parseConstraintViolations('{"violations": []}')).toEqual([]);
  });

  it.each([
    ['', 'constraint_violations.json is empty'],
    ['   \n', 'constraint_violations.json is empty'],
    ['{"violations": [', 'constraint_violations.json is not JSON'],
    ['{}', 'constraint_violations.json is malformed at violations'],
    [
      '{"violations": [{"feature_name": "a"}]}',
      'constraint_violations.json is malformed at violations.0.constraint_check_type',
    ],
  ])('refuses %j with a clear error', (text, message) => {
    expect(() => parseConstraintViolations(text)).toThrow(message);
  });
});
