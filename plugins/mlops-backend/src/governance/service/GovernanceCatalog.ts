import type { AuthService } from '@backstage/backend-plugin-api';
import {
  Entity,
  parseEntityRef,
  RELATION_MEMBER_OF,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import type { CatalogService } from '@backstage/plugin-catalog-node';

const lower = (value: string) => value.toLocaleLowerCase('en-US');

/**
 * What governance reads from the catalog, with the plugin's own credentials:
 * its decisions must not depend on what the acting user may see.
 */
export class GovernanceCatalog {
  constructor(
    private readonly catalog: CatalogService,
    private readonly auth: AuthService,
  ) {}

  async getEntity(entityRef: string): Promise<Entity | undefined> {
    return this.catalog.getEntityByRef(entityRef, {
      credentials: await this.auth.getOwnServiceCredentials(),
    });
  }

  /** The other version of the Model whose SageMaker stage is `stageName`. */
  async versionInStage(
    modelRef: string,
    stageName: string,
    exceptRef?: string,
  ): Promise<Entity | undefined> {
    const { items } = await this.catalog.getEntities(
      { filter: { kind: 'ModelVersion', 'spec.model': modelRef } },
      { credentials: await this.auth.getOwnServiceCredentials() },
    );
    return items
      .filter(
        e =>
          typeof e.spec?.stage === 'string' &&
          lower(e.spec.stage) === lower(stageName) &&
          stringifyEntityRef(e) !== exceptRef,
      )
      .sort((a, b) => Number(b.spec?.version) - Number(a.spec?.version))[0];
  }

  /**
   * Whether the User is a member of the Group, directly or through a child
   * group (a member of `model-risk-emea` whose parent is `model-risk` counts).
   *
   * @throws when the catalog cannot answer, so no approval counts on doubt.
   */
  async isGroupMember(userRef: string, groupRef: string): Promise<boolean> {
    const user = await this.getEntity(userRef);
    if (!user) {
      return false;
    }
    const target = lower(stringifyEntityRef(parseEntityRef(groupRef)));
    const seen = new Set<string>();
    let frontier = (user.relations ?? [])
      .filter(r => r.type === RELATION_MEMBER_OF)
      .map(r => lower(r.targetRef));
    while (frontier.length > 0) {
      if (frontier.includes(target)) {
        return true;
      }
      const next: string[] = [];
      for (const ref of frontier) {
        if (seen.has(ref)) {
          continue;
        }
        seen.add(ref);
        const parent = (await this.getEntity(ref))?.spec?.parent;
        if (typeof parent === 'string') {
          next.push(
            lower(
              stringifyEntityRef(
                parseEntityRef(parent, { defaultKind: 'group' }),
              ),
            ),
          );
        }
      }
      frontier = next;
    }
    return false;
  }
}
