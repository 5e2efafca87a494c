/**
 * Pieces the capabilities' OpenAPI specs share. They keep their literal
 * types (`as const`, `const` type parameters), as createValidatedOpenApiRouter
 * types each route's query, body and response from them; a plain `string`
 * where a `$ref` or an `enum` stood would leave the route untyped.
 */

/** The entity a route is about, as an entity ref. */
export const entityRefQuery = {
  name: 'entityRef',
  in: 'query',
  required: true,
  schema: { type: 'string', minLength: 1 },
} as const;

/** The `{id}` of a path, such as a review's or an access request's. */
export const idPath = {
  name: 'id',
  in: 'path',
  required: true,
  schema: { type: 'string', minLength: 1 },
} as const;

/** The schema named `name` in the spec's components. */
export function ref<const Name extends string>(
  name: Name,
): { readonly $ref: `#/components/schemas/${Name}` } {
  return { $ref: `#/components/schemas/${name}` };
}

/** A list answer, `{ items: [...] }`, of the schema named `name`. */
export function items<const Name extends string>(name: Name) {
  return {
    type: 'object',
    required: ['items'],
    properties: { items: { type: 'array', items: ref(name) } },
  } as const;
}

/** A response with a JSON body of `schema`. */
export function json<const Schema>(description: string, schema: Schema) {
  return { description, content: { 'application/json': { schema } } };
}

/**
 * The 401 of every route: httpAuth answers it when the token is missing or
 * invalid (credentials of a principal the route does not allow are a 403).
 */
export const unauthenticated = {
  '401': { description: 'No or invalid credentials.' },
} as const;

/**
 * The errors of any route that takes parameters or a body: the validator's
 * 400 and httpAuth's 401. A spec adds what else its routes answer.
 */
export const requestErrors = {
  '400': { description: 'Malformed request; the message names the field.' },
  ...unauthenticated,
} as const;

/**
 * The errors of a route that reads one catalog entity with the caller's
 * credentials (requireCatalogEntity): a spec overrides the wording where a
 * route means something narrower.
 */
export const catalogEntityErrors = {
  ...requestErrors,
  '400': { description: 'Malformed request, or an entity of another kind.' },
  '404': {
    description:
      'The entity is not in the catalog, or the caller may not read it.',
  },
} as const;
