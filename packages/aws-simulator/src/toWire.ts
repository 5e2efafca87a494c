/**
 * Members that are timestamps in the SageMaker and Glue shapes the simulator
 * serves. awsJson1_1 sends timestamps as epoch seconds, and the SDK only
 * turns numbers into Dates, so every one of them must be converted.
 */
const TIMESTAMP_MEMBERS = new Set([
  'CreationTime',
  'LastModifiedTime',
  'TrainingStartTime',
  'TrainingEndTime',
  'TransformStartTime',
  'TransformEndTime',
  'StartTime',
  'EndTime',
  'Timestamp',
  'TimeStamp',
  'ScheduledTime',
  'ResolutionTime',
  'CreateTime',
  'UpdateTime',
  'LastAccessTime',
  'LastAnalyzedTime',
  'CreatedOn',
  'LastModifiedOn',
  'AnalyzedTime',
  'StartedOn',
  'CompletedOn',
]);

/** String maps whose keys are user data, never member names. */
const FREE_FORM_MAPS = new Set([
  'Parameters',
  'HyperParameters',
  'Environment',
  'DefaultArguments',
  'NonOverridableArguments',
  'CustomerMetadataProperties',
]);

/**
 * Turns an estate record into its wire form: timestamps as epoch seconds, and
 * without its `Tags`, which AWS only returns from ListTags/GetTags.
 */
export function toWire(
  record: Record<string, unknown>,
): Record<string, unknown> {
  const { Tags: _tags, ...members } = record;
  return convert(members) as Record<string, unknown>;
}

function convert(value: unknown): unknown {
  if (Array.isArray(value)) {
    return value.map(convert);
  }
  if (value === null || typeof value !== 'object') {
    return value;
  }
  const out: Record<string, unknown> = {};
  for (const [key, member] of Object.entries(value)) {
    if (TIMESTAMP_MEMBERS.has(key) && typeof member === 'string') {
      out[key] = Date.parse(member) / 1000;
    } else if (FREE_FORM_MAPS.has(key)) {
      out[key] = member;
    } else {
      out[key] = convert(member);
    }
  }
  return out;
}
