/** AWS tags as the APIs return them: a list of key/value pairs, or a map. */
export type AwsTags =
  | Array<{ Key?: string; Value?: string }>
  | Record<string, string>
  | undefined;

function tagValue(tags: AwsTags, key: string): string | undefined {
  const entries = Array.isArray(tags)
    ? tags.map(tag => [tag.Key, tag.Value] as const)
    : Object.entries(tags ?? {});
  // Teams write `Owner` as often as `owner`; AWS keeps keys as typed.
  const wanted = key.toLocaleLowerCase('en-US');
  const match = entries.find(
    ([k, v]) => k?.toLocaleLowerCase('en-US') === wanted && v?.trim(),
  );
  return match?.[1]?.trim();
}

/** `team-a` becomes `group:default/team-a`; `user:jane` stays as it is. */
function toOwnerRef(value: string): string {
  if (/^[a-z][a-z0-9-]*:/i.test(value)) {
    return value;
  }
  return value.includes('/') ? `group:${value}` : `group:default/${value}`;
}

/**
 * The owner of an AWS resource: the value of its owner tag, else that of its
 * parent (the model package group of a version, the database of a table),
 * else `defaultOwner`. A tag value that is not already an entity reference is
 * taken as a group name.
 */
export function resolveOwner(
  tags: AwsTags,
  fallbackTags: AwsTags,
  ownerTagKey: string,
  defaultOwner: string,
): string {
  const value =
    tagValue(tags, ownerTagKey) ?? tagValue(fallbackTags, ownerTagKey);
  return value ? toOwnerRef(value) : defaultOwner;
}
