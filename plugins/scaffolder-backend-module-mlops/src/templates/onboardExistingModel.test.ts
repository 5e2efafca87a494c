import { createMockDirectory } from '@backstage/backend-test-utils';
import { validateMlEntity } from '@ml-foundation/plugin-mlops-common';
import { ChildProcess, execFileSync, spawn } from 'node:child_process';
import { once } from 'node:events';
import path from 'node:path';
import { parse } from 'yaml';
import { dryRunTemplate, writeFiles } from '../__testUtils__/dryRunTemplate';

const values = {
  name: 'legacy-churn',
  description: 'The churn model the CRM team trained in 2021',
  owner: 'group:default/customer-analytics',
  lifecycle: 'production',
  problemType: 'BinaryClassification',
  runtime: 'python-pickle',
  artifactUri: 's3://models/legacy-churn/model.tar.gz',
  modelFile: 'model.pkl',
  pythonRequirements: ['scikit-learn==1.3.2'],
  publishTo: 'local',
};

describe('template onboard-existing-model', () => {
  const out = createMockDirectory();
  let server: ChildProcess | undefined;
  afterEach(() => server?.kill());

  it('serves a pickled Python model on /ping and /invocations, and registers it', async () => {
    const result = await dryRunTemplate({
      template: 'onboard-existing-model',
      values,
    });
    out.clear();
    writeFiles(out.path, result.files);
    expect([...result.files.keys()].sort()).toEqual([
      '.github/workflows/build.yml',
      'Dockerfile',
      'README.md',
      'catalog-info.yaml',
      'register_model_package.py',
      'requirements.txt',
      'serve',
    ]);
    expect(result.files.get('Dockerfile')!.toString()).toMatch(
      /FROM python:3.11-slim[\s\S]*EXPOSE 8080\nENTRYPOINT \["serve"\]/,
    );
    expect(result.files.get('requirements.txt')!.toString().trim()).toBe(
      'scikit-learn==1.3.2',
    );
    execFileSync(
      'python3',
      ['-m', 'py_compile', 'serve', 'register_model_package.py'],
      { cwd: out.path, env: { ...process.env, PYTHONDONTWRITEBYTECODE: '1' } },
    );
    expect(result.files.get('register_model_package.py')!.toString()).toContain(
      'ModelApprovalStatus="PendingManualApproval"',
    );

    // A "model" that pickles by reference and needs no library: len().
    const modelPath = path.join(out.path, 'model.pkl');
    execFileSync('python3', [
      '-c',
      `import pickle; pickle.dump(len, open(${JSON.stringify(
        modelPath,
      )}, "wb"))`,
    ]);
    const port = 18000 + Math.floor(Math.random() * 1000);
    server = spawn('python3', [path.join(out.path, 'serve')], {
      env: {
        ...process.env,
        MODEL_PATH: modelPath,
        SAGEMAKER_BIND_TO_PORT: String(port),
      },
    });
    await once(server.stdout!, 'data');
    const base = `http://127.0.0.1:${port}`;
    expect((await fetch(`${base}/ping`)).status).toBe(200);
    const json = await fetch(`${base}/invocations`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ instances: [[1, 2, 3], [4]] }),
    });
    expect(await json.json()).toEqual({ predictions: [3, 1] });
    const csv = await fetch(`${base}/invocations`, {
      method: 'POST',
      headers: { 'Content-Type': 'text/csv' },
      body: '1,2\n3,4,5\n',
    });
    expect(await csv.json()).toEqual({ predictions: [2, 3] });
    const xml = await fetch(`${base}/invocations`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/xml' },
      body: '<x/>',
    });
    expect(xml.status).toBe(415);

    const model = parse(result.files.get('catalog-info.yaml')!.toString());
    validateMlEntity(model);
    expect(model).toMatchObject({
      kind: 'Model',
      metadata: { name: 'legacy-churn', tags: ['onboarded', 'python-pickle'] },
      spec: {
        owner: 'group:default/customer-analytics',
        lifecycle: 'production',
      },
    });
  });

  it('serves an R model with plumber', async () => {
    const result = await dryRunTemplate({
      template: 'onboard-existing-model',
      values: { ...values, runtime: 'r-plumber', modelFile: 'model.rds' },
    });
    expect(result.files.has('requirements.txt')).toBe(false);
    const plumber = result.files.get('plumber.R')!.toString();
    expect(plumber).toContain('#* @get /ping');
    expect(plumber).toContain('#* @post /invocations');
    expect(plumber).toContain('/opt/ml/model/model.rds');
    const serve = result.files.get('serve')!.toString();
    expect(serve).toMatch(/^#!\/bin\/sh\n/);
    expect(serve).toContain("'8080'");
    expect(result.files.get('Dockerfile')!.toString()).toContain(
      'FROM rocker/r-ver',
    );
    validateMlEntity(parse(result.files.get('catalog-info.yaml')!.toString()));
  });
});
