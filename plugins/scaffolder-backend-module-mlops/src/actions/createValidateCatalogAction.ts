import {
  Entity,
  entityEnvelopeSchemaValidator,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { resolveSafeChildPath } from '@backstage/backend-plugin-api';
import { InputError } from '@backstage/errors';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import {
  isMlEntity,
  validateMlEntity,
} from '@ml-foundation/plugin-mlops-common';
import fs from 'node:fs';
import { parseAllDocuments } from 'yaml';

const validateEnvelope = entityEnvelopeSchemaValidator();

/**
 * `mlops:catalog:validate`: checks the catalog-info files a template
 * generated against the ML kinds' schemas before anything is published, so
 * an error shows in the task log instead of as an unprocessed entity later.
 */
export function createValidateCatalogAction() {
  return createTemplateAction({
    id: 'mlops:catalog:validate',
    description:
      'Validates generated catalog-info files against the ML Foundation kinds (Dataset, FeatureGroup, Model, ModelVersion, ModelDeployment) and the entity envelope.',
    supportsDryRun: true,
    examples: [
      {
        description: 'Validate the generated catalog-info.yaml',
        example: [
          'steps:',
          '  - id: validate',
          '    action: mlops:catalog:validate',
          '    input:',
          '      filePaths: [catalog-info.yaml]',
        ].join('\n'),
      },
    ],
    schema: {
      input: {
        filePaths: z =>
          z
            .array(z.string().min(1))
            .min(1)
            .optional()
            .describe(
              'Files in the workspace, each with one or more entities. Default: catalog-info.yaml (the scaffolder applies no schema default, the handler does)',
            ),
      },
      output: {
        entityRefs: z =>
          z.array(z.string()).describe('The entities found, all valid'),
      },
    },
    async handler(ctx) {
      const problems: string[] = [];
      const refs: string[] = [];
      for (const filePath of ctx.input.filePaths ?? ['catalog-info.yaml']) {
        const fullPath = resolveSafeChildPath(ctx.workspacePath, filePath);
        if (!fs.existsSync(fullPath)) {
          problems.push(`${filePath}: no such file in the workspace`);
          continue;
        }
        const documents = parseAllDocuments(
          await fs.promises.readFile(fullPath, 'utf8'),
        );
        for (const [index, document] of documents.entries()) {
          const where = `${filePath} (document ${index + 1})`;
          if (document.errors.length) {
            problems.push(`${where}: ${document.errors[0].message}`);
            continue;
          }
          const entity = document.toJS() as Entity | null;
          if (entity === null) continue;
          try {
            validateEnvelope(entity);
            if (isMlEntity(entity)) validateMlEntity(entity);
            refs.push(stringifyEntityRef(entity));
          } catch (error) {
            problems.push(`${where}: ${(error as Error).message}`);
          }
        }
      }
      if (problems.length) {
        throw new InputError(
          `Generated catalog files are not valid:\n${problems
            .map(p => `  - ${p}`)
            .join('\n')}`,
        );
      }
      ctx.logger.info(`Valid: ${refs.join(', ')}`);
      ctx.output('entityRefs', refs);
    },
  });
}
