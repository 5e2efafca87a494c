import { addDemoDataProfiles } from './addDemoDataProfiles';
import { addDemoHealth } from './addDemoHealth';
import { Estate } from './Estate';
import { ColumnSpec, EstateBuilder, SplitMetrics } from './EstateBuilder';
import { glueScript } from './glueScript';

const ACCOUNT = '123456789012';
const EU = 'eu-west-1';
const US = 'us-east-1';
const ECR = `${ACCOUNT}.dkr.ecr.${EU}.amazonaws.com/ml-inference`;
const CURATED = 's3://acme-datalake-curated';

const FEATURE_GROUPS = {
  customerBehaviour: 'customer-behaviour-features',
  transactionAggregates: 'transaction-aggregates',
  merchantRisk: 'merchant-risk-features',
};

/** One registered version of examples/ml-estate.yaml. */
interface DemoVersion {
  group: string;
  version: number;
  description: string;
  approvalStatus: 'Approved' | 'Rejected' | 'PendingManualApproval';
  stage: string;
  framework: [string, string];
  imageTag: string;
  job: string;
  minutes: number;
  createdBy: string;
  createdAt: string;
  hyperparameters: Record<string, string>;
  /** Channel name -> S3 URI; `fg:<name>` stands for a feature group's offline store. */
  inputs: Record<string, string>;
  metrics: {
    train: SplitMetrics;
    validation: SplitMetrics;
    test: SplitMetrics;
  };
  testStd?: SplitMetrics;
}

const churnInputs = (snapshot: string, fromFeatureStore: boolean) => ({
  ...(fromFeatureStore
    ? { features: `fg:${FEATURE_GROUPS.customerBehaviour}` }
    : {
        customers: `${CURATED}/customer/customers/snapshot_date=${snapshot}/`,
        web_sessions: `${CURATED}/customer/web_sessions/`,
      }),
  labels: `${CURATED}/ml/customer/churn_labels/snapshot_month=${snapshot.slice(
    0,
    7,
  )}/`,
});

const fraudInputs = (withMerchantRisk: boolean) => ({
  card_features: `fg:${FEATURE_GROUPS.transactionAggregates}`,
  ...(withMerchantRisk
    ? { merchant_features: `fg:${FEATURE_GROUPS.merchantRisk}` }
    : {}),
  transactions: `${CURATED}/payments/transactions/`,
  labels: `${CURATED}/payments/fraud_labels/`,
});

// CLV trains on an export of the customer_360 view (a view has no S3
// location of its own, so this input matches no dataset) and on transactions.
const clvInputs = (asOf: string) => ({
  train: `s3://acme-ml-training/customer-lifetime-value/as-of=${asOf}/train/`,
  transactions: `${CURATED}/payments/transactions/`,
});

type ClassificationMetrics = [
  auc: number,
  precision: number,
  recall: number,
  f1: number,
];

const splitMetrics = ([auc, precision, recall, f1]: ClassificationMetrics) => ({
  auc,
  precision,
  recall,
  f1,
});

/** A classifier's training run: AUC on train, every metric on validation. */
const classificationRun = (
  train: number,
  validation: ClassificationMetrics,
) => ({ train: { auc: train }, validation: splitMetrics(validation) });

const classification = (
  train: number,
  validation: ClassificationMetrics,
  test: ClassificationMetrics,
) => ({ ...classificationRun(train, validation), test: splitMetrics(test) });

const regression = (
  ...splits: [rmse: number, mae: number, r2: number][]
): DemoVersion['metrics'] => {
  const [train, validation, test] = splits.map(([rmse, mae, r2]) => ({
    mse: Math.round(rmse * rmse * 100) / 100,
    rmse,
    mae,
    r2,
  }));
  return { train, validation, test };
};

const VERSIONS: DemoVersion[] = [
  {
    group: 'churn-classifier',
    version: 1,
    description:
      'First production model, trained on the curated tables directly.',
    approvalStatus: 'Approved',
    stage: 'Archived',
    framework: ['xgboost', '1.5'],
    imageTag: 'xgboost-1.5-1-3f9c2a1',
    job: 'churn-classifier-train-20240115-0912',
    minutes: 41,
    createdBy: 'amelia.hart',
    createdAt: '2024-01-16T10:04:31Z',
    hyperparameters: {
      objective: 'binary:logistic',
      eval_metric: 'auc',
      num_round: '300',
      max_depth: '5',
      eta: '0.1',
      subsample: '0.8',
      scale_pos_weight: '11',
    },
    inputs: churnInputs('2023-12-31', false),
    metrics: classification(
      0.842,
      [0.801, 0.412, 0.603, 0.49],
      [0.798, 0.405, 0.596, 0.482],
    ),
  },
  {
    group: 'churn-classifier',
    version: 2,
    description:
      'Rejected by Model Risk: the days_to_contract_end feature leaked the label (it is reset when a customer cancels), which explains the jump in AUC.',
    approvalStatus: 'Rejected',
    stage: 'Development',
    framework: ['xgboost', '1.5'],
    imageTag: 'xgboost-1.5-1-3f9c2a1',
    job: 'churn-classifier-train-20240304-1427',
    minutes: 47,
    createdBy: 'daniel.okafor',
    createdAt: '2024-03-04T15:52:08Z',
    hyperparameters: {
      objective: 'binary:logistic',
      eval_metric: 'auc',
      num_round: '400',
      max_depth: '6',
      eta: '0.1',
      subsample: '0.8',
      scale_pos_weight: '11',
    },
    inputs: churnInputs('2024-02-29', false),
    metrics: classification(
      0.931,
      [0.902, 0.571, 0.702, 0.63],
      [0.897, 0.56, 0.695, 0.62],
    ),
  },
  {
    group: 'churn-classifier',
    version: 3,
    description:
      'First version trained from the feature store, without the leaking feature. Replaced by v4.',
    approvalStatus: 'Approved',
    stage: 'Archived',
    framework: ['xgboost', '1.5'],
    imageTag: 'xgboost-1.5-1-8d41e07',
    job: 'churn-classifier-train-20240422-0838',
    minutes: 52,
    createdBy: 'daniel.okafor',
    createdAt: '2024-04-22T11:17:45Z',
    hyperparameters: {
      objective: 'binary:logistic',
      eval_metric: 'auc',
      num_round: '400',
      max_depth: '6',
      eta: '0.08',
      subsample: '0.8',
      colsample_bytree: '0.8',
      scale_pos_weight: '11',
    },
    inputs: churnInputs('2024-03-31', true),
    metrics: classification(
      0.861,
      [0.823, 0.438, 0.631, 0.517],
      [0.819, 0.431, 0.627, 0.511],
    ),
  },
  {
    group: 'churn-classifier',
    version: 4,
    description:
      "Current champion, serving 90% of the churn endpoint's traffic.",
    approvalStatus: 'Approved',
    stage: 'Production',
    framework: ['xgboost', '1.7'],
    imageTag: 'xgboost-1.7-1-b2e6f90',
    job: 'churn-classifier-train-20240708-1603',
    minutes: 58,
    createdBy: 'amelia.hart',
    createdAt: '2024-07-09T09:41:12Z',
    hyperparameters: {
      objective: 'binary:logistic',
      eval_metric: 'auc',
      num_round: '550',
      max_depth: '6',
      eta: '0.05',
      subsample: '0.8',
      colsample_bytree: '0.7',
      min_child_weight: '5',
      scale_pos_weight: '11',
    },
    inputs: churnInputs('2024-06-30', true),
    metrics: classification(
      0.872,
      [0.836, 0.456, 0.648, 0.535],
      [0.833, 0.449, 0.641, 0.528],
    ),
    testStd: { auc: 0.005 },
  },
  {
    group: 'churn-classifier',
    version: 5,
    description:
      "Challenger with more recall at a small cost in precision; A/B tested on 10% of the churn endpoint's traffic.",
    approvalStatus: 'Approved',
    stage: 'Production',
    framework: ['xgboost', '1.7'],
    imageTag: 'xgboost-1.7-1-c71a5d4',
    job: 'churn-classifier-train-20240930-1115',
    minutes: 64,
    createdBy: 'sofia.marquez',
    createdAt: '2024-10-01T08:23:57Z',
    hyperparameters: {
      objective: 'binary:logistic',
      eval_metric: 'aucpr',
      num_round: '700',
      max_depth: '7',
      eta: '0.04',
      subsample: '0.8',
      colsample_bytree: '0.7',
      min_child_weight: '5',
      scale_pos_weight: '13',
    },
    inputs: churnInputs('2024-08-31', true),
    metrics: classification(
      0.884,
      [0.841, 0.447, 0.672, 0.537],
      [0.838, 0.452, 0.664, 0.538],
    ),
    testStd: { auc: 0.004 },
  },
  {
    group: 'fraud-detector',
    version: 1,
    description: 'First model behind the real-time fraud endpoint.',
    approvalStatus: 'Approved',
    stage: 'Archived',
    framework: ['xgboost', '1.7'],
    imageTag: 'xgboost-1.7-1-51be0c2',
    job: 'fraud-detector-train-20240209-2210',
    minutes: 96,
    createdBy: 'lukas.weber',
    createdAt: '2024-02-12T07:55:40Z',
    hyperparameters: {
      objective: 'binary:logistic',
      eval_metric: 'aucpr',
      num_round: '800',
      max_depth: '8',
      eta: '0.05',
      subsample: '0.7',
      colsample_bytree: '0.8',
      scale_pos_weight: '150',
      tree_method: 'hist',
    },
    inputs: fraudInputs(false),
    metrics: classification(
      0.962,
      [0.941, 0.612, 0.718, 0.661],
      [0.938, 0.598, 0.709, 0.649],
    ),
  },
  {
    group: 'fraud-detector',
    version: 2,
    description:
      'Rejected: better AUC and precision than v1, but recall on card-not-present fraud fell from 0.69 to 0.61, below the agreed floor.',
    approvalStatus: 'Rejected',
    stage: 'Development',
    framework: ['xgboost', '1.7'],
    imageTag: 'xgboost-1.7-1-51be0c2',
    job: 'fraud-detector-train-20240517-1934',
    minutes: 131,
    createdBy: 'hannah.cho',
    createdAt: '2024-05-20T13:02:19Z',
    hyperparameters: {
      objective: 'binary:logistic',
      eval_metric: 'aucpr',
      num_round: '1200',
      max_depth: '10',
      eta: '0.03',
      subsample: '0.7',
      colsample_bytree: '0.8',
      scale_pos_weight: '60',
      tree_method: 'hist',
    },
    inputs: fraudInputs(false),
    metrics: classification(
      0.975,
      [0.952, 0.688, 0.664, 0.676],
      [0.949, 0.676, 0.651, 0.663],
    ),
  },
  {
    group: 'fraud-detector',
    version: 3,
    description: 'In production on the fraud endpoint since June 2024.',
    approvalStatus: 'Approved',
    stage: 'Production',
    framework: ['xgboost', '1.7'],
    imageTag: 'xgboost-1.7-1-9a07d3e',
    job: 'fraud-detector-train-20240614-2048',
    minutes: 112,
    createdBy: 'lukas.weber',
    createdAt: '2024-06-17T06:48:03Z',
    hyperparameters: {
      objective: 'binary:logistic',
      eval_metric: 'aucpr',
      num_round: '1000',
      max_depth: '8',
      eta: '0.04',
      subsample: '0.7',
      colsample_bytree: '0.8',
      scale_pos_weight: '120',
      tree_method: 'hist',
    },
    inputs: fraudInputs(false),
    metrics: classification(
      0.971,
      [0.957, 0.664, 0.742, 0.701],
      [0.955, 0.657, 0.736, 0.694],
    ),
    testStd: { auc: 0.002 },
  },
  {
    group: 'fraud-detector',
    version: 4,
    description:
      "Adds the merchant risk features. Waiting for Model Risk's validation before it replaces v3.",
    approvalStatus: 'PendingManualApproval',
    stage: 'Staging',
    framework: ['xgboost', '1.7'],
    imageTag: 'xgboost-1.7-1-e4c8b16',
    job: 'fraud-detector-train-20241011-2115',
    minutes: 124,
    createdBy: 'rahul.mehta',
    createdAt: '2024-10-14T10:30:26Z',
    hyperparameters: {
      objective: 'binary:logistic',
      eval_metric: 'aucpr',
      num_round: '1100',
      max_depth: '8',
      eta: '0.04',
      subsample: '0.7',
      colsample_bytree: '0.7',
      scale_pos_weight: '120',
      tree_method: 'hist',
    },
    inputs: fraudInputs(true),
    metrics: classification(
      0.978,
      [0.963, 0.691, 0.758, 0.723],
      [0.961, 0.683, 0.749, 0.714],
    ),
    testStd: { auc: 0.002 },
  },
  {
    group: 'customer-lifetime-value',
    version: 1,
    description: 'Baseline regression on the customer 360 view.',
    approvalStatus: 'Approved',
    stage: 'Archived',
    framework: ['xgboost', '1.7'],
    imageTag: 'xgboost-1.7-1-0b3d9f5',
    job: 'clv-train-20240315-1002',
    minutes: 36,
    createdBy: 'sofia.marquez',
    createdAt: '2024-03-18T14:11:50Z',
    hyperparameters: {
      objective: 'reg:squarederror',
      eval_metric: 'rmse',
      num_round: '500',
      max_depth: '6',
      eta: '0.05',
      subsample: '0.8',
    },
    inputs: clvInputs('2023-02-28'),
    metrics: regression(
      [368.4, 162.1, 0.684],
      [409.7, 184.6, 0.622],
      [415.2, 188.3, 0.611],
    ),
  },
  {
    group: 'customer-lifetime-value',
    version: 2,
    description:
      'Tweedie objective for the long tail of high-value customers. Scores the monthly batch.',
    approvalStatus: 'Approved',
    stage: 'Production',
    framework: ['xgboost', '1.7'],
    imageTag: 'xgboost-1.7-1-6f2a8c1',
    job: 'clv-train-20240531-0917',
    minutes: 44,
    createdBy: 'sofia.marquez',
    createdAt: '2024-06-03T09:58:14Z',
    hyperparameters: {
      objective: 'reg:tweedie',
      tweedie_variance_power: '1.4',
      eval_metric: 'rmse',
      num_round: '650',
      max_depth: '6',
      eta: '0.04',
      subsample: '0.8',
    },
    inputs: clvInputs('2023-04-30'),
    metrics: regression(
      [331.9, 148.7, 0.744],
      [366.0, 165.2, 0.688],
      [371.2, 169.0, 0.679],
    ),
  },
  {
    group: 'customer-lifetime-value',
    version: 3,
    description:
      'LightGBM with deeper trees. Fits the training data better but is slightly worse than v2 on test; awaiting review.',
    approvalStatus: 'PendingManualApproval',
    stage: 'Development',
    framework: ['lightgbm', '4.3'],
    imageTag: 'lightgbm-4.3-2d9e71b',
    job: 'clv-train-20241018-1340',
    minutes: 53,
    createdBy: 'daniel.okafor',
    createdAt: '2024-10-21T16:05:37Z',
    hyperparameters: {
      objective: 'tweedie',
      tweedie_variance_power: '1.4',
      num_leaves: '127',
      learning_rate: '0.03',
      n_estimators: '900',
      min_data_in_leaf: '40',
      feature_fraction: '0.8',
    },
    inputs: clvInputs('2023-08-31'),
    metrics: regression(
      [318.5, 141.2, 0.765],
      [369.4, 167.8, 0.682],
      [378.9, 172.4, 0.667],
    ),
  },
];

const experimentOf = (group: string) => `${group}-training`;
const trialOf = (v: { group: string; version: number }) =>
  `${v.group}-v${v.version}`;
const instanceTypeOf = (group: string) =>
  group === 'fraud-detector' ? 'ml.m5.4xlarge' : 'ml.m5.2xlarge';

/**
 * A training run of a model's experiment that did not become a version: a
 * variant of the version `of` (`<group>/<version>`), in that version's trial,
 * with its hyperparameters changed; a failed run has no metrics.
 */
interface DemoCandidateRun {
  of: string;
  job: string;
  minutes: number;
  hyperparameters: Record<string, string>;
  metrics?: { train: SplitMetrics; validation: SplitMetrics };
  instanceCount?: number;
  failureReason?: string;
}

const CANDIDATE_RUNS: DemoCandidateRun[] = [
  {
    of: 'churn-classifier/5',
    job: 'churn-classifier-train-20240926-0944',
    minutes: 71,
    hyperparameters: { max_depth: '8', min_child_weight: '3' },
    // Deeper trees fit the training data better and validate worse.
    metrics: classificationRun(0.903, [0.829, 0.431, 0.655, 0.52]),
  },
  {
    of: 'churn-classifier/5',
    job: 'churn-classifier-train-20240927-1402',
    minutes: 49,
    hyperparameters: { eta: '0.06', num_round: '500', scale_pos_weight: '11' },
    metrics: classificationRun(0.879, [0.835, 0.458, 0.64, 0.534]),
  },
  {
    of: 'churn-classifier/5',
    job: 'churn-classifier-train-20240928-0815',
    minutes: 2,
    hyperparameters: { tree_method: 'gpu_hist' },
    instanceCount: 2,
    failureReason:
      'AlgorithmError: tree_method gpu_hist needs a GPU instance, got ml.m5.2xlarge',
  },
  {
    of: 'fraud-detector/4',
    job: 'fraud-detector-train-20241008-1930',
    minutes: 158,
    hyperparameters: { max_depth: '10', num_round: '1400', eta: '0.03' },
    instanceCount: 2,
    metrics: classificationRun(0.984, [0.96, 0.702, 0.731, 0.716]),
  },
  {
    of: 'fraud-detector/4',
    job: 'fraud-detector-train-20241009-2240',
    minutes: 117,
    hyperparameters: { scale_pos_weight: '90', colsample_bytree: '0.8' },
    metrics: classificationRun(0.976, [0.962, 0.712, 0.739, 0.725]),
  },
  {
    of: 'customer-lifetime-value/3',
    job: 'clv-train-20241015-0905',
    minutes: 47,
    hyperparameters: { tweedie_variance_power: '1.2' },
    metrics: regression([326.1, 145.0, 0.752], [375.8, 170.9, 0.671]),
  },
  {
    of: 'customer-lifetime-value/3',
    job: 'clv-train-20241016-1120',
    minutes: 61,
    hyperparameters: { tweedie_variance_power: '1.6', num_leaves: '255' },
    metrics: regression([301.7, 134.6, 0.788], [381.2, 174.1, 0.661]),
  },
];

const CUSTOMER_COLUMNS: ColumnSpec[] = [
  ['customer_id', 'string', 'Stable customer id'],
  ['email', 'string', 'Lower-cased contact email'],
  ['phone_number', 'string', 'Phone number in E.164 format'],
  ['date_of_birth', 'date'],
  ['postcode', 'string', 'Full UK postcode'],
  ['postcode_district', 'string', 'Outward code only, e.g. SW1A'],
  ['plan_tier', 'string', 'BASIC, PLUS or PREMIUM'],
  ['signup_date', 'date'],
  ['cancelled_at', 'timestamp', 'Null while the subscription is active'],
  ['marketing_opt_in', 'boolean'],
];

const CUSTOMER_360_SQL = `SELECT
  c.customer_id,
  CASE
    WHEN date_diff('year', c.date_of_birth, current_date) < 25 THEN '18-24'
    WHEN date_diff('year', c.date_of_birth, current_date) < 35 THEN '25-34'
    WHEN date_diff('year', c.date_of_birth, current_date) < 50 THEN '35-49'
    ELSE '50+'
  END AS age_band,
  c.postcode_district,
  c.plan_tier,
  date_diff('month', c.signup_date, current_date) AS tenure_months,
  coalesce(t.spend_12m_gbp, 0) AS spend_12m_gbp,
  coalesce(t.transactions_12m, 0) AS transactions_12m,
  coalesce(s.sessions_12m, 0) AS sessions_12m,
  greatest(t.last_transaction_at, s.last_session_at) AS last_seen_at
FROM curated_customer.customers c
LEFT JOIN (
  SELECT customer_id, sum(amount_gbp) AS spend_12m_gbp, count(*) AS transactions_12m, max(event_time) AS last_transaction_at
  FROM curated_payments.transactions
  WHERE txn_date >= date_add('month', -12, current_date)
  GROUP BY customer_id
) t ON t.customer_id = c.customer_id
LEFT JOIN (
  SELECT customer_id, count(*) AS sessions_12m, max(session_end) AS last_session_at
  FROM curated_customer.web_sessions
  WHERE event_date >= date_add('month', -12, current_date)
  GROUP BY customer_id
) s ON s.customer_id = c.customer_id
WHERE c.snapshot_date = (SELECT max(snapshot_date) FROM curated_customer.customers)
  AND c.cancelled_at IS NULL`;

/**
 * The demo account (123456789012) of examples/ml-estate.yaml as AWS would
 * hold it: in eu-west-1 the Glue databases, tables and the customer_360
 * view, the three feature groups with their offline-store tables, the
 * three model package groups with their twelve versions, training jobs and
 * model-quality reports, the two endpoints (churn is an A/B test of v4 and
 * v5) with their monitoring schedules, the monthly CLV batch transform (its
 * latest run three days before `now`), and the Glue jobs that curate the
 * data lake, one of them with a script that cannot be parsed. us-east-1
 * holds a `churn-classifier` group and a `curated_customer.customers` table
 * of the same names, to show that regions do not collide.
 */
export function generateDemoEstate(options: { now?: Date } = {}): Estate {
  const now = options.now ?? new Date();
  const b = new EstateBuilder(ACCOUNT);

  addDataLake(b);
  const offlineStores = addFeatureStore(b);

  const groups = [
    [
      'churn-classifier',
      'Probability that a customer cancels in the next 90 days.',
      'customer-ml',
      'amelia.hart',
      '2024-01-10T09:00:00Z',
    ],
    [
      'fraud-detector',
      'Probability that a card authorisation is fraudulent.',
      'fraud-ml',
      'lukas.weber',
      '2024-02-05T08:30:00Z',
    ],
    [
      'customer-lifetime-value',
      'Predicted gross margin of a customer over the next 12 months, in GBP.',
      'customer-ml',
      'sofia.marquez',
      '2024-03-11T13:00:00Z',
    ],
  ] as const;
  for (const [name, description, owner, createdBy, createdAt] of groups) {
    b.modelGroup(EU, { name, description, owner, createdBy, createdAt });
  }

  // Each model's training runs are grouped in an experiment, one trial per
  // version: the version's run and the candidates it was chosen from.
  for (const [name, , , createdBy, createdAt] of groups) {
    b.experiment(EU, {
      name: experimentOf(name),
      description: `Training runs of ${name}, one trial per registered version.`,
      createdAt,
      createdBy,
      trials: VERSIONS.filter(v => v.group === name).map(trialOf),
    });
  }

  const versionArns: Record<string, string> = {};
  for (const v of VERSIONS) {
    versionArns[`${v.group}/${v.version}`] = b.modelVersion(EU, {
      group: v.group,
      version: v.version,
      description: v.description,
      approvalStatus: v.approvalStatus,
      stage: v.stage,
      framework: v.framework,
      image: `${ECR}/${v.group}:${v.imageTag}`,
      trainingJobName: v.job,
      trainingStartedAt: jobStart(v.job),
      trainingMinutes: v.minutes,
      createdAt: v.createdAt,
      createdBy: v.createdBy,
      hyperparameters: v.hyperparameters,
      inputs: resolveInputs(v.inputs, offlineStores),
      outputPath: `s3://acme-ml-artifacts/${v.group}`,
      instanceType: instanceTypeOf(v.group),
      trainingMetrics: {
        train: v.metrics.train,
        validation: v.metrics.validation,
      },
      testMetrics: v.metrics.test,
      testStandardDeviations: v.testStd,
      problem: v.group === 'customer-lifetime-value' ? 'regression' : 'binary',
      experiment: { experiment: experimentOf(v.group), trial: trialOf(v) },
    });
  }
  for (const run of CANDIDATE_RUNS) {
    addCandidateRun(b, run, offlineStores);
  }
  addNotebookRun(b, offlineStores);

  addDeployments(b, versionArns, now);
  addDemoHealth(b.estate, now);
  addDemoDataProfiles(b.estate, now);
  addGlueJobs(b);
  addSecondRegion(b);
  return b.estate;
}

function addDataLake(b: EstateBuilder) {
  const databases = [
    ['raw_crm', 'CRM exports, as delivered.', 'data-engineering'],
    [
      'raw_payments',
      'Payments data from the acquiring platform, as delivered.',
      'data-engineering',
    ],
    [
      'curated_payments',
      'Cleaned, typed and partitioned payments data.',
      'data-engineering',
    ],
    ['curated_customer', 'Cleaned customer and web data.', 'data-engineering'],
    [
      'ml_customer',
      'Labels and predictions of the customer models.',
      'customer-ml',
    ],
    ['analytics', 'Athena views for analysts.', 'customer-ml'],
    [
      'sagemaker_featurestore',
      'Offline stores of the SageMaker feature groups.',
      'ml-platform',
    ],
  ] as const;
  for (const [name, description, owner] of databases) {
    b.database(EU, {
      name,
      description,
      owner,
      createdAt: '2023-06-01T09:00:00Z',
    });
  }

  const raw = 's3://acme-datalake-raw';
  b.table(EU, {
    database: 'raw_crm',
    name: 'customer_profiles',
    description: 'Nightly full export of customer records from the CRM.',
    createdAt: '2023-06-02T10:00:00Z',
    location: `${raw}/crm/customer_profiles/`,
    format: 'csv',
    columns: [
      ['crm_id', 'string', 'CRM record id'],
      ['email', 'string', 'Contact email address'],
      ['phone', 'string', 'Contact phone number, as entered'],
      ['date_of_birth', 'string', 'Date of birth, dd/mm/yyyy'],
      ['address_line_1', 'string'],
      ['postcode', 'string'],
      ['plan', 'string', 'Subscription plan name'],
      ['signup_date', 'string'],
      ['marketing_opt_in', 'string', 'Y or N'],
    ],
    partitionKeys: [['export_date', 'string', 'yyyy-mm-dd']],
    parameters: { 'skip.header.line.count': '1' },
  });
  b.table(EU, {
    database: 'raw_payments',
    name: 'merchant_registry',
    description:
      'Merchant master data from the acquiring platform: category codes, country and onboarding dates.',
    createdAt: '2023-06-02T10:05:00Z',
    location: `${raw}/payments/merchant_registry/`,
    format: 'csv',
    columns: [
      ['merchant_id', 'string'],
      ['legal_name', 'string'],
      ['mcc', 'string', 'ISO 18245 merchant category code'],
      ['country_code', 'string', 'ISO 3166-1 alpha-2'],
      ['onboarded_at', 'string'],
      ['status', 'string', 'ACTIVE, SUSPENDED or CLOSED'],
    ],
  });
  b.table(EU, {
    database: 'curated_payments',
    name: 'transactions',
    description:
      'One row per card authorisation, deduplicated, with amounts converted to GBP and the merchant joined on.',
    createdAt: '2023-06-05T08:00:00Z',
    location: `${CURATED}/payments/transactions/`,
    format: 'parquet',
    columns: [
      ['transaction_id', 'string', 'Authorisation id'],
      ['card_id', 'string', 'Tokenised card number (never the PAN)'],
      ['customer_id', 'string'],
      ['merchant_id', 'string'],
      ['event_time', 'timestamp', 'Authorisation time, UTC'],
      ['amount_gbp', 'decimal(12,2)'],
      ['currency', 'string', 'Original ISO 4217 currency'],
      ['channel', 'string', 'POS, ECOM or MOTO'],
      ['entry_mode', 'string', 'CHIP, CONTACTLESS, MANUAL, TOKEN'],
      ['merchant_country', 'string'],
      ['response_code', 'string', 'ISO 8583 response code'],
      ['is_declined', 'boolean'],
    ],
    partitionKeys: [['txn_date', 'date', 'Date of event_time, UTC']],
    parameters: { 'parquet.compression': 'SNAPPY' },
  });
  b.table(EU, {
    database: 'curated_customer',
    name: 'customers',
    description:
      'Latest state of every customer, with contact details normalised. Holds personal data: access is restricted to the pii-readers Lake Formation tag.',
    createdAt: '2023-06-05T08:10:00Z',
    location: `${CURATED}/customer/customers/`,
    format: 'parquet',
    columns: CUSTOMER_COLUMNS,
    partitionKeys: [['snapshot_date', 'date']],
  });
  b.table(EU, {
    database: 'curated_customer',
    name: 'web_sessions',
    description:
      'Clickstream events grouped into sessions (30 minutes of inactivity ends a session) and joined to the signed-in customer.',
    createdAt: '2023-06-05T08:20:00Z',
    location: `${CURATED}/customer/web_sessions/`,
    format: 'parquet',
    columns: [
      ['session_id', 'string'],
      ['customer_id', 'string', 'Null for anonymous sessions'],
      ['session_start', 'timestamp'],
      ['session_end', 'timestamp'],
      ['page_views', 'int'],
      ['device_type', 'string', 'desktop, mobile or app'],
      ['visited_cancellation_page', 'boolean'],
    ],
    partitionKeys: [['event_date', 'date']],
  });
  b.table(EU, {
    database: 'curated_payments',
    name: 'merchants',
    description: 'Current merchant records with category and risk tier.',
    createdAt: '2023-06-05T08:30:00Z',
    location: `${CURATED}/payments/merchants/`,
    format: 'parquet',
    columns: [
      ['merchant_id', 'string'],
      ['mcc', 'string'],
      ['mcc_group', 'string', 'e.g. travel, gambling, digital-goods'],
      ['country_code', 'string'],
      ['onboarded_at', 'date'],
      ['status', 'string'],
    ],
  });
  b.table(EU, {
    database: 'curated_payments',
    name: 'fraud_labels',
    description:
      'Transactions confirmed as fraud, from chargebacks and scheme fraud reports. Labels mature after about 60 days, so recent months are incomplete.',
    createdAt: '2023-09-12T14:00:00Z',
    location: `${CURATED}/payments/fraud_labels/`,
    format: 'parquet',
    columns: [
      ['transaction_id', 'string'],
      ['is_fraud', 'boolean'],
      ['fraud_type', 'string', 'e.g. CNP, LOST_STOLEN, ACCOUNT_TAKEOVER'],
      ['reported_at', 'timestamp'],
      ['source', 'string', 'CHARGEBACK, TC40 or SAFE'],
    ],
    partitionKeys: [['txn_month', 'string', 'yyyy-mm of the transaction']],
  });
  b.table(EU, {
    database: 'ml_customer',
    name: 'churn_labels',
    description:
      'One row per active customer and month: whether they cancelled in the 90 days after the snapshot.',
    createdAt: '2023-11-20T11:00:00Z',
    location: `${CURATED}/ml/customer/churn_labels/`,
    format: 'parquet',
    columns: [
      ['customer_id', 'string'],
      ['snapshot_date', 'date', 'Last day of the month'],
      ['churned_within_90d', 'boolean'],
    ],
    partitionKeys: [['snapshot_month', 'string', 'yyyy-mm']],
  });
  b.table(EU, {
    database: 'analytics',
    name: 'customer_360',
    description:
      'Athena view with one row per customer: profile (without contact details), 12 months of spend and web engagement. Safe to use without PII access.',
    createdAt: '2024-02-20T15:30:00Z',
    viewSql: CUSTOMER_360_SQL,
    columns: [
      ['customer_id', 'string'],
      ['age_band', 'string', 'e.g. 25-34, derived from date_of_birth'],
      ['postcode_district', 'string'],
      ['plan_tier', 'string'],
      ['tenure_months', 'int'],
      ['spend_12m_gbp', 'decimal(12,2)'],
      ['transactions_12m', 'int'],
      ['sessions_12m', 'int'],
      ['last_seen_at', 'timestamp'],
    ],
    parameters: {
      presto_view: 'true',
      comment: 'Excludes email, phone_number, date_of_birth and postcode.',
    },
  });
  b.table(EU, {
    database: 'ml_customer',
    name: 'clv_scores',
    description:
      'Predicted 12-month value of every active customer, written on the 1st of each month by the customer-lifetime-value batch transform.',
    createdAt: '2024-06-05T12:00:00Z',
    location: 's3://acme-ml-predictions/customer-lifetime-value/',
    format: 'csv',
    columns: [
      ['customer_id', 'string'],
      ['predicted_value_12m_gbp', 'double'],
      ['model_version', 'int'],
    ],
    partitionKeys: [['scoring_month', 'string', 'yyyy-mm']],
  });
}

/** The three feature groups; returns their offline-store URIs by name. */
function addFeatureStore(b: EstateBuilder): Record<string, string> {
  const common = {
    offlineStoreBucket: 'acme-feature-store',
    eventTime: 'event_time',
  };
  return {
    [FEATURE_GROUPS.customerBehaviour]: b.featureGroup(EU, {
      ...common,
      name: FEATURE_GROUPS.customerBehaviour,
      description:
        'Engagement and spend of each customer over the last 30 and 90 days, refreshed daily.',
      owner: 'customer-ml',
      createdAtEpochSeconds: 1704931200,
      recordIdentifier: 'customer_id',
      features: [
        ['customer_id', 'String'],
        ['event_time', 'String'],
        ['tenure_months', 'Integral'],
        ['plan_tier', 'String'],
        ['sessions_30d', 'Integral'],
        ['avg_session_minutes_30d', 'Fractional'],
        ['days_since_last_login', 'Integral'],
        ['cancellation_page_visits_30d', 'Integral'],
        ['spend_90d_gbp', 'Fractional'],
        ['spend_change_90d_pct', 'Fractional'],
      ],
    }),
    [FEATURE_GROUPS.transactionAggregates]: b.featureGroup(EU, {
      ...common,
      name: FEATURE_GROUPS.transactionAggregates,
      description:
        'Rolling velocity features per card, updated by a streaming job within seconds of each authorisation and read by the fraud endpoint online.',
      owner: 'fraud-ml',
      createdAtEpochSeconds: 1702339200,
      recordIdentifier: 'card_id',
      features: [
        ['card_id', 'String'],
        ['event_time', 'Fractional'],
        ['txn_count_1h', 'Integral'],
        ['txn_count_24h', 'Integral'],
        ['txn_amount_sum_24h_gbp', 'Fractional'],
        ['txn_amount_avg_30d_gbp', 'Fractional'],
        ['distinct_merchants_24h', 'Integral'],
        ['distinct_countries_7d', 'Integral'],
        ['declined_count_24h', 'Integral'],
        ['seconds_since_last_txn', 'Fractional'],
      ],
    }),
    [FEATURE_GROUPS.merchantRisk]: b.featureGroup(EU, {
      ...common,
      name: FEATURE_GROUPS.merchantRisk,
      description:
        'Chargeback, refund and volume history of each merchant, refreshed nightly.',
      owner: 'fraud-ml',
      createdAtEpochSeconds: 1725148800,
      recordIdentifier: 'merchant_id',
      features: [
        ['merchant_id', 'String'],
        ['event_time', 'String'],
        ['mcc_group', 'String'],
        ['merchant_country', 'String'],
        ['days_since_onboarding', 'Integral'],
        ['txn_volume_30d', 'Integral'],
        ['avg_ticket_30d_gbp', 'Fractional'],
        ['chargeback_rate_90d', 'Fractional'],
        ['refund_rate_90d', 'Fractional'],
      ],
    }),
  };
}

function addDeployments(
  b: EstateBuilder,
  versionArns: Record<string, string>,
  now: Date,
) {
  const image = (group: string, version: number) =>
    `${ECR}/${group}:${
      VERSIONS.find(v => v.group === group && v.version === version)!.imageTag
    }`;
  b.endpoint(EU, {
    name: 'churn-classifier-endpoint',
    owner: 'customer-ml',
    createdAt: '2024-01-18T10:00:00Z',
    updatedAt: '2024-10-02T09:15:00Z',
    variants: [
      {
        name: 'churn-v4-champion',
        modelName: 'churn-classifier-v4-20241002',
        modelPackageArn: versionArns['churn-classifier/4'],
        image: image('churn-classifier', 4),
        instanceType: 'ml.m5.large',
        instanceCount: 2,
        weight: 0.9,
      },
      {
        name: 'churn-v5-challenger',
        modelName: 'churn-classifier-v5-20241002',
        modelPackageArn: versionArns['churn-classifier/5'],
        image: image('churn-classifier', 5),
        instanceType: 'ml.m5.large',
        instanceCount: 1,
        weight: 0.1,
      },
    ],
  });
  b.endpoint(EU, {
    name: 'fraud-detector-endpoint',
    owner: 'fraud-ml',
    createdAt: '2024-02-14T08:00:00Z',
    updatedAt: '2024-06-18T07:30:00Z',
    variants: [
      {
        name: 'fraud-v3',
        modelName: 'fraud-detector-v3-20240618',
        modelPackageArn: versionArns['fraud-detector/3'],
        image: image('fraud-detector', 3),
        instanceType: 'ml.c5.xlarge',
        instanceCount: 4,
        weight: 1,
      },
    ],
  });

  // Monitoring runs hourly; its last run is the last full hour.
  const lastRunAt = new Date(
    Math.floor(now.getTime() / 3_600_000) * 3_600_000 - 3_600_000,
  ).toISOString();
  const schedules = [
    ['churn-classifier-endpoint', 'DataQuality', '2024-01-19T09:00:00Z'],
    ['churn-classifier-endpoint', 'ModelQuality', '2024-01-19T09:05:00Z'],
    ['fraud-detector-endpoint', 'DataQuality', '2024-02-15T10:00:00Z'],
    ['fraud-detector-endpoint', 'ModelBias', '2024-02-15T10:05:00Z'],
  ] as const;
  for (const [endpoint, type, createdAt] of schedules) {
    b.monitoringSchedule(EU, { endpoint, type, createdAt, lastRunAt });
  }

  // The batch model is created from the v2 artifact directly, not from the
  // model package: only its ModelDataUrl links it to the version.
  const clvModel = 'customer-lifetime-value-v2-batch';
  b.model(EU, {
    name: clvModel,
    createdAt: '2024-06-05T11:00:00Z',
    container: {
      Image: image('customer-lifetime-value', 2),
      ModelDataUrl:
        's3://acme-ml-artifacts/customer-lifetime-value/clv-train-20240531-0917/output/model.tar.gz',
    },
  });
  // A monthly run: the latest within the last 30 days, older ones not.
  for (const daysAgo of [3, 34, 65]) {
    const day = new Date(now.getTime() - daysAgo * 86_400_000)
      .toISOString()
      .slice(0, 10);
    b.transformJob(EU, {
      name: `clv-monthly-scoring-${day}`,
      owner: 'customer-ml',
      modelName: clvModel,
      startedAt: `${day}T06:00:00.000Z`,
      minutes: 38,
      input: `s3://acme-ml-batch/customer-lifetime-value/input/scoring_month=${day.slice(
        0,
        7,
      )}/`,
      output: `s3://acme-ml-predictions/customer-lifetime-value/scoring_month=${day.slice(
        0,
        7,
      )}/`,
      instanceType: 'ml.m5.xlarge',
      instanceCount: 2,
    });
  }
}

function addGlueJobs(b: EstateBuilder) {
  const jobs: [
    name: string,
    description: string,
    owner: string,
    createdAt: string,
    body: string,
  ][] = [
    [
      'curate-card-transactions',
      'Deduplicates card authorisations, converts amounts to GBP and joins the merchant.',
      'data-engineering',
      '2023-06-05T09:00:00Z',
      `
raw_transactions = glueContext.create_dynamic_frame.from_options(
    connection_type="s3",
    connection_options={"paths": ["s3://acme-datalake-raw/payments/card-transactions/"], "recurse": True},
    format="json",
    transformation_ctx="raw_transactions",
)
merchants = glueContext.create_dynamic_frame.from_catalog(
    database="raw_payments", table_name="merchant_registry", transformation_ctx="merchants"
)
joined = Join.apply(frame1=raw_transactions, frame2=merchants, keys1=["merchant_id"], keys2=["merchant_id"], transformation_ctx="joined")
mapped = ApplyMapping.apply(
    frame=joined,
    mappings=[
        ("id", "string", "transaction_id", "string"),
        ("card_token", "string", "card_id", "string"),
        ("customer_id", "string", "customer_id", "string"),
        ("merchant_id", "string", "merchant_id", "string"),
        ("ts", "string", "event_time", "timestamp"),
        ("amount_gbp", "double", "amount_gbp", "decimal(12,2)"),
        ("currency", "string", "currency", "string"),
        ("channel", "string", "channel", "string"),
        ("entry_mode", "string", "entry_mode", "string"),
        ("country_code", "string", "merchant_country", "string"),
        ("response_code", "string", "response_code", "string"),
    ],
    transformation_ctx="mapped",
)
glueContext.write_dynamic_frame.from_catalog(
    frame=mapped,
    database="curated_payments",
    table_name="transactions",
    additional_options={"enableUpdateCatalog": True, "partitionKeys": ["txn_date"]},
    transformation_ctx="write_transactions",
)`,
    ],
    [
      'curate-merchants',
      'Keeps the current record of each merchant and assigns its MCC group.',
      'data-engineering',
      '2023-06-05T09:10:00Z',
      `
registry = glueContext.create_dynamic_frame.from_catalog(database="raw_payments", table_name="merchant_registry", transformation_ctx="registry")
merchants = ApplyMapping.apply(
    frame=registry,
    mappings=[
        ("merchant_id", "string", "merchant_id", "string"),
        ("mcc", "string", "mcc", "string"),
        ("mcc_group", "string", "mcc_group", "string"),
        ("country_code", "string", "country_code", "string"),
        ("onboarded_at", "string", "onboarded_at", "date"),
        ("status", "string", "status", "string"),
    ],
    transformation_ctx="merchants",
)
glueContext.write_dynamic_frame.from_catalog(frame=merchants, database="curated_payments", table_name="merchants", transformation_ctx="write_merchants")`,
    ],
    [
      'build-fraud-labels',
      'Matches chargebacks and scheme fraud reports to transactions.',
      'fraud-ml',
      '2023-09-12T14:30:00Z',
      `
chargebacks = glueContext.create_dynamic_frame.from_options(
    connection_type="s3",
    connection_options={"paths": ["s3://acme-datalake-raw/payments/chargebacks/"]},
    format="csv",
    format_options={"withHeader": True, "separator": ","},
    transformation_ctx="chargebacks",
)
transactions = glueContext.create_dynamic_frame.from_catalog(
    database="curated_payments",
    table_name="transactions",
    push_down_predicate="txn_date >= date_sub(current_date(), 180)",
    transformation_ctx="transactions",
)
labels = Join.apply(frame1=chargebacks, frame2=transactions, keys1=["transaction_id"], keys2=["transaction_id"], transformation_ctx="labels")
glueContext.write_dynamic_frame.from_options(
    frame=labels,
    connection_type="s3",
    connection_options={"path": "s3://acme-datalake-curated/payments/fraud_labels/", "partitionKeys": ["txn_month"]},
    format="parquet",
    transformation_ctx="write_labels",
)`,
    ],
    [
      'curate-customers',
      'Normalises the nightly CRM export into the customers table.',
      'data-engineering',
      '2023-06-05T09:20:00Z',
      `
profiles = glueContext.create_dynamic_frame.from_catalog(database="raw_crm", table_name="customer_profiles", transformation_ctx="profiles")
customers = ApplyMapping.apply(
    frame=profiles,
    mappings=[
        ("crm_id", "string", "customer_id", "string"),
        ("email", "string", "email", "string"),
        ("phone", "string", "phone_number", "string"),
        ("date_of_birth", "string", "date_of_birth", "date"),
        ("postcode", "string", "postcode", "string"),
        ("plan", "string", "plan_tier", "string"),
        ("signup_date", "string", "signup_date", "date"),
        ("marketing_opt_in", "string", "marketing_opt_in", "boolean"),
    ],
    transformation_ctx="customers",
)
cleaned = DropNullFields.apply(frame=customers, transformation_ctx="cleaned")
glueContext.write_dynamic_frame.from_catalog(frame=cleaned, database="curated_customer", table_name="customers", transformation_ctx="write_customers")`,
    ],
    [
      'sessionise-clickstream',
      'Groups clickstream events into sessions of the signed-in customer.',
      'data-engineering',
      '2023-06-05T09:30:00Z',
      `
from awsglue.dynamicframe import DynamicFrame
from pyspark.sql import Window
from pyspark.sql import functions as F

events = glueContext.create_dynamic_frame.from_options(
    connection_type="s3",
    connection_options={"paths": ["s3://acme-datalake-raw/web/clickstream/"], "recurse": True, "groupFiles": "inPartition"},
    format="json",
    transformation_ctx="events",
)
# A session ends after 30 minutes without an event.
by_visitor = Window.partitionBy("anonymous_id").orderBy("event_time")
sessions_df = (
    events.toDF()
    .withColumn("gap", F.col("event_time").cast("long") - F.lag(F.col("event_time").cast("long")).over(by_visitor))
    .withColumn("new_session", F.when(F.col("gap").isNull() | (F.col("gap") > 1800), 1).otherwise(0))
    .withColumn("session_number", F.sum("new_session").over(by_visitor))
    .groupBy("anonymous_id", "session_number")
    .agg(
        F.first("customer_id", ignorenulls=True).alias("customer_id"),
        F.min("event_time").alias("session_start"),
        F.max("event_time").alias("session_end"),
        F.count("*").alias("page_views"),
        F.first("device_type").alias("device_type"),
        F.max(F.col("page") == '/account/cancel').alias("visited_cancellation_page"),
    )
    .withColumn("event_date", F.to_date("session_start"))
)
sessions = DynamicFrame.fromDF(sessions_df, glueContext, "sessions")
glueContext.write_dynamic_frame.from_options(
    frame=sessions,
    connection_type="s3",
    connection_options={"path": "s3://acme-datalake-curated/customer/web_sessions/", "partitionKeys": ["event_date"]},
    format="glueparquet",
    transformation_ctx="write_sessions",
)`,
    ],
    [
      'build-churn-labels',
      'Labels each active customer and month with whether they cancelled within 90 days.',
      'customer-ml',
      '2023-11-20T11:30:00Z',
      `
def label_churn(record):
    cancelled = record["cancelled_at"]
    record["churned_within_90d"] = cancelled is not None and (cancelled - record["snapshot_date"]).days <= 90
    record["snapshot_month"] = record["snapshot_date"].strftime("%Y-%m")
    return record


customers = glueContext.create_dynamic_frame.from_catalog(database="curated_customer", table_name="customers", transformation_ctx="customers")
labelled = Map.apply(frame=customers, f=label_churn, transformation_ctx="labelled")
labels = SelectFields.apply(frame=labelled, paths=["customer_id", "snapshot_date", "churned_within_90d", "snapshot_month"], transformation_ctx="labels")
glueContext.write_dynamic_frame.from_catalog(
    frame=labels,
    database="ml_customer",
    table_name="churn_labels",
    additional_options={"partitionKeys": ["snapshot_month"]},
    transformation_ctx="write_labels",
)`,
    ],
  ];
  for (const [name, description, owner, createdAt, body] of jobs) {
    b.glueJob(EU, {
      name,
      description,
      owner,
      createdAt,
      script: glueScript(body),
      scriptBucket: 'acme-glue-scripts',
    });
  }

  // A deploy that failed half-way left this script cut off mid-statement, so
  // GetDataflowGraph cannot parse it: the job must still be catalogued.
  const partnerExport = glueScript(`
profiles = glueContext.create_dynamic_frame.from_catalog(database="raw_crm", table_name="customer_profiles", transformation_ctx="profiles")
glueContext.write_dynamic_frame.from_options(
    frame=profiles,
    connection_type="s3",
    connection_options={"path": "s3://acme-partner-exchange/crm/", "partitionKeys": ["export_date"]},
    format="csv",
)`);
  b.glueJob(EU, {
    name: 'crm-partner-export',
    description:
      'Legacy nightly export of CRM profiles to the partner exchange bucket.',
    owner: 'data-engineering',
    createdAt: '2022-11-03T16:45:00Z',
    script: partnerExport.slice(0, partnerExport.indexOf('"partitionKeys"')),
    scriptBucket: 'acme-glue-scripts',
  });
}

function addSecondRegion(b: EstateBuilder) {
  b.database(US, {
    name: 'curated_customer',
    description: 'Cleaned customer data of the US business.',
    owner: 'data-engineering',
    createdAt: '2024-05-02T14:00:00Z',
  });
  b.table(US, {
    database: 'curated_customer',
    name: 'customers',
    description: 'Latest state of every US customer.',
    createdAt: '2024-05-02T14:10:00Z',
    location: 's3://acme-datalake-curated-us/customer/customers/',
    format: 'parquet',
    columns: CUSTOMER_COLUMNS,
    partitionKeys: [['snapshot_date', 'date']],
  });
  b.modelGroup(US, {
    name: 'churn-classifier',
    description: 'Probability that a US customer cancels in the next 90 days.',
    owner: 'customer-ml',
    createdBy: 'amelia.hart',
    createdAt: '2024-08-01T09:00:00Z',
  });
  b.modelVersion(US, {
    group: 'churn-classifier',
    version: 1,
    description:
      'First model of the US business, trained on US customers only.',
    approvalStatus: 'Approved',
    stage: 'Production',
    framework: ['xgboost', '1.7'],
    image: `${ACCOUNT}.dkr.ecr.${US}.amazonaws.com/ml-inference/churn-classifier:xgboost-1.7-1-b2e6f90`,
    trainingJobName: 'churn-classifier-us-train-20240812-1030',
    trainingStartedAt: '2024-08-12T10:30:00Z',
    trainingMinutes: 39,
    createdAt: '2024-08-13T08:12:44Z',
    createdBy: 'amelia.hart',
    hyperparameters: {
      objective: 'binary:logistic',
      eval_metric: 'auc',
      num_round: '450',
      max_depth: '6',
      eta: '0.05',
      subsample: '0.8',
    },
    inputs: {
      customers:
        's3://acme-datalake-curated-us/customer/customers/snapshot_date=2024-07-31/',
    },
    outputPath: 's3://acme-ml-artifacts-us/churn-classifier',
    instanceType: 'ml.m5.2xlarge',
    trainingMetrics: { train: { auc: 0.861 }, validation: { auc: 0.824 } },
    testMetrics: { auc: 0.82, precision: 0.44, recall: 0.63, f1: 0.518 },
    problem: 'binary',
  });
}

/** Channel URIs, with `fg:<name>` replaced by the feature group's offline store. */
function resolveInputs(
  inputs: Record<string, string>,
  offlineStores: Record<string, string>,
): Record<string, string> {
  return Object.fromEntries(
    Object.entries(inputs).map(([channel, uri]) => [
      channel,
      uri.startsWith('fg:') ? `${offlineStores[uri.slice(3)]}/` : uri,
    ]),
  );
}

function addCandidateRun(
  b: EstateBuilder,
  run: DemoCandidateRun,
  offlineStores: Record<string, string>,
) {
  const base = VERSIONS.find(v => `${v.group}/${v.version}` === run.of)!;
  b.trainingJob(EU, {
    name: run.job,
    group: base.group,
    startedAt: jobStart(run.job),
    minutes: run.minutes,
    framework: base.framework,
    image: `${ECR}/${base.group}:${base.imageTag}`,
    hyperparameters: { ...base.hyperparameters, ...run.hyperparameters },
    inputs: resolveInputs(base.inputs, offlineStores),
    outputPath: `s3://acme-ml-artifacts/${base.group}`,
    instanceType: instanceTypeOf(base.group),
    instanceCount: run.instanceCount,
    metrics: run.metrics
      ? { train: run.metrics.train, validation: run.metrics.validation }
      : {},
    ...(run.failureReason
      ? { status: 'Failed' as const, failureReason: run.failureReason }
      : {}),
    experiment: { experiment: experimentOf(base.group), trial: trialOf(base) },
  });
}

/**
 * A run logged from a notebook with the SageMaker Experiments SDK: a
 * LightGBM baseline of churn v5's trial, with no training job behind it.
 */
function addNotebookRun(
  b: EstateBuilder,
  offlineStores: Record<string, string>,
) {
  const auc = { last: 0.826, min: 0.781, max: 0.826, avg: 0.809, count: 40 };
  b.trialComponent(EU, {
    name: 'churn-lightgbm-baseline-20240925',
    displayName: 'lightgbm-baseline',
    trial: 'churn-classifier-v5',
    status: 'Completed',
    startedAt: '2024-09-25T14:02:00.000Z',
    endedAt: '2024-09-25T14:19:00.000Z',
    parameters: {
      model: 'lightgbm',
      num_leaves: 63,
      learning_rate: 0.05,
      n_estimators: 400,
    },
    inputs: {
      features: `${offlineStores[FEATURE_GROUPS.customerBehaviour]}/`,
    },
    metrics: [
      { name: 'train:auc', ...auc, last: 0.861, max: 0.861 },
      { name: 'validation:auc', ...auc },
    ],
  });
}

/** Training job names end in their start time, `yyyymmdd-hhmm`. */
function jobStart(jobName: string): string {
  const [, y, mo, d, h, mi] = /(\d{4})(\d{2})(\d{2})-(\d{2})(\d{2})$/.exec(
    jobName,
  )!;
  return `${y}-${mo}-${d}T${h}:${mi}:00.000Z`;
}
