import {
  AuthService,
  BackstageCredentials,
} from '@backstage/backend-plugin-api';
import {
  RELATION_MEMBER_OF,
  stringifyEntityRef,
  UserEntity,
} from '@backstage/catalog-model';
import { CatalogService } from '@backstage/plugin-catalog-node';

/** A user the demo sign-in page offers. */
export type DemoUser = {
  userEntityRef: string;
  displayName: string;
  email?: string;
  /** Refs of the groups the user is a member of. */
  memberOf: string[];
};

/** Every User entity of the catalog, by display name. */
export async function listDemoUsers(options: {
  catalog: CatalogService;
  auth: AuthService;
}): Promise<DemoUser[]> {
  const credentials: BackstageCredentials =
    await options.auth.getOwnServiceCredentials();
  const { items } = await options.catalog.getEntities(
    {
      filter: { kind: 'User' },
      fields: [
        'kind',
        'metadata.name',
        'metadata.namespace',
        'spec.profile',
        'relations',
      ],
    },
    { credentials },
  );
  return (items as UserEntity[])
    .map(user => ({
      userEntityRef: stringifyEntityRef(user),
      displayName: user.spec?.profile?.displayName ?? user.metadata.name,
      email: user.spec?.profile?.email,
      memberOf: (user.relations ?? [])
        .filter(relation => relation.type === RELATION_MEMBER_OF)
        .map(relation => relation.targetRef)
        .sort(),
    }))
    .sort((a, b) => a.displayName.localeCompare(b.displayName, 'en'));
}
