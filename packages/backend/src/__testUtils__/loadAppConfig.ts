import { resolve } from 'node:path';
import { resolvePackagePath } from '@backstage/backend-plugin-api';
import { ConfigSources } from '@backstage/config-loader';
import { Config } from '@backstage/config';

const repoRoot = resolvePackagePath('backend', '../..');

/**
 * The configuration the backend reads from these files of the repository
 * root, merged in order as `--config` flags would merge them. Environment
 * variables (`${POSTGRES_HOST}`) read as placeholders.
 */
export async function loadAppConfig(files: string[]): Promise<Config> {
  const source = ConfigSources.defaultForTargets({
    rootDir: repoRoot,
    targets: files.map(file => ({
      type: 'path',
      target: resolve(repoRoot, file),
    })),
    substitutionFunc: async name => `<${name}>`,
  });
  const config = await ConfigSources.toConfig(source);
  config.close();
  return config;
}
