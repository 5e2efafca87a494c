import { resolveSafeChildPath } from '@backstage/backend-plugin-api';
import { InputError } from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  ActionContext,
  createTemplateAction,
} from '@backstage/plugin-scaffolder-node';
import fs from 'node:fs';
import git from 'isomorphic-git';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

/**
 * `mlops:publish:local`, for the demo only: publishes the workspace as a
 * git repository in a local folder, where a catalog file location with a
 * glob picks up its catalog-info.yaml (a demo has no git host, and
 * `catalog:register` takes only URL locations).
 *
 * @param options.directory - where repositories go; undefined when the
 * config has no local publisher, which makes the action refuse to run.
 */
export function createPublishLocalAction(options: {
  directory: string | undefined;
  catalog: CatalogService;
}) {
  return createTemplateAction({
    id: 'mlops:publish:local',
    description:
      'Demo only: writes the workspace to a local git repository (mlops.scaffolder.localPublisher.directory) that the catalog reads.',
    examples: [
      {
        description: 'Publish the generated project locally',
        example: [
          'steps:',
          '  - id: publish',
          '    action: mlops:publish:local',
          '    input:',
          '      repoName: ${{ parameters.name }}',
        ].join('\n'),
      },
    ],
    schema: {
      input: {
        repoName: z =>
          z
            .string()
            .regex(
              /^[a-z0-9][a-z0-9._-]*$/i,
              'must be letters, digits, dots, underscores or hyphens',
            ),
        sourcePath: z =>
          z
            .string()
            .optional()
            .describe('Subdirectory of the workspace to publish'),
        // The scaffolder validates input against the JSON schema without
        // applying defaults, so the handler applies them.
        defaultBranch: z => z.string().optional().describe('Default: main'),
        commitMessage: z =>
          z.string().optional().describe('Default: Initial commit'),
      },
      output: {
        remoteUrl: z => z.string().describe('file:// URL of the repository'),
        repoContentsUrl: z => z.string(),
        catalogInfoUrl: z => z.string(),
        commitHash: z => z.string(),
      },
    },
    async handler(ctx) {
      if (!options.directory) {
        throw new InputError(
          'mlops:publish:local is for the demo: set mlops.scaffolder.localPublisher.directory, or publish to a git host',
        );
      }
      const dir = path.join(
        path.resolve(options.directory),
        ctx.input.repoName,
      );
      const source = ctx.input.sourcePath
        ? resolveSafeChildPath(ctx.workspacePath, ctx.input.sourcePath)
        : ctx.workspacePath;
      const commitHash = await ctx.checkpoint({
        key: `publish-local-${ctx.input.repoName}`,
        fn: async () => {
          if (fs.existsSync(path.join(dir, '.git'))) {
            throw new InputError(
              `A repository named ${ctx.input.repoName} exists already in ${options.directory}`,
            );
          }
          await fs.promises.cp(source, dir, { recursive: true });
          await git.init({
            fs,
            dir,
            defaultBranch: ctx.input.defaultBranch ?? 'main',
          });
          const files = await git.statusMatrix({ fs, dir });
          for (const [filepath] of files) {
            await git.add({ fs, dir, filepath });
          }
          const author = {
            name: ctx.user?.entity?.metadata.name ?? 'Scaffolder',
            email:
              (ctx.user?.entity?.spec?.profile as { email?: string })?.email ??
              'scaffolder@localhost',
          };
          return git.commit({
            fs,
            dir,
            message: ctx.input.commitMessage ?? 'Initial commit',
            author,
          });
        },
      });
      const repoUrl = pathToFileURL(dir).toString();
      ctx.output('remoteUrl', repoUrl);
      ctx.output('repoContentsUrl', repoUrl);
      ctx.output('catalogInfoUrl', `${repoUrl}/catalog-info.yaml`);
      ctx.output('commitHash', commitHash);
      await refreshCatalogLocation(options.catalog, dir, ctx);
    },
  });
}

/**
 * Asks the catalog to read the file location that covers the new repository
 * now rather than at its next processing round.
 */
async function refreshCatalogLocation(
  catalog: CatalogService,
  dir: string,
  ctx: Pick<ActionContext<{}>, 'getInitiatorCredentials' | 'logger'>,
) {
  const credentials = await ctx.getInitiatorCredentials();
  const { items } = await catalog.getEntities(
    { filter: { kind: 'Location', 'spec.type': 'file' } },
    { credentials },
  );
  // The demo config's location: `<directory>/*/catalog-info.yaml`.
  const glob = path.join(path.dirname(dir), '*', 'catalog-info.yaml');
  const covering = items.filter(location => location.spec?.target === glob);
  for (const location of covering) {
    await catalog.refreshEntity(`location:default/${location.metadata.name}`, {
      credentials,
    });
  }
  if (!covering.length) {
    ctx.logger.info(
      `No catalog file location covers ${dir}/catalog-info.yaml; add one to see it in the catalog`,
    );
  }
}
