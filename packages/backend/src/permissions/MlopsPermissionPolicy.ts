import type { UserInfoService } from '@backstage/backend-plugin-api';
import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import type { Config } from '@backstage/config';
import {
  catalogConditions,
  createCatalogConditionalDecision,
} from '@backstage/plugin-catalog-backend/alpha';
import {
  AuthorizeResult,
  isResourcePermission,
  PolicyDecision,
} from '@backstage/plugin-permission-common';
import type {
  PermissionPolicy,
  PolicyQuery,
  PolicyQueryUser,
} from '@backstage/plugin-permission-node';
import {
  mlopsAccessApprovePermission,
  mlopsAccessRequestPermission,
  mlopsAuditReadPermission,
  mlopsGovernanceWaivePermission,
  mlopsRetrainPermission,
  mlopsReviewApprovePermission,
  mlopsReviewCreatePermission,
} from '@ml-foundation/plugin-mlops-common';

/** Who holds the governance roles, as group entity refs. */
export interface MlopsRoleGroups {
  /** May approve or reject reviews (SoD and checkpoint groups still apply). */
  approverGroups: string[];
  /** May waive checkpoints. */
  waiverGroups: string[];
  /** May read the whole audit trail, not only their own entities'. */
  auditorGroups: string[];
}

const KEY = 'mlops.governance';

const groupRefs = (refs: string[]) =>
  refs.map(ref =>
    stringifyEntityRef(parseEntityRef(ref, { defaultKind: 'group' })),
  );

/**
 * The groups named by the approval checkpoints of every configured policy:
 * the default approvers when `approverGroups` is not set.
 */
function approvalCheckpointGroups(config: Config): string[] {
  const policies = config.getOptionalConfig(`${KEY}.policies`);
  const groups = new Set<string>();
  for (const name of policies?.keys() ?? []) {
    const policy = policies!.getConfig(name);
    for (const kind of ['transitions', 'rollbacks']) {
      const stages = policy.getOptionalConfig(kind);
      for (const stage of stages?.keys() ?? []) {
        for (const checkpoint of stages!
          .getConfig(stage)
          .getOptionalConfigArray('checkpoints') ?? []) {
          if (checkpoint.getOptionalString('type') === 'approval') {
            (checkpoint.getOptionalStringArray('groups') ?? []).forEach(g =>
              groups.add(g),
            );
          }
        }
      }
    }
  }
  return [...groups];
}

/** Reads the role groups from `mlops.governance`. */
export function readMlopsRoleGroups(config: Config): MlopsRoleGroups {
  return {
    approverGroups: groupRefs(
      config.getOptionalStringArray(`${KEY}.approverGroups`) ??
        approvalCheckpointGroups(config),
    ),
    waiverGroups: groupRefs(
      config.getOptionalStringArray(`${KEY}.waiverGroups`) ?? [],
    ),
    auditorGroups: groupRefs(
      config.getOptionalStringArray(`${KEY}.auditorGroups`) ?? [],
    ),
  };
}

/**
 * The portal's permission policy. ML Foundation's permissions:
 *
 * - `mlops.review.create`, `mlops.retrain`: the owners of the entity
 *   (a conditional decision the catalog resolves on the entity's owner).
 * - `mlops.review.approve`: members of the approver groups; the governance
 *   backend then applies the separation-of-duties rules and counts, per
 *   approval checkpoint, only members of that checkpoint's groups.
 * - `mlops.governance.waive`: members of the waiver groups only.
 * - `mlops.audit.read`: approvers, waivers and auditors for every entity,
 *   others for the entities they own.
 *
 * Every other permission of the portal is allowed, as before this policy.
 */
export class MlopsPermissionPolicy implements PermissionPolicy {
  static fromConfig(
    config: Config,
    userInfo: UserInfoService,
  ): MlopsPermissionPolicy {
    return new MlopsPermissionPolicy(readMlopsRoleGroups(config), userInfo);
  }

  constructor(
    private readonly roles: MlopsRoleGroups,
    private readonly userInfo: UserInfoService,
  ) {}

  async handle(
    request: PolicyQuery,
    user?: PolicyQueryUser,
  ): Promise<PolicyDecision> {
    const { permission } = request;
    if (!permission.name.startsWith('mlops.')) {
      return { result: AuthorizeResult.ALLOW };
    }
    if (
      !user ||
      (user.credentials.principal as { type?: string }).type !== 'user' ||
      !isResourcePermission(permission, 'catalog-entity')
    ) {
      return { result: AuthorizeResult.DENY };
    }
    const { ownershipEntityRefs } = await this.userInfo.getUserInfo(
      user.credentials,
    );
    const claims = ownershipEntityRefs.map(ref =>
      ref.toLocaleLowerCase('en-US'),
    );
    const inAny = (groups: string[]) =>
      groups.some(g => claims.includes(g.toLocaleLowerCase('en-US')));
    const owned = () =>
      createCatalogConditionalDecision(
        permission,
        catalogConditions.isEntityOwner({ claims: ownershipEntityRefs }),
      );
    const allowIf = (allowed: boolean): PolicyDecision => ({
      result: allowed ? AuthorizeResult.ALLOW : AuthorizeResult.DENY,
    });

    switch (permission.name) {
      case mlopsReviewCreatePermission.name:
      case mlopsRetrainPermission.name:
        return owned();
      case mlopsReviewApprovePermission.name:
        return allowIf(inAny(this.roles.approverGroups));
      case mlopsGovernanceWaivePermission.name:
        return allowIf(inAny(this.roles.waiverGroups));
      case mlopsAuditReadPermission.name:
        return inAny([
          ...this.roles.approverGroups,
          ...this.roles.waiverGroups,
          ...this.roles.auditorGroups,
        ])
          ? allowIf(true)
          : owned();
      case mlopsAccessRequestPermission.name:
        // Anyone signed in may ask; the owners decide.
        return allowIf(true);
      case mlopsAccessApprovePermission.name:
        // The access service counts only the data's owners, its approver
        // group and the privacy group, under separation of duties.
        return allowIf(true);
      default:
        // An ML Foundation permission this policy does not know yet.
        return allowIf(false);
    }
  }
}
