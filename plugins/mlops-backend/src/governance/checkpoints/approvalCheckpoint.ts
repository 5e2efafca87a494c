import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import type { MlopsCheckpointType } from '@ml-foundation/plugin-mlops-node';
import { z } from 'zod';
import { validateCheckpointSettings } from './validateCheckpointSettings';

const groupRef = z.string().refine(
  ref => {
    try {
      return parseEntityRef(ref).kind.toLocaleLowerCase('en-US') === 'group';
    } catch {
      return false;
    }
  },
  { message: 'must be group entity refs, e.g. group:default/model-risk' },
);

const settings = z
  .object({
    groups: z.array(groupRef).min(1),
    minApprovals: z.number().int().min(1).default(1),
  })
  .passthrough();

/** The approval checkpoint's settings, for the decision rules. */
export function approvalSettings(
  definition: Parameters<NonNullable<MlopsCheckpointType['validate']>>[0],
): { groups: string[]; minApprovals: number } {
  const { groups, minApprovals } = validateCheckpointSettings(
    settings,
    definition,
  );
  return {
    groups: groups.map(g => stringifyEntityRef(parseEntityRef(g))),
    minApprovals,
  };
}

/**
 * Human sign-off: at least `minApprovals` distinct members of `groups`
 * approved. Only members count, each once; the requester never counts (the
 * service also refuses their decision, see the separation-of-duties rules).
 */
export const approvalCheckpoint: MlopsCheckpointType = {
  type: 'approval',
  validate: definition => {
    approvalSettings(definition);
  },
  async evaluate({ definition, decisions, requestedBy, isGroupMember }) {
    const { groups, minApprovals } = approvalSettings(definition);
    const approvers = [
      ...new Set(
        decisions
          .filter(d => d.decision === 'approve' && d.actor !== requestedBy)
          .map(d => d.actor),
      ),
    ];
    const counted: string[] = [];
    for (const actor of approvers) {
      const member = await Promise.all(
        groups.map(g => isGroupMember(actor, g)),
      );
      if (member.some(Boolean)) {
        counted.push(actor);
      }
    }
    const evidence = { groups, minApprovals, approvedBy: counted };
    return counted.length >= minApprovals
      ? {
          state: 'passed',
          message: `Approved by ${counted.join(', ')}`,
          evidence,
        }
      : {
          state: 'pending',
          message: `${
            counted.length
          } of ${minApprovals} approvals from ${groups.join(', ')}`,
          evidence,
        };
  },
};
