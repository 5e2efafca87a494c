import type { Config } from '@backstage/config';
import { InputError } from '@backstage/errors';
import type { CheckpointDefinition } from '@ml-foundation/plugin-mlops-common';
import type { MlopsCheckpointType } from '@ml-foundation/plugin-mlops-node';
import { z } from 'zod';

/** One transition of a policy: the checkpoints a version must pass. */
export interface GovernanceTransition {
  checkpoints: CheckpointDefinition[];
  /** The stage written to SageMaker, e.g. `Production`. */
  stageName: string;
  /** Stage the replaced version is moved to on completion. */
  demoteTo: string;
}

/** A named policy: promotions and rollbacks by lower-case target stage. */
export interface GovernancePolicy {
  name: string;
  transitions: Record<string, GovernanceTransition>;
  rollbacks: Record<string, GovernanceTransition>;
}

/** The `mlops.governance` config, parsed and checked. */
export interface GovernanceConfig {
  policies: Record<string, GovernancePolicy>;
  /** Model entity ref -> policy name. */
  modelPolicies: Record<string, string>;
  /** Policy of models that neither `modelPolicies` nor an annotation name. */
  defaultPolicy: string;
  /** Minutes between re-evaluations of open reviews whose version changed. */
  reevaluationMinutes: number;
}

const checkpointSchema = z
  .object({
    id: z
      .string()
      .regex(/^[a-z0-9][a-z0-9-]*$/, 'must be lower-case letters, digits, -'),
    type: z.string().min(1),
  })
  .passthrough();

const transitionSchema = z
  .object({
    checkpoints: z.array(checkpointSchema),
    stageName: z.string().min(1).optional(),
    demoteTo: z.string().min(1).optional(),
  })
  .strict();

const policySchema = z
  .object({
    transitions: z.record(transitionSchema).default({}),
    rollbacks: z.record(transitionSchema).default({}),
  })
  .strict();

const governanceSchema = z
  .object({
    policies: z.record(policySchema).default({}),
    modelPolicies: z.record(z.string().min(1)).default({}),
    defaultPolicy: z.string().min(1).default('default'),
    reevaluationMinutes: z.number().int().positive().default(5),
    // Read by the portal's permission policy, not by this plugin.
    approverGroups: z.array(z.string()).optional(),
    waiverGroups: z.array(z.string()).optional(),
    auditorGroups: z.array(z.string()).optional(),
  })
  .strict();

const KEY = 'mlops.governance';

function pathOf(path: (string | number)[]): string {
  return path
    .map(part => (typeof part === 'number' ? `[${part}]` : `.${part}`))
    .join('');
}

/** `production` -> `Production`, as the SageMaker console names stages. */
function stageNameOf(stage: string): string {
  return stage.charAt(0).toLocaleUpperCase('en-US') + stage.slice(1);
}

/**
 * Reads `mlops.governance`: its policies with their checkpoints, checked
 * against the known checkpoint types, and which model follows which policy.
 *
 * @throws InputError naming the bad key, e.g.
 * `mlops.governance.policies.default.transitions.production.checkpoints[0].min`.
 */
export function readGovernanceConfig(
  config: Config,
  checkpointTypes: Map<string, MlopsCheckpointType>,
): GovernanceConfig {
  const raw = config.getOptional(KEY) ?? {};
  const parsed = governanceSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new InputError(
      `Invalid config at ${KEY}${pathOf(issue.path)}: ${issue.message}`,
    );
  }
  const {
    policies: rawPolicies,
    approverGroups: _approvers,
    waiverGroups: _waivers,
    auditorGroups: _auditors,
    ...rest
  } = parsed.data;
  const policies: Record<string, GovernancePolicy> = {};
  for (const [name, policy] of Object.entries(rawPolicies)) {
    const read = (kind: 'transitions' | 'rollbacks') =>
      Object.fromEntries(
        Object.entries(policy[kind]).map(([stage, transition]) => {
          const at = `${KEY}.policies.${name}.${kind}.${stage}`;
          if (stage !== stage.toLocaleLowerCase('en-US')) {
            throw new InputError(
              `Invalid config at ${at}: stage keys are lower-case`,
            );
          }
          const ids = new Set<string>();
          transition.checkpoints.forEach((checkpoint, index) => {
            const where = `${at}.checkpoints[${index}]`;
            if (ids.has(checkpoint.id)) {
              throw new InputError(
                `Invalid config at ${where}.id: '${checkpoint.id}' is used twice`,
              );
            }
            ids.add(checkpoint.id);
            const type = checkpointTypes.get(checkpoint.type);
            if (!type) {
              throw new InputError(
                `Invalid config at ${where}.type: unknown checkpoint type '${
                  checkpoint.type
                }'; known: ${[...checkpointTypes.keys()].join(', ')}`,
              );
            }
            try {
              type.validate?.(checkpoint as CheckpointDefinition);
            } catch (error) {
              throw new InputError(
                `Invalid config at ${where}${(error as Error).message}`,
              );
            }
          });
          return [
            stage,
            {
              checkpoints: transition.checkpoints as CheckpointDefinition[],
              stageName: transition.stageName ?? stageNameOf(stage),
              demoteTo: transition.demoteTo ?? 'Archived',
            },
          ];
        }),
      );
    policies[name] = {
      name,
      transitions: read('transitions'),
      rollbacks: read('rollbacks'),
    };
  }
  for (const [model, policy] of Object.entries(rest.modelPolicies)) {
    if (!policies[policy]) {
      throw new InputError(
        `Invalid config at ${KEY}.modelPolicies.${model}: no policy named '${policy}'`,
      );
    }
  }
  if (Object.keys(policies).length > 0 && !policies[rest.defaultPolicy]) {
    throw new InputError(
      `Invalid config at ${KEY}.defaultPolicy: no policy named '${rest.defaultPolicy}'`,
    );
  }
  return { policies, ...rest };
}
