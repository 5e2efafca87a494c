import { ML_API_VERSION } from '../constants';

/**
 * JSON schema of an ML kind: the envelope every kind shares (apiVersion, kind,
 * metadata) around the kind's own spec schema.
 */
export function mlKindSchema<S extends object>(
  kind: string,
  description: string,
  spec: S,
) {
  return {
    $schema: 'http://json-schema.org/draft-07/schema',
    description,
    type: 'object',
    required: ['apiVersion', 'kind', 'metadata', 'spec'],
    properties: {
      apiVersion: { const: ML_API_VERSION },
      kind: { const: kind },
      metadata: { type: 'object' },
      spec,
    },
  } as const;
}

/** Fields every ML kind carries in its spec. */
export const ownershipProperties = {
  owner: {
    type: 'string',
    minLength: 1,
    description:
      'Entity reference of the owner, usually a Group (e.g. group:default/ml-platform).',
  },
  lifecycle: {
    type: 'string',
    minLength: 1,
    description: 'Lifecycle state, e.g. experimental, production, deprecated.',
  },
  system: {
    type: 'string',
    minLength: 1,
    description: 'Entity reference of the System this entity is part of.',
  },
} as const;

/** An array of entity references. */
export function entityRefArray(description: string) {
  return {
    type: 'array',
    description,
    items: { type: 'string', minLength: 1 },
  } as const;
}
