import { createHash } from 'node:crypto';
import { Estate } from './Estate';

const REGION = 'eu-west-1';
const DAY = 86_400_000;

/** The table parameter and column parameter the Glue provider reads as a Dataset's classification. */
const CLASSIFICATION = 'ml-foundation.dev/data-classification';

type Stats = Record<string, unknown>;

const str = (nulls: number, distinct: number, avg: number, max: number) => ({
  Type: 'STRING',
  StringColumnStatisticsData: {
    NumberOfNulls: nulls,
    NumberOfDistinctValues: distinct,
    AverageLength: avg,
    MaximumLength: max,
  },
});
const long = (nulls: number, distinct: number, min: number, max: number) => ({
  Type: 'LONG',
  LongColumnStatisticsData: {
    NumberOfNulls: nulls,
    NumberOfDistinctValues: distinct,
    MinimumValue: min,
    MaximumValue: max,
  },
});
const double = (nulls: number, distinct: number, min: number, max: number) => ({
  Type: 'DOUBLE',
  DoubleColumnStatisticsData: {
    NumberOfNulls: nulls,
    NumberOfDistinctValues: distinct,
    MinimumValue: min,
    MaximumValue: max,
  },
});
/** Bounds in units of the scale, e.g. 2499900 at scale 2 for 24999.00. */
const decimal = (
  nulls: number,
  distinct: number,
  min: number,
  max: number,
  scale: number,
) => ({
  Type: 'DECIMAL',
  DecimalColumnStatisticsData: {
    NumberOfNulls: nulls,
    NumberOfDistinctValues: distinct,
    MinimumValue: { UnscaledValue: unscaled(min), Scale: scale },
    MaximumValue: { UnscaledValue: unscaled(max), Scale: scale },
  },
});
const date = (nulls: number, distinct: number, min: string, max: string) => ({
  Type: 'DATE',
  DateColumnStatisticsData: {
    NumberOfNulls: nulls,
    NumberOfDistinctValues: distinct,
    MinimumValue: `${min}T00:00:00Z`,
    MaximumValue: `${max}T00:00:00Z`,
  },
});
const bool = (trues: number, falses: number, nulls: number) => ({
  Type: 'BOOLEAN',
  BooleanColumnStatisticsData: {
    NumberOfTrues: trues,
    NumberOfFalses: falses,
    NumberOfNulls: nulls,
  },
});

/**
 * Column statistics by `database.table`, then column; the record count is
 * what a crawler leaves in the table's `recordCount` parameter. Columns
 * missing here were never analysed (Glue has no statistics for timestamps).
 */
const COLUMN_STATISTICS: Record<
  string,
  { recordCount: number; columns: Record<string, Stats> }
> = {
  'curated_customer.customers': {
    recordCount: 1_284_112,
    columns: {
      customer_id: str(0, 1_284_112, 12, 12),
      email: str(3_210, 1_279_448, 24.6, 64),
      phone_number: str(48_211, 1_231_007, 13, 13),
      date_of_birth: date(912, 22_140, '1931-04-02', '2006-09-30'),
      postcode: str(1_004, 688_213, 7.2, 8),
      postcode_district: str(1_004, 2_893, 3.6, 4),
      plan_tier: str(0, 3, 4.7, 7),
      signup_date: date(0, 3_012, '2016-03-14', '2024-09-30'),
      marketing_opt_in: bool(702_311, 575_989, 5_812),
    },
  },
  'raw_crm.customer_profiles': {
    recordCount: 1_301_877,
    columns: {
      crm_id: str(0, 1_296_402, 10, 10),
      email: str(143_206, 1_150_113, 23.9, 254),
      phone: str(96_340, 1_188_750, 12.4, 24),
      date_of_birth: str(11_402, 23_377, 9.8, 10),
      address_line_1: str(20_110, 1_102_566, 21.3, 96),
      postcode: str(9_775, 690_101, 7.1, 9),
      plan: str(0, 5, 5.1, 12),
      signup_date: str(0, 3_015, 10, 10),
      marketing_opt_in: str(31_922, 4, 1, 3),
    },
  },
  'curated_payments.transactions': {
    recordCount: 48_210_554,
    columns: {
      transaction_id: str(0, 48_210_554, 20, 20),
      card_id: str(0, 2_904_117, 16, 16),
      customer_id: str(1_204_263, 1_190_442, 12, 12),
      merchant_id: str(0, 81_305, 9, 9),
      amount_gbp: decimal(0, 402_118, 1, 2_499_900, 2),
      currency: str(0, 31, 3, 3),
      channel: str(0, 3, 3.4, 4),
      entry_mode: str(0, 4, 7.9, 11),
      merchant_country: str(0, 96, 2, 2),
      response_code: str(0, 17, 2, 2),
      is_declined: bool(1_542_738, 46_667_816, 0),
    },
  },
  'curated_customer.web_sessions': {
    recordCount: 9_902_310,
    columns: {
      session_id: str(0, 9_902_310, 36, 36),
      customer_id: str(3_762_878, 842_015, 12, 12),
      page_views: long(0, 344, 1, 412),
      device_type: str(0, 3, 6.1, 7),
      visited_cancellation_page: bool(188_144, 9_714_166, 0),
    },
  },
  'ml_customer.churn_labels': {
    recordCount: 14_806_331,
    columns: {
      customer_id: str(0, 1_402_008, 12, 12),
      snapshot_date: date(0, 12, '2023-09-30', '2024-08-31'),
      churned_within_90d: bool(1_184_506, 13_621_825, 0),
    },
  },
  'curated_payments.fraud_labels': {
    recordCount: 61_442,
    columns: {
      transaction_id: str(0, 61_442, 20, 20),
      is_fraud: bool(58_870, 2_572, 0),
      fraud_type: str(0, 5, 9.3, 16),
      source: str(0, 3, 6.8, 10),
    },
  },
  'ml_customer.clv_scores': {
    recordCount: 1_187_406,
    columns: {
      customer_id: str(0, 1_187_406, 12, 12),
      predicted_value_12m_gbp: double(0, 1_102_877, -120.5, 18_450.2),
      model_version: long(0, 1, 2, 2),
    },
  },
};

type Rule = [name: string, rule: string, message?: string];

/**
 * Glue Data Quality rulesets by table, and for each daily run (oldest
 * first) the rules that failed, with Glue's evaluation message.
 */
const QUALITY: Record<
  string,
  { ruleset: string; rules: Rule[]; failing: Record<string, string>[] }
> = {
  // The CRM export gets worse: a new form lets duplicates and blank emails in.
  'raw_crm.customer_profiles': {
    ruleset: 'crm-customer-profiles-export',
    rules: [
      ['Rule_1', 'IsComplete "crm_id"'],
      ['Rule_2', 'IsUnique "crm_id"'],
      ['Rule_3', 'Completeness "email" > 0.95'],
      ['Rule_4', 'ColumnValues "date_of_birth" matches "\\d{2}/\\d{2}/\\d{4}"'],
      ['Rule_5', 'ColumnValues "marketing_opt_in" in ["Y","N"]'],
      ['Rule_6', 'RowCount > 1000000'],
      ['Rule_7', 'ColumnLength "postcode" between 5 and 9'],
    ],
    failing: [
      {},
      { Rule_5: 'Value: 0.9754 does not meet the constraint requirement!' },
      { Rule_5: 'Value: 0.9712 does not meet the constraint requirement!' },
      {
        Rule_3: 'Value: 0.9288 does not meet the constraint requirement!',
        Rule_5: 'Value: 0.9655 does not meet the constraint requirement!',
      },
      {
        Rule_2: 'Value: 0.9958 does not meet the constraint requirement!',
        Rule_3: 'Value: 0.8900 does not meet the constraint requirement!',
        Rule_4: 'Value: 0.9912 does not meet the constraint requirement!',
        Rule_5: 'Value: 0.9598 does not meet the constraint requirement!',
      },
    ],
  },
  'curated_customer.customers': {
    ruleset: 'curated-customers',
    rules: [
      ['Rule_1', 'IsComplete "customer_id"'],
      ['Rule_2', 'IsUnique "customer_id"'],
      ['Rule_3', 'Completeness "email" > 0.99'],
      ['Rule_4', 'ColumnValues "plan_tier" in ["BASIC","PLUS","PREMIUM"]'],
      ['Rule_5', 'ColumnValues "date_of_birth" <= (now() - 6570 days)'],
      ['Rule_6', 'RowCount between 1000000 and 2000000'],
    ],
    failing: [
      {},
      { Rule_3: 'Value: 0.9874 does not meet the constraint requirement!' },
      {},
      {},
      {},
    ],
  },
  'curated_payments.transactions': {
    ruleset: 'curated-transactions',
    rules: [
      ['Rule_1', 'IsComplete "transaction_id"'],
      ['Rule_2', 'IsUnique "transaction_id"'],
      ['Rule_3', 'ColumnValues "amount_gbp" > 0'],
      ['Rule_4', 'ColumnValues "channel" in ["POS","ECOM","MOTO"]'],
      ['Rule_5', 'DataFreshness "event_time" <= 24 hours'],
      [
        'Rule_6',
        'ReferentialIntegrity "merchant_id" "merchants.merchant_id" = 1.0',
      ],
    ],
    failing: [
      {},
      {},
      {
        Rule_5:
          'Value: 30.5 hours does not meet the constraint requirement! The latest event_time is older than 24 hours.',
      },
      {},
      {},
    ],
  },
  'curated_payments.fraud_labels': {
    ruleset: 'fraud-labels',
    rules: [
      ['Rule_1', 'IsComplete "transaction_id"'],
      ['Rule_2', 'ColumnValues "source" in ["CHARGEBACK","TC40","SAFE"]'],
      [
        'Rule_3',
        'ReferentialIntegrity "transaction_id" "transactions.transaction_id" = 1.0',
      ],
      ['Rule_4', 'RowCount > 10000'],
    ],
    failing: [{}, {}, {}, {}, {}],
  },
  'ml_customer.churn_labels': {
    ruleset: 'churn-labels',
    rules: [
      ['Rule_1', 'IsComplete "customer_id"'],
      ['Rule_2', 'IsComplete "churned_within_90d"'],
      ['Rule_3', 'ColumnValues "churned_within_90d" in [true,false]'],
      ['Rule_4', 'Uniqueness "customer_id" > 0.09'],
    ],
    failing: [{}, {}, {}, {}, {}],
  },
};

/**
 * Per-column personal data of the demo's customer tables, beside the
 * table's own `pii` classification.
 */
const PII: Record<string, string[]> = {
  'curated_customer.customers': [
    'email',
    'phone_number',
    'date_of_birth',
    'postcode',
  ],
  'raw_crm.customer_profiles': [
    'email',
    'phone',
    'date_of_birth',
    'address_line_1',
    'postcode',
  ],
};

/**
 * The demo's data profiles: the customer tables classified `pii` (table and
 * columns), column statistics of the curated and raw tables analysed
 * yesterday, and five daily Glue Data Quality runs of five tables ending
 * today, the CRM export's falling to 3 of 7 rules passed.
 */
export function addDemoDataProfiles(estate: Estate, now: Date): void {
  const glue = estate.regions[REGION].glue;
  const table = (key: string) => {
    const [database, name] = key.split('.');
    const found = glue.tables.find(
      t => t.DatabaseName === database && t.Name === name,
    );
    if (!found) {
      throw new Error(`The demo estate has no table ${key}`);
    }
    return found;
  };

  for (const [key, columns] of Object.entries(PII)) {
    const t = table(key);
    t.Parameters = { ...(t.Parameters as object), [CLASSIFICATION]: 'pii' };
    const storage = t.StorageDescriptor as {
      Columns: { Name: string; Parameters?: Record<string, string> }[];
    };
    for (const column of storage.Columns) {
      if (columns.includes(column.Name)) {
        column.Parameters = { [CLASSIFICATION]: 'pii' };
      }
    }
  }

  const today = Math.floor(now.getTime() / DAY) * DAY;
  const analyzedAt = new Date(today - DAY + 2 * 3_600_000).toISOString();
  const statistics = (glue.columnStatistics ??= []);
  for (const [key, { recordCount, columns }] of Object.entries(
    COLUMN_STATISTICS,
  )) {
    const t = table(key);
    t.Parameters = {
      ...(t.Parameters as object),
      recordCount: String(recordCount),
    };
    const types = new Map(
      (
        t.StorageDescriptor as { Columns: { Name: string; Type: string }[] }
      ).Columns.map(c => [c.Name, c.Type]),
    );
    for (const [column, data] of Object.entries(columns)) {
      statistics.push({
        DatabaseName: t.DatabaseName,
        TableName: t.Name,
        ColumnName: column,
        ColumnType: types.get(column) ?? 'string',
        AnalyzedTime: analyzedAt,
        StatisticsData: data,
      });
    }
  }

  const results = (glue.dataQualityResults ??= []);
  // Evaluation runs start at 05:00 UTC and take about four minutes: the
  // latest is today's once it has finished, else yesterday's.
  let latestRun = today + 5 * 3_600_000;
  if (latestRun + 4 * 60_000 > now.getTime()) latestRun -= DAY;
  for (const [key, { ruleset, rules, failing }] of Object.entries(QUALITY)) {
    const t = table(key);
    failing.forEach((failed, index) => {
      const daysAgo = failing.length - 1 - index;
      const started = new Date(latestRun - daysAgo * DAY);
      const runId = shortHash(`${key}:${daysAgo}`);
      const passed = rules.filter(([name]) => !failed[name]).length;
      results.push({
        ResultId: `dqresult-${shortHash(`${key}:${daysAgo}:result`, 40)}`,
        EvaluationRunMode: 'ON_DEMAND',
        Score: Math.round((passed / rules.length) * 10_000) / 10_000,
        DataSource: {
          GlueTable: {
            DatabaseName: t.DatabaseName,
            TableName: t.Name,
            CatalogId: estate.accountId,
          },
        },
        RulesetName: ruleset,
        StartedOn: started.toISOString(),
        CompletedOn: new Date(started.getTime() + 4 * 60_000).toISOString(),
        RulesetEvaluationRunId: `dqrun-${runId}`,
        RuleResults: rules.map(([name, rule]) => ({
          Name: name,
          Description: rule,
          EvaluatedRule: rule,
          Result: failed[name] ? 'FAIL' : 'PASS',
          ...(failed[name] ? { EvaluationMessage: failed[name] } : {}),
          EvaluatedMetrics: metricsOf(rule, failed[name]),
        })),
      });
    });
  }
}

// The metric Glue reports for a rule, e.g. `Column.email.Completeness`; its
// value is the one in a failing rule's message, else a passing one.
function metricsOf(rule: string, message?: string): Record<string, number> {
  const [kind, quoted] = rule.split(' ');
  const column = quoted?.replace(/"/g, '');
  const value = Number(/Value: ([\d.]+)/.exec(message ?? '')?.[1] ?? 1);
  if (kind === 'RowCount') {
    return { 'Dataset.*.RowCount': 1_300_000 };
  }
  return { [`Column.${column}.${kind}`]: value };
}

function shortHash(value: string, length = 16): string {
  return createHash('sha256').update(value).digest('hex').slice(0, length);
}

// Glue sends a decimal's unscaled value as big-endian two's complement bytes.
function unscaled(value: number): string {
  let hex = BigInt(value).toString(16);
  if (hex.length % 2) {
    hex = `0${hex}`;
  }
  if (parseInt(hex.slice(0, 2), 16) >= 0x80) {
    hex = `00${hex}`;
  }
  return Buffer.from(hex, 'hex').toString('base64');
}
