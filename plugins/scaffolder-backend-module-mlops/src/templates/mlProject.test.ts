import { createMockDirectory } from '@backstage/backend-test-utils';
import { validateMlEntity } from '@ml-foundation/plugin-mlops-common';
import { execFileSync, spawnSync } from 'node:child_process';
import { parse, parseAllDocuments } from 'yaml';
import { dryRunTemplate, writeFiles } from '../__testUtils__/dryRunTemplate';

const values = {
  name: 'fraud-detector',
  description: 'Scores card payments for fraud',
  owner: 'group:default/risk',
  system: 'system:default/payments',
  problemType: 'BinaryClassification',
  algorithm: 'xgboost',
  trainingData: [
    'dataset:default/card-transactions',
    'featuregroup:default/customer-features',
  ],
  targetColumn: 'is_fraud',
  objectiveMetric: 'auc',
  threshold: 0.85,
  instanceType: 'ml.m5.xlarge',
  schedule: '0 3 * * 1',
  publishTo: 'local',
};

describe('template ml-project', () => {
  const out = createMockDirectory();

  it.each(['xgboost', 'sklearn', 'pytorch'])(
    'generates a %s project whose Python compiles and whose preprocessing tests pass',
    async algorithm => {
      const result = await dryRunTemplate({
        template: 'ml-project',
        values: { ...values, algorithm },
      });
      expect(result.status).toBe(200);
      out.clear();
      writeFiles(out.path, result.files);
      const python = [...result.files.keys()].filter(f => f.endsWith('.py'));
      expect(python).toEqual(
        expect.arrayContaining([
          'mlcode/features.py',
          'mlcode/preprocess.py',
          'mlcode/train.py',
          'mlcode/evaluate.py',
          'mlcode/inference.py',
          'pipeline/pipeline.py',
          'tests/test_preprocess.py',
        ]),
      );
      execFileSync('python3', ['-m', 'py_compile', ...python], {
        cwd: out.path,
        env: { ...process.env, PYTHONDONTWRITEBYTECODE: '1' },
      });
      const tests = spawnSync(
        'python3',
        ['-m', 'unittest', 'discover', '-s', 'tests', '-t', '.'],
        { cwd: out.path, encoding: 'utf8' },
      );
      expect(tests.stderr).toMatch(/^Ran 10 tests in .*\n\nOK\n$/m);
      expect(tests.status).toBe(0);
    },
  );

  it('declares the Model and its pipeline with the training data, and registers for manual approval', async () => {
    const result = await dryRunTemplate({ template: 'ml-project', values });
    expect(result.status).toBe(200);
    const catalogInfo = result.files.get('catalog-info.yaml')!.toString();
    const [model, pipeline] = parseAllDocuments(catalogInfo).map(d => d.toJS());
    validateMlEntity(model);
    expect(model).toMatchObject({
      kind: 'Model',
      metadata: { name: 'fraud-detector' },
      spec: {
        owner: 'group:default/risk',
        system: 'system:default/payments',
        problemType: 'BinaryClassification',
      },
    });
    expect(pipeline).toMatchObject({
      kind: 'Component',
      spec: {
        consumes: values.trainingData,
        dependencyOf: ['model:default/fraud-detector'],
      },
    });
    // The template's own validation step ran in the dry run.
    expect(result.log.join('\n')).toContain(
      'Valid: model:default/fraud-detector, component:default/fraud-detector-pipeline',
    );
    const pipelineCode = result.files.get('pipeline/pipeline.py')!.toString();
    expect(pipelineCode).toContain('MODEL_PACKAGE_GROUP = "fraud-detector"');
    expect(pipelineCode).toContain('approval_status="PendingManualApproval"');
    expect(pipelineCode).toContain(
      'ConditionGreaterThanOrEqualTo as MetricCondition',
    );
    expect(pipelineCode).toContain('default_value=0.85');
    const features = result.files.get('mlcode/features.py')!.toString();
    expect(features).toContain('TARGET_COLUMN = "is_fraud"');
    // One feature module, used by both preprocessing and inference.
    expect(result.files.get('mlcode/preprocess.py')!.toString()).toContain(
      'from mlcode.features import',
    );
    expect(result.files.get('mlcode/inference.py')!.toString()).toContain(
      'from mlcode.features import to_features',
    );
  });

  it('writes TechDocs and a CI workflow that parse, with the retraining schedule', async () => {
    const result = await dryRunTemplate({
      template: 'ml-project',
      values: { ...values, objectiveMetric: 'rmse', problemType: 'Regression' },
    });
    const mkdocs = parse(result.files.get('mkdocs.yml')!.toString());
    expect(mkdocs.site_name).toBe('fraud-detector');
    for (const page of mkdocs.nav.map((p: object) => Object.values(p)[0])) {
      expect(result.files.has(`docs/${page}`)).toBe(true);
    }
    const ci = parse(result.files.get('.github/workflows/ci.yml')!.toString());
    expect(ci.on.schedule).toEqual([{ cron: '0 3 * * 1' }]);
    expect(ci.jobs.pipeline.steps[2].with['role-to-assume']).toBe(
      '${{ secrets.AWS_DEPLOY_ROLE_ARN }}',
    );
    expect(result.files.get('pipeline/pipeline.py')!.toString()).toContain(
      'ConditionLessThanOrEqualTo as MetricCondition',
    );
  });
});
