import { AwsError } from './AwsError';

/** Typed access to a call's JSON input, failing as AWS validation does. */
export class OperationInput {
  readonly raw: Record<string, unknown>;

  constructor(raw: Record<string, unknown>) {
    this.raw = raw;
  }

  string(member: string): string | undefined {
    const value = this.raw[member];
    if (value === undefined || value === null) {
      return undefined;
    }
    if (typeof value !== 'string') {
      throw invalid(member, value, 'must be a string');
    }
    return value;
  }

  requiredString(member: string): string {
    const value = this.string(member);
    if (value === undefined) {
      throw new AwsError(
        'ValidationException',
        `1 validation error detected: Value null at '${lowerFirst(
          member,
        )}' failed to satisfy constraint: Member must not be null`,
      );
    }
    return value;
  }

  /** A map of strings, such as `CustomerMetadataProperties`. */
  stringMap(member: string): Record<string, string> | undefined {
    const value = this.raw[member];
    if (value === undefined || value === null) {
      return undefined;
    }
    if (
      typeof value !== 'object' ||
      Array.isArray(value) ||
      Object.values(value).some(v => typeof v !== 'string')
    ) {
      throw invalid(member, value, 'must be a map of strings');
    }
    return value as Record<string, string>;
  }

  stringList(member: string): string[] | undefined {
    const value = this.raw[member];
    if (value === undefined || value === null) {
      return undefined;
    }
    if (!Array.isArray(value) || value.some(v => typeof v !== 'string')) {
      throw invalid(member, value, 'must be a list of strings');
    }
    return value;
  }

  /** A timestamp member, sent by the SDK as epoch seconds; as epoch milliseconds. */
  time(member: string): number | undefined {
    const value = this.raw[member];
    if (value === undefined || value === null) {
      return undefined;
    }
    if (typeof value !== 'number') {
      throw invalid(member, value, 'must be a timestamp in epoch seconds');
    }
    return value * 1000;
  }

  oneOf<T extends string>(
    member: string,
    allowed: readonly T[],
  ): T | undefined {
    const value = this.string(member);
    if (value !== undefined && !allowed.includes(value as T)) {
      throw invalid(
        member,
        value,
        `must satisfy enum value set: [${allowed.join(', ')}]`,
      );
    }
    return value as T | undefined;
  }
}

function invalid(member: string, value: unknown, constraint: string) {
  return new AwsError(
    'ValidationException',
    `1 validation error detected: Value '${String(value)}' at '${lowerFirst(
      member,
    )}' failed to satisfy constraint: Member ${constraint}`,
  );
}

function lowerFirst(member: string): string {
  return member.charAt(0).toLowerCase() + member.slice(1);
}
