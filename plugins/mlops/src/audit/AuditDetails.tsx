function describe(value: unknown): string {
  if (typeof value === 'string') return value;
  if (Array.isArray(value) && value.every(v => typeof v === 'string')) {
    return value.join(', ') || '—';
  }
  return JSON.stringify(value);
}

/**
 * An audit event's details, one field per line, so that a reviewer reads
 * "approvers: user:default/grace.adeyemi, …" rather than a JSON blob.
 */
export function AuditDetails(props: { details: Record<string, unknown> }) {
  const entries = Object.entries(props.details);
  if (entries.length === 0) return null;
  return (
    <dl style={{ margin: 0, fontSize: 12 }}>
      {entries.map(([key, value]) => (
        <div key={key} style={{ overflowWrap: 'anywhere' }}>
          <dt style={{ display: 'inline', fontWeight: 600 }}>{key}: </dt>
          <dd style={{ display: 'inline', margin: 0 }}>{describe(value)}</dd>
        </div>
      ))}
    </dl>
  );
}
