import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { Review } from '@ml-foundation/plugin-mlops-common';
import scaffolderPlugin from '@backstage/plugin-scaffolder-backend';
import scaffolderModuleGithub from '@backstage/plugin-scaffolder-backend-module-github';
import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { scaffolderModuleMlops } from '../module';

/** The repository's templates/ folder. */
export const TEMPLATES_DIR = path.resolve(__dirname, '../../../../templates');

export type DryRunResult = {
  /** The generated files by path. */
  files: Map<string, Buffer>;
  /** Task log messages. */
  log: string[];
  steps: Array<{ id: string; action: string }>;
};

/**
 * Runs a template of templates/ through the scaffolder backend's dry run, with
 * this module's actions, the given catalog and mlops governance reviews: the
 * same templating, step conditions and dry-run-capable actions as a run from
 * the portal, minus publishing.
 */
export async function dryRunTemplate(options: {
  template: string;
  values: Record<string, unknown>;
  entities?: Entity[];
  reviews?: Review[];
}): Promise<DryRunResult & { status: number }> {
  const dir = path.join(TEMPLATES_DIR, options.template);
  const reviews = options.reviews ?? [];
  const fakeGovernance = createBackendPlugin({
    pluginId: 'mlops',
    register(reg) {
      reg.registerInit({
        deps: { http: coreServices.httpRouter },
        async init({ http }) {
          http.use((req, res, next) => {
            if (req.path === '/governance/reviews') {
              res.json({
                items: reviews.filter(r => r.entityRef === req.query.entityRef),
              });
            } else if (req.path === '/governance/policy') {
              res.json({ name: 'default', transitions: {} });
            } else {
              next();
            }
          });
          http.addAuthPolicy({ path: '/', allow: 'unauthenticated' });
        },
      });
    },
  });
  const { server } = await startTestBackend({
    features: [
      scaffolderPlugin,
      scaffolderModuleMlops,
      // Registers publish:github and publish:github:pull-request, which a dry
      // run skips, so that templates are checked against the production set.
      scaffolderModuleGithub,
      fakeGovernance,
      catalogServiceMock.factory({ entities: options.entities ?? [] }),
      mockServices.rootConfig.factory({
        data: {
          backend: { baseUrl: 'http://localhost:7007' },
          // publish:github:pull-request runs in dry runs too (without calling GitHub) and wants a token.
          integrations: { github: [{ host: 'github.com', token: 'dry-run' }] },
        },
      }),
    ],
  });
  try {
    const response = await fetch(
      `http://localhost:${server.port()}/api/scaffolder/v2/dry-run`,
      {
        method: 'POST',
        headers: {
          'Content-Type': 'application/json',
          Authorization: mockCredentials.user.header(),
        },
        body: JSON.stringify({
          template: parse(
            fs.readFileSync(path.join(dir, 'template.yaml'), 'utf8'),
          ),
          values: options.values,
          directoryContents: listFiles(dir).map(file => ({
            path: file,
            base64Content: fs.readFileSync(path.join(dir, file), 'base64'),
          })),
        }),
      },
    );
    const body = await response.json();
    if (response.status !== 200) {
      throw new Error(
        `Dry run of ${options.template} failed with ${
          response.status
        }: ${JSON.stringify(body.error ?? body)}`,
      );
    }
    return {
      status: response.status,
      files: new Map(
        (body.directoryContents ?? []).map(
          (f: { path: string; base64Content: string }) => [
            f.path,
            Buffer.from(f.base64Content, 'base64'),
          ],
        ),
      ),
      log: (body.log ?? []).map((l: any) => l.body.message as string),
      steps: body.steps ?? [],
    };
  } finally {
    await server.close();
  }
}

function listFiles(dir: string, prefix = ''): string[] {
  return fs
    .readdirSync(path.join(dir, prefix), { withFileTypes: true })
    .flatMap(entry => {
      const relative = path.posix.join(prefix, entry.name);
      return entry.isDirectory() ? listFiles(dir, relative) : [relative];
    });
}

/** Writes the generated files under `dir`, for tools that read a tree. */
export function writeFiles(dir: string, files: Map<string, Buffer>) {
  for (const [file, content] of files) {
    fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    fs.writeFileSync(path.join(dir, file), content);
  }
}
