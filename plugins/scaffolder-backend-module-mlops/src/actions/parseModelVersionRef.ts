import { CompoundEntityRef, parseEntityRef } from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';

/** Parses a ModelVersion reference; a bare name means the default namespace. */
export function parseModelVersionRef(ref: string): CompoundEntityRef {
  let parsed: CompoundEntityRef;
  try {
    parsed = parseEntityRef(ref, { defaultKind: 'ModelVersion' });
  } catch (error) {
    throw new InputError(
      `Invalid ModelVersion reference "${ref}": ${(error as Error).message}`,
    );
  }
  if (parsed.kind.toLocaleLowerCase('en-US') !== 'modelversion') {
    throw new InputError(`"${ref}" is a ${parsed.kind}, not a ModelVersion`);
  }
  return parsed;
}
