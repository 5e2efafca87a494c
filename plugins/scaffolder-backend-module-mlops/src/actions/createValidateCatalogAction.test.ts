import { createMockDirectory } from '@backstage/backend-test-utils';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import { createValidateCatalogAction } from './createValidateCatalogAction';

const model = `apiVersion: ml-foundation.dev/v1alpha1
kind: Model
metadata:
  name: fraud-detector
spec:
  owner: group:default/risk
  lifecycle: experimental
---
apiVersion: backstage.io/v1alpha1
kind: Component
metadata:
  name: fraud-detector-pipeline
spec:
  type: service
  owner: group:default/risk
  lifecycle: experimental
`;

describe('mlops:catalog:validate', () => {
  const workspace = createMockDirectory();
  const action = createValidateCatalogAction();
  const run = (filePaths?: string[]) => {
    const ctx = createMockActionContext({
      input: filePaths ? { filePaths } : {},
      workspacePath: workspace.path,
    });
    return action.handler(ctx).then(() => ctx);
  };

  it('accepts valid ML and standard entities, again on a second run', async () => {
    workspace.setContent({ 'catalog-info.yaml': model });
    for (let i = 0; i < 2; i++) {
      // catalog-info.yaml by default.
      const ctx = await run();
      expect(ctx.output).toHaveBeenCalledWith('entityRefs', [
        'model:default/fraud-detector',
        'component:default/fraud-detector-pipeline',
      ]);
    }
  });

  it('lists every invalid entity and missing file', async () => {
    workspace.setContent({
      'catalog-info.yaml': model.replace(
        '  lifecycle: experimental\n---',
        '---',
      ),
      'deployment.yaml': 'kind: ModelDeployment\nmetadata: {name: x}\n',
    });
    const error = await run([
      'catalog-info.yaml',
      'deployment.yaml',
      'missing.yaml',
    ]).catch(e => e);
    expect(error.name).toBe('InputError');
    expect(error.message).toMatch(
      /^Generated catalog files are not valid:\n {2}- catalog-info.yaml \(document 1\): .*lifecycle/,
    );
    expect(error.message).toContain('  - deployment.yaml (document 1): ');
    expect(error.message).toContain(
      '  - missing.yaml: no such file in the workspace',
    );
  });

  it('refuses a path outside the workspace', async () => {
    await expect(run(['../etc/passwd'])).rejects.toThrow(/outside its parent/);
  });
});
