import { createHash } from 'node:crypto';
import { Estate } from './Estate';

const REGION = 'eu-west-1';
const MONITORING = 's3://acme-ml-monitoring';
const REPORTS = 's3://acme-ml-clarify';

// Model Monitor's data quality report of the churn endpoint: its inputs
// have moved away from the training baseline.
const CHURN_DRIFT = {
  violations: [
    {
      feature_name: 'tenure_months',
      constraint_check_type: 'baseline_drift_check',
      description: 'Baseline drift distance: 0.2713 exceeds threshold: 0.1',
    },
    {
      feature_name: 'monthly_charges_gbp',
      constraint_check_type: 'baseline_drift_check',
      description: 'Baseline drift distance: 0.1842 exceeds threshold: 0.1',
    },
    {
      feature_name: 'contract_type',
      constraint_check_type: 'categorical_values_check',
      description:
        "Value: 'monthly-flex' not in the baseline categorical values: [monthly, annual, two-year]. 12.4% of data is not in the baseline.",
    },
  ],
};

function clarifyAnalysis(
  label: string,
  shap: Record<string, number>,
  facet: string,
  facetValue: string,
  bias: { CI: number; DPL: number; DI: number; DPPL: number },
) {
  const metric = (name: string, description: string, value: number) => ({
    name,
    description,
    value,
  });
  return {
    version: '1.0',
    explanations: {
      kernel_shap: {
        [label]: { global_shap_values: shap, expected_value: 0.21 },
      },
    },
    pre_training_bias_metrics: {
      label,
      label_value_or_threshold: '1',
      facets: {
        [facet]: [
          {
            value_or_threshold: facetValue,
            metrics: [
              metric('CI', 'Class Imbalance (CI)', bias.CI),
              metric(
                'DPL',
                'Difference in Positive Proportions in Labels (DPL)',
                bias.DPL,
              ),
            ],
          },
        ],
      },
    },
    post_training_bias_metrics: {
      label,
      label_value_or_threshold: '1',
      facets: {
        [facet]: [
          {
            value_or_threshold: facetValue,
            metrics: [
              metric('DI', 'Disparate Impact (DI)', bias.DI),
              metric(
                'DPPL',
                'Difference in Positive Proportions in Predicted Labels (DPPL)',
                bias.DPPL,
              ),
            ],
          },
        ],
      },
    },
  };
}

const VERSION_REPORTS: Array<
  [group: string, version: number, ...args: Parameters<typeof clarifyAnalysis>]
> = [
  [
    'churn-classifier',
    4,
    'churned',
    {
      tenure_months: 0.3121,
      contract_type: 0.2207,
      monthly_charges_gbp: 0.1804,
      support_tickets_90d: 0.0912,
      web_sessions_30d: 0.0655,
      payment_method: 0.0311,
      age_band: 0.0102,
    },
    'age_band',
    '65+',
    { CI: 0.12, DPL: 0.04, DI: 0.93, DPPL: 0.03 },
  ],
  [
    // Its disparate impact on customers over 65 is below the 0.8 four-fifths bound.
    'churn-classifier',
    5,
    'churned',
    {
      tenure_months: 0.2874,
      support_tickets_90d: 0.2411,
      contract_type: 0.1985,
      monthly_charges_gbp: 0.1533,
      web_sessions_30d: 0.0721,
      payment_method: 0.0402,
      age_band: 0.0633,
    },
    'age_band',
    '65+',
    { CI: 0.12, DPL: 0.09, DI: 0.71, DPPL: 0.14 },
  ],
  [
    'fraud-detector',
    3,
    'is_fraud',
    {
      amount_gbp: 0.4011,
      merchant_chargeback_rate_90d: 0.2533,
      card_txn_count_1h: 0.1802,
      distance_from_home_km: 0.1219,
      mcc_group: 0.0645,
      card_age_days: 0.0301,
    },
    'cardholder_country',
    'non-GB',
    { CI: 0.64, DPL: 0.02, DI: 0.97, DPPL: 0.01 },
  ],
  [
    // The candidate for production: its evidence is complete.
    'fraud-detector',
    4,
    'is_fraud',
    {
      amount_gbp: 0.3688,
      merchant_chargeback_rate_90d: 0.2307,
      merchant_risk_score: 0.1544,
      card_txn_count_1h: 0.1391,
      distance_from_home_km: 0.0702,
      mcc_group: 0.0248,
      card_age_days: 0.012,
    },
    'cardholder_country',
    'non-GB',
    { CI: 0.64, DPL: 0.02, DI: 0.95, DPPL: 0.02 },
  ],
];

/** Versions whose model package carries a SageMaker model card. */
const MODEL_CARDS: Array<
  [group: string, version: number, status: string, purpose: string]
> = [
  [
    'fraud-detector',
    4,
    'Approved',
    'Holds card payments likely to be fraudulent for manual review',
  ],
];

/**
 * The demo's health evidence: hourly Model Monitor executions of every
 * schedule (the churn endpoint's data quality drifting for the last three
 * runs, with its `constraint_violations.json`), Clarify `analysis.json`
 * reports for some versions (churn v5 with a disparate impact out of bounds),
 * the approved model card of fraud-detector v4 (the demo's candidate for
 * production) and the SageMaker pipeline that retrains the churn classifier.
 */
export function addDemoHealth(estate: Estate, now: Date): void {
  const sm = estate.regions[REGION].sagemaker;
  const lastHour = Math.floor(now.getTime() / 3_600_000) * 3_600_000;
  const executions = (sm.monitoringExecutions ??= []);
  for (const schedule of sm.monitoringSchedules) {
    const name = schedule.MonitoringScheduleName;
    const endpoint = String(schedule.EndpointName);
    for (let hoursAgo = 6; hoursAgo >= 1; hoursAgo--) {
      const scheduled = new Date(lastHour - hoursAgo * 3_600_000);
      const at = scheduled.toISOString();
      const drifting =
        name === 'churn-classifier-endpoint-data-quality' && hoursAgo <= 3;
      const path = at.slice(0, 13).replace(/[-T]/g, '/');
      const reportUri = `${MONITORING}/${endpoint}/${name}/${path}`;
      const job = `model-monitoring-${at
        .slice(0, 13)
        .replace(/[-T]/g, '')}-${createHashLike(name)}`;
      executions.push({
        MonitoringScheduleName: name,
        MonitoringScheduleArn: schedule.MonitoringScheduleArn,
        ScheduledTime: at,
        CreationTime: new Date(scheduled.getTime() + 60_000).toISOString(),
        LastModifiedTime: new Date(
          scheduled.getTime() + 14 * 60_000,
        ).toISOString(),
        MonitoringExecutionStatus: drifting
          ? 'CompletedWithViolations'
          : 'Completed',
        ProcessingJobArn: `arn:aws:sagemaker:${REGION}:${estate.accountId}:processing-job/${job}`,
        EndpointName: endpoint,
        MonitoringJobDefinitionName: (
          schedule.MonitoringScheduleConfig as {
            MonitoringJobDefinitionName?: string;
          }
        )?.MonitoringJobDefinitionName,
        MonitoringType: schedule.MonitoringType,
        ReportS3Uri: reportUri,
      });
      estate.s3[`${reportUri}/constraint_violations.json`] = JSON.stringify(
        drifting ? CHURN_DRIFT : { violations: [] },
        null,
        2,
      );
    }
    const latest = executions[executions.length - 1];
    schedule.LastMonitoringExecutionSummary = {
      ...(schedule.LastMonitoringExecutionSummary as object),
      ScheduledTime: latest.ScheduledTime,
      MonitoringExecutionStatus: latest.MonitoringExecutionStatus,
      ProcessingJobArn: latest.ProcessingJobArn,
    };
  }

  for (const [group, version, ...args] of VERSION_REPORTS) {
    const modelPackage = sm.modelPackages.find(
      p =>
        p.ModelPackageGroupName === group && p.ModelPackageVersion === version,
    );
    if (!modelPackage) {
      continue;
    }
    const base = `${REPORTS}/${group}/v${version}`;
    const analysis = JSON.stringify(clarifyAnalysis(...args), null, 2);
    estate.s3[`${base}/explainability/analysis.json`] = analysis;
    estate.s3[`${base}/bias/analysis.json`] = analysis;
    modelPackage.ModelMetrics = {
      ...(modelPackage.ModelMetrics as object),
      Explainability: {
        Report: {
          ContentType: 'application/json',
          S3Uri: `${base}/explainability/analysis.json`,
        },
      },
      Bias: {
        Report: {
          ContentType: 'application/json',
          S3Uri: `${base}/bias/analysis.json`,
        },
      },
    };
  }

  for (const [group, version, status, purpose] of MODEL_CARDS) {
    const modelPackage = sm.modelPackages.find(
      p =>
        p.ModelPackageGroupName === group && p.ModelPackageVersion === version,
    );
    if (modelPackage) {
      modelPackage.ModelCard = {
        ModelCardStatus: status,
        ModelCardContent: JSON.stringify({
          intended_uses: { purpose_of_model: purpose, risk_rating: 'High' },
        }),
      };
    }
  }

  // The churn model names its retraining pipeline, so the portal offers it.
  sm.modelPackageGroups
    .find(g => g.ModelPackageGroupName === 'churn-classifier')
    ?.Tags?.push({
      Key: 'ml-foundation.dev/retraining-pipeline',
      Value: 'churn-classifier-training',
    });
  (sm.pipelines ??= []).push({
    PipelineName: 'churn-classifier-training',
    PipelineArn: `arn:aws:sagemaker:${REGION}:${estate.accountId}:pipeline/churn-classifier-training`,
    PipelineStatus: 'Active',
    CreationTime: '2024-01-12T09:00:00Z',
  });
}

// Model Monitor's job names end in a short id; derived from the schedule so
// that the estate is the same on every generation.
function createHashLike(value: string): string {
  return createHash('sha256').update(value).digest('hex').slice(0, 8);
}
