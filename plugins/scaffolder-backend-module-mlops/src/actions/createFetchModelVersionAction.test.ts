import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import { createFetchModelVersionAction } from './createFetchModelVersionAction';

const version = {
  apiVersion: 'ml-foundation.dev/v1alpha1',
  kind: 'ModelVersion',
  metadata: {
    name: 'churn-model-3',
    annotations: {
      'aws.amazon.com/arn':
        'arn:aws:sagemaker:eu-west-1:123456789012:model-package/churn-model/3',
    },
  },
  spec: {
    model: 'model:default/churn-model',
    version: 3,
    owner: 'group:default/customer-analytics',
    lifecycle: 'production',
    approvalStatus: 'Approved',
    stage: 'Production',
    image: '123.dkr.ecr.eu-west-1.amazonaws.com/xgboost:1.7',
    artifactUri: 's3://models/churn/3/model.tar.gz',
    metrics: [{ name: 'auc', value: 0.91, split: 'validation' }],
  },
};

describe('mlops:model-version:fetch', () => {
  const action = createFetchModelVersionAction({
    catalog: catalogServiceMock({ entities: [version] }),
  });

  it('outputs what a deployment needs of the version', async () => {
    const ctx = createMockActionContext({
      input: { entityRef: 'modelversion:default/churn-model-3' },
    });
    await action.handler(ctx);
    const outputs = Object.fromEntries(
      (ctx.output as jest.Mock).mock.calls.map(([k, v]) => [k, v]),
    );
    expect(outputs).toEqual({
      entityRef: 'modelversion:default/churn-model-3',
      name: 'churn-model-3',
      modelRef: 'model:default/churn-model',
      modelName: 'churn-model',
      version: 3,
      owner: 'group:default/customer-analytics',
      arn: 'arn:aws:sagemaker:eu-west-1:123456789012:model-package/churn-model/3',
      artifactUri: 's3://models/churn/3/model.tar.gz',
      image: '123.dkr.ecr.eu-west-1.amazonaws.com/xgboost:1.7',
      approvalStatus: 'Approved',
      stage: 'Production',
      metrics: [{ name: 'auc', value: 0.91, split: 'validation' }],
    });
  });

  it('gives the same outputs when run again (it only reads)', async () => {
    const first = createMockActionContext({
      input: { entityRef: 'churn-model-3' },
    });
    const second = createMockActionContext({
      input: { entityRef: 'churn-model-3' },
    });
    await action.handler(first);
    await action.handler(second);
    expect((second.output as jest.Mock).mock.calls).toEqual(
      (first.output as jest.Mock).mock.calls,
    );
  });

  it('says so when the version is not in the catalog', async () => {
    await expect(
      action.handler(
        createMockActionContext({
          input: { entityRef: 'modelversion:default/churn-model-9' },
        }),
      ),
    ).rejects.toThrow(
      'ModelVersion modelversion:default/churn-model-9 is not in the catalog',
    );
  });

  it('refuses a reference to another kind', async () => {
    await expect(
      action.handler(
        createMockActionContext({
          input: { entityRef: 'model:default/churn-model' },
        }),
      ),
    ).rejects.toThrow(
      '"model:default/churn-model" is a model, not a ModelVersion',
    );
  });
});
