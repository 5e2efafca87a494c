import { normalizeS3Uri } from './s3Uri';

interface IndexEntry {
  entityRef: string;
  priority: number;
}

/**
 * Maps S3 URIs to the entities whose data lives under them (Glue tables by
 * their location, feature groups by their offline-store URI).
 *
 * A URI matches the entity with the longest prefix of it, by whole path
 * segments: `s3://lake/tx` holds `s3://lake/tx/2024/` but not
 * `s3://lake/tx_archive/`. Where two entities have the same prefix, the one
 * added with the higher priority wins, so a feature group beats the Glue table
 * of its own offline store.
 */
export class S3LocationIndex {
  private readonly entries = new Map<string, IndexEntry>();

  add(uri: string, entityRef: string, priority = 0): void {
    const key = normalizeS3Uri(uri);
    const existing = this.entries.get(key);
    if (!existing || priority > existing.priority) {
      this.entries.set(key, { entityRef, priority });
    }
  }

  /** The entity whose location holds `uri`, if any. */
  match(uri: string): string | undefined {
    const normalized = normalizeS3Uri(uri);
    if (!normalized.startsWith('s3://')) {
      return undefined;
    }
    // Walk up the path one segment at a time: the first hit is the longest.
    let prefix = normalized;
    for (;;) {
      const entry = this.entries.get(prefix);
      if (entry) {
        return entry.entityRef;
      }
      const cut = prefix.lastIndexOf('/');
      if (cut < 's3://'.length) {
        return undefined;
      }
      prefix = prefix.slice(0, cut);
    }
  }
}
