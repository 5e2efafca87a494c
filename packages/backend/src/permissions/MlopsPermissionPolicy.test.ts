import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  mlopsAuditReadPermission,
  mlopsGovernanceWaivePermission,
  mlopsReviewApprovePermission,
  mlopsReviewCreatePermission,
} from '@ml-foundation/plugin-mlops-common';
import { MlopsPermissionPolicy } from './MlopsPermissionPolicy';

const config = new ConfigReader({
  mlops: {
    governance: {
      policies: {
        default: {
          transitions: {
            production: {
              checkpoints: [
                {
                  id: 'risk',
                  type: 'approval',
                  groups: ['group:default/model-risk'],
                },
              ],
            },
          },
        },
      },
      waiverGroups: ['group:default/ml-platform'],
    },
  },
});

function policyFor(ownership: Record<string, string[]>) {
  const userInfo = mockServices.userInfo.mock({
    getUserInfo: async credentials => ({
      userEntityRef: (credentials.principal as { userEntityRef: string })
        .userEntityRef,
      ownershipEntityRefs:
        ownership[
          (credentials.principal as { userEntityRef: string }).userEntityRef
        ] ?? [],
    }),
  });
  return MlopsPermissionPolicy.fromConfig(config, userInfo);
}

const user = (ref: string) => ({
  credentials: mockCredentials.user(ref),
  info: { userEntityRef: ref, ownershipEntityRefs: [] },
});

describe('MlopsPermissionPolicy', () => {
  const policy = policyFor({
    'user:default/grace': ['user:default/grace', 'group:default/model-risk'],
    'user:default/hannah': ['user:default/hannah', 'group:default/fraud-ml'],
    'user:default/priya': ['user:default/priya', 'group:default/ml-platform'],
  });

  it('lets only the entity owners request a review', async () => {
    await expect(
      policy.handle(
        { permission: mlopsReviewCreatePermission },
        user('user:default/hannah'),
      ),
    ).resolves.toEqual({
      result: AuthorizeResult.CONDITIONAL,
      pluginId: 'catalog',
      resourceType: 'catalog-entity',
      conditions: {
        rule: 'IS_ENTITY_OWNER',
        resourceType: 'catalog-entity',
        params: {
          claims: ['user:default/hannah', 'group:default/fraud-ml'],
        },
      },
    });
  });

  it('lets the approval checkpoint groups approve, by default', async () => {
    const approve = (ref: string) =>
      policy.handle({ permission: mlopsReviewApprovePermission }, user(ref));
    await expect(approve('user:default/grace')).resolves.toEqual({
      result: AuthorizeResult.ALLOW,
    });
    await expect(approve('user:default/hannah')).resolves.toEqual({
      result: AuthorizeResult.DENY,
    });
  });

  it('lets only the waiver groups waive', async () => {
    const waive = (ref: string) =>
      policy.handle({ permission: mlopsGovernanceWaivePermission }, user(ref));
    await expect(waive('user:default/priya')).resolves.toEqual({
      result: AuthorizeResult.ALLOW,
    });
    await expect(waive('user:default/grace')).resolves.toEqual({
      result: AuthorizeResult.DENY,
    });
  });

  it('shows the audit trail to approvers and to owners of their entities', async () => {
    await expect(
      policy.handle(
        { permission: mlopsAuditReadPermission },
        user('user:default/grace'),
      ),
    ).resolves.toEqual({ result: AuthorizeResult.ALLOW });
    await expect(
      policy.handle(
        { permission: mlopsAuditReadPermission },
        user('user:default/hannah'),
      ),
    ).resolves.toMatchObject({ result: AuthorizeResult.CONDITIONAL });
  });

  it('denies ML permissions without a user and allows the rest of the portal', async () => {
    await expect(
      policy.handle({ permission: mlopsReviewApprovePermission }),
    ).resolves.toEqual({ result: AuthorizeResult.DENY });
    await expect(
      policy.handle({
        permission: {
          type: 'basic',
          name: 'catalog.entity.create',
          attributes: { action: 'create' },
        },
      }),
    ).resolves.toEqual({ result: AuthorizeResult.ALLOW });
  });
});
