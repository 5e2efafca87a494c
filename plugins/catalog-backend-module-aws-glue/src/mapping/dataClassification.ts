/**
 * The key, in a Glue table's or column's `Parameters`, that classifies its
 * data (e.g. `pii`, `confidential`, `public`). Glue's own `classification`
 * parameter names the file format (see tableFormat.ts), hence a key of ours.
 */
export const DATA_CLASSIFICATION_PARAMETER =
  'ml-foundation.dev/data-classification';

/** The classification a table or column's parameters give, lower-cased. */
export function dataClassification(
  parameters: Record<string, string> | undefined,
): string | undefined {
  const value = parameters?.[DATA_CLASSIFICATION_PARAMETER]?.trim();
  return value ? value.toLocaleLowerCase('en-US') : undefined;
}
