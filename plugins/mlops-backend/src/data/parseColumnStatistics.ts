import type {
  ColumnProfile,
  ColumnStatisticsKind,
} from '@ml-foundation/plugin-mlops-common';

type AnyRecord = Record<string, unknown>;

/** Glue's data member of each statistics type. */
const DATA_MEMBERS: Record<ColumnStatisticsKind, string> = {
  STRING: 'StringColumnStatisticsData',
  LONG: 'LongColumnStatisticsData',
  DOUBLE: 'DoubleColumnStatisticsData',
  DECIMAL: 'DecimalColumnStatisticsData',
  DATE: 'DateColumnStatisticsData',
  BOOLEAN: 'BooleanColumnStatisticsData',
  BINARY: 'BinaryColumnStatisticsData',
};

/** What a GetColumnStatisticsForTable answer says, in our terms. */
export type ParsedColumnStatistics = {
  columns: ColumnProfile[];
  /** `column: reason` of each column Glue answered with an error. */
  errors: string[];
};

/**
 * Reads `GetColumnStatisticsForTable` answers (the SDK's output, or the same
 * JSON as AWS sends it: epoch seconds and base64 for decimals) into column
 * profiles. `recordCount` turns null counts into shares.
 *
 * @throws Error naming the column and member when an answer is malformed.
 */
export function parseColumnStatistics(
  outputs: unknown[],
  columnTypes: Map<string, string>,
  recordCount?: number,
): ParsedColumnStatistics {
  const columns: ColumnProfile[] = [];
  const errors: string[] = [];
  for (const output of outputs) {
    if (!isRecord(output)) {
      throw new Error('The column statistics answer is not an object');
    }
    for (const error of list(output.Errors, 'Errors')) {
      const detail = isRecord(error.Error) ? error.Error : {};
      errors.push(
        `${String(error.ColumnName ?? '?')}: ${String(
          detail.ErrorMessage ?? detail.ErrorCode ?? 'unknown error',
        )}`,
      );
    }
    for (const stats of list(
      output.ColumnStatisticsList,
      'ColumnStatisticsList',
    )) {
      columns.push(parseColumn(stats, columnTypes, recordCount));
    }
  }
  return { columns, errors };
}

function parseColumn(
  stats: AnyRecord,
  columnTypes: Map<string, string>,
  recordCount: number | undefined,
): ColumnProfile {
  const name = stats.ColumnName;
  if (typeof name !== 'string' || !name) {
    throw new Error('A column statistics entry has no ColumnName');
  }
  const data = stats.StatisticsData;
  if (!isRecord(data)) {
    throw new Error(`${name}: no StatisticsData`);
  }
  const kind = data.Type as ColumnStatisticsKind;
  const member = DATA_MEMBERS[kind];
  const values = member ? data[member] : undefined;
  if (!isRecord(values)) {
    throw new Error(
      `${name}: StatisticsData of type ${String(kind)} has no ${
        member ?? 'known data member'
      }`,
    );
  }
  const nulls = count(values.NumberOfNulls, `${name}.NumberOfNulls`);
  const analyzedAt = time(stats.AnalyzedTime);
  const profile: ColumnProfile = {
    name,
    type:
      columnTypes.get(name) ??
      (typeof stats.ColumnType === 'string' ? stats.ColumnType : kind),
    kind,
    nulls,
    ...(analyzedAt && { analyzedAt }),
  };
  if (values.NumberOfDistinctValues !== undefined) {
    profile.distinct = count(
      values.NumberOfDistinctValues,
      `${name}.NumberOfDistinctValues`,
    );
  }
  if (kind === 'STRING' || kind === 'BINARY') {
    profile.averageLength = number(
      values.AverageLength,
      `${name}.AverageLength`,
    );
    profile.maxLength = number(values.MaximumLength, `${name}.MaximumLength`);
  } else if (kind === 'BOOLEAN') {
    profile.trues = count(values.NumberOfTrues, `${name}.NumberOfTrues`);
    profile.falses = count(values.NumberOfFalses, `${name}.NumberOfFalses`);
  } else {
    const bound = (value: unknown, which: string) => {
      if (value === undefined || value === null) {
        return undefined;
      }
      if (kind === 'DATE') {
        const at = time(value);
        if (!at) {
          throw new Error(`${name}.${which} is not a date`);
        }
        return at.slice(0, 10);
      }
      if (kind === 'DECIMAL') {
        return decimal(value, `${name}.${which}`);
      }
      return number(value, `${name}.${which}`);
    };
    const min = bound(values.MinimumValue, 'MinimumValue');
    const max = bound(values.MaximumValue, 'MaximumValue');
    if (min !== undefined) profile.min = min;
    if (max !== undefined) profile.max = max;
  }
  const total =
    kind === 'BOOLEAN'
      ? (profile.trues ?? 0) + (profile.falses ?? 0) + nulls
      : recordCount;
  if (total && total > 0) {
    profile.nullShare = Math.min(1, nulls / total);
  }
  return profile;
}

function isRecord(value: unknown): value is AnyRecord {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function list(value: unknown, member: string): AnyRecord[] {
  if (value === undefined || value === null) {
    return [];
  }
  if (!Array.isArray(value) || !value.every(isRecord)) {
    throw new Error(`${member} is not a list of objects`);
  }
  return value;
}

function number(value: unknown, what: string): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw new Error(`${what} is not a number: ${JSON.stringify(value)}`);
  }
  return value;
}

function count(value: unknown, what: string): number {
  const n = number(value, what);
  if (!Number.isInteger(n) || n < 0) {
    throw new Error(`${what} is not a count: ${n}`);
  }
  return n;
}

/** A timestamp as the SDK gives it (Date) or AWS sends it (epoch seconds). */
export function time(value: unknown): string | undefined {
  if (value instanceof Date && !Number.isNaN(value.getTime())) {
    return value.toISOString();
  }
  if (typeof value === 'number' && Number.isFinite(value)) {
    return new Date(value * 1000).toISOString();
  }
  if (typeof value === 'string' && !Number.isNaN(Date.parse(value))) {
    return new Date(value).toISOString();
  }
  return undefined;
}

// A DecimalNumber: the unscaled value in big-endian two's complement bytes
// (base64 on the wire), and the scale.
function decimal(value: unknown, what: string): number {
  if (!isRecord(value)) {
    throw new Error(`${what} is not a DecimalNumber`);
  }
  const raw = value.UnscaledValue;
  let bytes: Uint8Array | undefined;
  if (raw instanceof Uint8Array) {
    bytes = raw;
  } else if (typeof raw === 'string') {
    bytes = Uint8Array.from(Buffer.from(raw, 'base64'));
  }
  if (!bytes || bytes.length === 0) {
    throw new Error(`${what}.UnscaledValue is not binary`);
  }
  const scale = count(value.Scale, `${what}.Scale`);
  let unscaled = 0n;
  for (const byte of bytes) {
    unscaled = (unscaled << 8n) | BigInt(byte);
  }
  if (bytes[0] & 0x80) {
    unscaled -= 1n << BigInt(bytes.length * 8);
  }
  return Number(unscaled) / 10 ** scale;
}
