import { ConfigReader } from '@backstage/config';
import { createCheckpointTypeRegistry } from '../createCheckpointTypeRegistry';
import { readGovernanceConfig } from './readGovernanceConfig';

const { types } = createCheckpointTypeRegistry();
const read = (governance: unknown) =>
  readGovernanceConfig(
    new ConfigReader({ mlops: { governance } } as any),
    types,
  );

const production = (checkpoints: unknown[]) => ({
  policies: { default: { transitions: { production: { checkpoints } } } },
});

describe('readGovernanceConfig', () => {
  it('reads policies, stage names and model policies', () => {
    const config = read({
      policies: {
        default: production([
          { id: 'q', type: 'metric-threshold', metric: 'auc', min: 0.8 },
        ]).policies.default,
        strict: { rollbacks: { production: { checkpoints: [] } } },
      },
      modelPolicies: { 'model:default/credit-risk': 'strict' },
    });
    expect(config.policies.default.transitions.production).toMatchObject({
      stageName: 'Production',
      demoteTo: 'Archived',
    });
    expect(config.policies.strict.rollbacks.production.checkpoints).toEqual([]);
    expect(config.modelPolicies).toEqual({
      'model:default/credit-risk': 'strict',
    });
    expect(config.defaultPolicy).toBe('default');
  });

  it('is empty without config', () => {
    expect(read(undefined).policies).toEqual({});
  });

  it.each([
    [
      production([
        { id: 'q', type: 'metric-threshold', metric: 'auc', min: 'high' },
      ]),
      'mlops.governance.policies.default.transitions.production.checkpoints[0].min',
    ],
    [
      production([{ id: 'q', type: 'metric-threshold', metric: 'auc' }]),
      'checkpoints[0].min: needs min or max',
    ],
    [
      production([{ id: 'q', type: 'nonsense' }]),
      "checkpoints[0].type: unknown checkpoint type 'nonsense'",
    ],
    [
      production([
        { id: 'a', type: 'lineage-complete' },
        { id: 'a', type: 'lineage-complete' },
      ]),
      "checkpoints[1].id: 'a' is used twice",
    ],
    [
      production([{ id: 'a', type: 'approval', groups: ['user:default/x'] }]),
      'checkpoints[0].groups.0: must be group entity refs',
    ],
    [
      production([{ id: 'a', type: 'report-present', report: 'vibes' }]),
      'checkpoints[0].report',
    ],
    [
      { ...production([]), modelPolicies: { 'model:default/x': 'strict' } },
      "mlops.governance.modelPolicies.model:default/x: no policy named 'strict'",
    ],
    [
      { policies: { other: { transitions: {} } } },
      "mlops.governance.defaultPolicy: no policy named 'default'",
    ],
    [
      { policies: { default: { stages: {} } } },
      'mlops.governance.policies.default',
    ],
  ])('names the bad key (%#)', (governance, message) => {
    expect(() => read(governance)).toThrow(message);
  });
});
