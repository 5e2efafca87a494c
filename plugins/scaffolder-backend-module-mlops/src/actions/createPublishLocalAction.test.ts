import { createMockDirectory } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import fs from 'node:fs';
import git from 'isomorphic-git';
import path from 'node:path';
import { createRetryingContext } from '../__testUtils__/createRetryingContext';
import { createPublishLocalAction } from './createPublishLocalAction';

describe('mlops:publish:local', () => {
  const root = createMockDirectory();
  const repos = root.resolve('repos');
  const workspacePath = root.resolve('workspace');
  const location = {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Location',
    metadata: { name: 'generated-repos' },
    spec: { type: 'file', target: path.join(repos, '*', 'catalog-info.yaml') },
  };

  beforeEach(() => {
    root.setContent({
      workspace: {
        'catalog-info.yaml': 'kind: Model\n',
        src: { 'train.py': 'print(1)\n' },
      },
    });
  });

  it('commits the workspace to a new local repository and refreshes the catalog location', async () => {
    const catalog = catalogServiceMock.mock({
      getEntities: async () => ({ items: [location] }),
    });
    const action = createPublishLocalAction({ directory: repos, catalog });
    const ctx = createRetryingContext().context({
      // As the templates call it: the scaffolder applies no schema default.
      input: { repoName: 'fraud-detector' },
      workspacePath,
    });
    await action.handler(ctx);
    const dir = path.join(repos, 'fraud-detector');
    const [commit] = await git.log({ fs, dir });
    expect(commit.commit.message).toBe('Initial commit\n');
    expect((await git.listFiles({ fs, dir, ref: 'main' })).sort()).toEqual([
      'catalog-info.yaml',
      'src/train.py',
    ]);
    expect(ctx.output).toHaveBeenCalledWith(
      'catalogInfoUrl',
      `file://${dir}/catalog-info.yaml`,
    );
    expect(catalog.refreshEntity).toHaveBeenCalledWith(
      'location:default/generated-repos',
      expect.anything(),
    );
  });

  it('publishes once under retry and refuses to overwrite another repository', async () => {
    const action = createPublishLocalAction({
      directory: repos,
      catalog: catalogServiceMock(),
    });
    const retrying = createRetryingContext();
    const input = {
      repoName: 'fraud-detector',
      defaultBranch: 'main',
      commitMessage: 'Initial commit',
    };
    await action.handler(retrying.context({ input, workspacePath }));
    await action.handler(retrying.context({ input, workspacePath }));
    const dir = path.join(repos, 'fraud-detector');
    expect(await git.log({ fs, dir })).toHaveLength(1);
    await expect(
      action.handler(createRetryingContext().context({ input, workspacePath })),
    ).rejects.toThrow(
      `A repository named fraud-detector exists already in ${repos}`,
    );
  });

  it('refuses to run where the config has no local publisher', async () => {
    const action = createPublishLocalAction({
      directory: undefined,
      catalog: catalogServiceMock(),
    });
    await expect(
      action.handler(
        createRetryingContext().context({
          input: { repoName: 'x', defaultBranch: 'main', commitMessage: 'c' },
          workspacePath,
        }),
      ),
    ).rejects.toThrow(/mlops:publish:local is for the demo/);
  });
});
