import type {
  DataQualityRuleOutcome,
  DataQualityRun,
} from '@ml-foundation/plugin-mlops-common';
import { time } from './parseColumnStatistics';

type AnyRecord = Record<string, unknown>;

const RESULTS = new Set(['PASS', 'FAIL', 'ERROR']);

function isRecord(value: unknown): value is AnyRecord {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Reads a `GetDataQualityResult` answer (SDK output or AWS's JSON) into a
 * run: its score, ruleset and each rule's outcome with Glue's message.
 *
 * @throws Error saying what is missing or malformed.
 */
export function parseDataQualityResult(output: unknown): DataQualityRun {
  if (!isRecord(output)) {
    throw new Error('The data quality result is not an object');
  }
  const resultId = output.ResultId;
  if (typeof resultId !== 'string' || !resultId) {
    throw new Error('The data quality result has no ResultId');
  }
  const score = output.Score;
  if (
    typeof score !== 'number' ||
    !Number.isFinite(score) ||
    score < 0 ||
    score > 1
  ) {
    throw new Error(
      `Data quality result ${resultId} has no score between 0 and 1: ${JSON.stringify(
        score,
      )}`,
    );
  }
  const startedAt = time(output.StartedOn) ?? time(output.CompletedOn);
  if (!startedAt) {
    throw new Error(`Data quality result ${resultId} has no StartedOn`);
  }
  const completedAt = time(output.CompletedOn);
  const ruleResults = output.RuleResults ?? [];
  if (!Array.isArray(ruleResults)) {
    throw new Error(
      `Data quality result ${resultId}: RuleResults is not a list`,
    );
  }
  return {
    resultId,
    ...(typeof output.RulesetName === 'string' && {
      ruleset: output.RulesetName,
    }),
    score,
    startedAt,
    ...(completedAt && { completedAt }),
    rules: ruleResults.map((rule, index) => parseRule(rule, resultId, index)),
  };
}

function parseRule(
  rule: unknown,
  resultId: string,
  index: number,
): DataQualityRuleOutcome {
  if (!isRecord(rule) || !RESULTS.has(String(rule.Result))) {
    throw new Error(
      `Data quality result ${resultId}: rule ${
        index + 1
      } has no PASS, FAIL or ERROR result`,
    );
  }
  const text = rule.EvaluatedRule ?? rule.Description;
  const metrics = isRecord(rule.EvaluatedMetrics)
    ? Object.fromEntries(
        Object.entries(rule.EvaluatedMetrics).filter(
          (entry): entry is [string, number] =>
            typeof entry[1] === 'number' && Number.isFinite(entry[1]),
        ),
      )
    : {};
  return {
    name: typeof rule.Name === 'string' ? rule.Name : `Rule_${index + 1}`,
    ...(typeof text === 'string' && { rule: text }),
    result: rule.Result as DataQualityRuleOutcome['result'],
    ...(typeof rule.EvaluationMessage === 'string' && {
      message: rule.EvaluationMessage,
    }),
    ...(Object.keys(metrics).length > 0 && { metrics }),
  };
}
