import { mockServices } from '@backstage/backend-test-utils';
import { applyFullMutationSafely } from './applyFullMutationSafely';

const entity = (name: string) => ({
  apiVersion: 'ml-foundation.dev/v1alpha1',
  kind: 'Dataset',
  metadata: { name },
  spec: {},
});
const entities = (n: number, from = 0) =>
  Array.from({ length: n }, (_, i) => entity(`d${from + i}`));
const refs = (n: number) =>
  Array.from({ length: n }, (_, i) => `dataset:default/d${i}`);

describe('applyFullMutationSafely', () => {
  const logger = mockServices.logger.mock();
  const connection = { applyMutation: jest.fn(), refresh: jest.fn() };

  beforeEach(() => jest.clearAllMocks());

  it('replaces the entities of the provider with a full mutation', async () => {
    await expect(
      applyFullMutationSafely({
        connection,
        entities: entities(6),
        previousEntityRefs: refs(10),
        maxRemovalShare: 0.5,
        logger,
        locationKey: 'aws-glue:eu',
      }),
    ).resolves.toBe('applied');
    expect(connection.applyMutation).toHaveBeenCalledWith({
      type: 'full',
      entities: entities(6).map(e => ({
        entity: e,
        locationKey: 'aws-glue:eu',
      })),
    });
  });

  it('refuses a sync that would remove more than the allowed share, and says how to allow it', async () => {
    await expect(
      applyFullMutationSafely({
        connection,
        entities: entities(4),
        previousEntityRefs: refs(10),
        maxRemovalShare: 0.5,
        logger,
      }),
    ).resolves.toBe('refused');
    expect(connection.applyMutation).not.toHaveBeenCalled();
    expect(logger.error).toHaveBeenCalledWith(
      'Refused to apply a sync that would remove 6 of 10 entities (60%, more than the allowed 50%); the catalog keeps its entities. If the removal is intended, raise maxRemovalShare for this provider.',
    );
  });

  it('refuses replacing most entities with others, though the count stays', async () => {
    await expect(
      applyFullMutationSafely({
        connection,
        // d0..d3 stay, d4..d9 are gone, and six new ones come.
        entities: [...entities(4), ...entities(6, 100)],
        previousEntityRefs: refs(10),
        maxRemovalShare: 0.5,
        logger,
      }),
    ).resolves.toBe('refused');
    expect(connection.applyMutation).not.toHaveBeenCalled();
    await expect(
      applyFullMutationSafely({
        connection,
        entities: [...entities(5), ...entities(5, 100)],
        previousEntityRefs: refs(10),
        maxRemovalShare: 0.5,
        logger,
      }),
    ).resolves.toBe('applied');
  });

  it('applies the first sync, and an empty scope when allowed to remove everything', async () => {
    await applyFullMutationSafely({
      connection,
      entities: entities(3),
      previousEntityRefs: [],
      maxRemovalShare: 0,
      logger,
    });
    await applyFullMutationSafely({
      connection,
      entities: [],
      previousEntityRefs: refs(3),
      maxRemovalShare: 1,
      logger,
    });
    expect(connection.applyMutation).toHaveBeenCalledTimes(2);
  });
});
