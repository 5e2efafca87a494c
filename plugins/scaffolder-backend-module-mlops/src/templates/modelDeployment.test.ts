import { validateMlEntity } from '@ml-foundation/plugin-mlops-common';
import { App } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { parse } from 'yaml';
import { productionReview } from '../__testUtils__/startFakeMlopsBackend';
import { dryRunTemplate, writeFiles } from '../__testUtils__/dryRunTemplate';

const version = (n: number) => ({
  apiVersion: 'ml-foundation.dev/v1alpha1',
  kind: 'ModelVersion',
  metadata: {
    name: `churn-model-${n}`,
    annotations: {
      'aws.amazon.com/arn': `arn:aws:sagemaker:eu-west-1:123456789012:model-package/churn-model/${n}`,
    },
  },
  spec: {
    model: 'model:default/churn-model',
    version: n,
    owner: 'group:default/customer-analytics',
    lifecycle: 'production',
    system: 'system:default/customer-retention',
    approvalStatus: 'Approved',
  },
});
const entities = [version(3), version(4)];
const completed = (n: number) =>
  productionReview({
    id: `review-${n}`,
    entityRef: `modelversion:default/churn-model-${n}`,
    state: 'completed',
  });

const values = {
  modelVersion: 'modelversion:default/churn-model-3',
  stage: 'production',
  name: 'churn-scoring',
  type: 'realtime-endpoint',
  instanceType: 'ml.m5.xlarge',
  instanceCount: 2,
  minInstances: 2,
  maxInstances: 6,
  dataCapturePercentage: 25,
  monitoring: true,
  challengerWeight: 10,
  batchInputUri: '',
  batchOutputUri: '',
  publishTo: 'local',
};

// Inside the package, so that the generated app resolves aws-cdk-lib.
const RENDER_DIR = path.resolve(__dirname, '../../.render');

/** Type-checks the generated CDK app with its own tsconfig.json. */
function typeCheck(id: string): string[] {
  const dir = path.join(RENDER_DIR, id);
  const { config } = ts.readConfigFile(
    path.join(dir, 'tsconfig.json'),
    ts.sys.readFile,
  );
  const parsed = ts.parseJsonConfigFileContent(
    {
      ...config,
      compilerOptions: { ...config.compilerOptions, types: ['node'] },
    },
    ts.sys,
    dir,
  );
  const program = ts.createProgram(parsed.fileNames, parsed.options);
  return ts
    .getPreEmitDiagnostics(program)
    .map(d => ts.flattenDiagnosticMessageText(d.messageText, '\n'));
}

/** Synthesises the generated CDK app in-process, offline. */
function synth(files: Map<string, Buffer>, id: string) {
  const dir = path.join(RENDER_DIR, id);
  fs.rmSync(dir, { recursive: true, force: true });
  writeFiles(dir, files);
  const { DeploymentStack } = require(path.join(dir, 'lib/deploymentStack.ts'));
  const config = JSON.parse(files.get('deployment.json')!.toString());
  const stack = new DeploymentStack(new App(), 'test', config, {
    env: { account: '123456789012', region: 'eu-west-1' },
  });
  return Template.fromStack(stack);
}

describe('template model-deployment', () => {
  afterAll(() => fs.rmSync(RENDER_DIR, { recursive: true, force: true }));

  it('packages an approved version as an A/B real-time endpoint with capture, autoscaling and monitoring', async () => {
    const result = await dryRunTemplate({
      template: 'model-deployment',
      values: {
        ...values,
        challengerVersion: 'modelversion:default/churn-model-4',
      },
      entities,
      reviews: [completed(3), completed(4)],
    });
    const template = synth(result.files, 'realtime');
    expect(typeCheck('realtime')).toEqual([]);
    template.resourceCountIs('AWS::SageMaker::Model', 2);
    template.hasResourceProperties('AWS::SageMaker::Model', {
      PrimaryContainer: {
        ModelPackageName:
          'arn:aws:sagemaker:eu-west-1:123456789012:model-package/churn-model/3',
      },
    });
    template.hasResourceProperties('AWS::SageMaker::EndpointConfig', {
      ProductionVariants: [
        Match.objectLike({
          VariantName: 'primary',
          InitialVariantWeight: 90,
          InitialInstanceCount: 2,
          InstanceType: 'ml.m5.xlarge',
        }),
        Match.objectLike({
          VariantName: 'challenger',
          InitialVariantWeight: 10,
        }),
      ],
      DataCaptureConfig: Match.objectLike({
        EnableCapture: true,
        InitialSamplingPercentage: 25,
      }),
    });
    template.hasResourceProperties('AWS::SageMaker::Endpoint', {
      EndpointName: 'churn-scoring',
    });
    template.resourceCountIs('AWS::ApplicationAutoScaling::ScalableTarget', 2);
    template.hasResourceProperties(
      'AWS::ApplicationAutoScaling::ScalableTarget',
      {
        ResourceId: 'endpoint/churn-scoring/variant/primary',
        MinCapacity: 2,
        MaxCapacity: 6,
      },
    );
    template.hasResourceProperties(
      'AWS::ApplicationAutoScaling::ScalingPolicy',
      {
        TargetTrackingScalingPolicyConfiguration: Match.objectLike({
          PredefinedMetricSpecification: {
            PredefinedMetricType: 'SageMakerVariantInvocationsPerInstance',
          },
        }),
      },
    );
    template.resourceCountIs('AWS::SageMaker::DataQualityJobDefinition', 1);
    template.hasResourceProperties('AWS::SageMaker::MonitoringSchedule', {
      MonitoringScheduleName: 'churn-scoring-data-quality',
      MonitoringScheduleConfig: Match.objectLike({
        MonitoringJobDefinitionName: 'churn-scoring-data-quality',
        MonitoringType: 'DataQuality',
        ScheduleConfig: { ScheduleExpression: 'cron(0 * ? * * *)' },
      }),
    });

    const deployment = parse(result.files.get('catalog-info.yaml')!.toString());
    validateMlEntity(deployment);
    expect(deployment.spec).toMatchObject({
      type: 'realtime-endpoint',
      owner: 'group:default/customer-analytics',
      lifecycle: 'production',
      system: 'system:default/customer-retention',
      variants: [
        {
          name: 'primary',
          modelVersion: 'modelversion:default/churn-model-3',
          weight: 90,
        },
        {
          name: 'challenger',
          modelVersion: 'modelversion:default/churn-model-4',
          weight: 10,
        },
      ],
    });
    const workflow = parse(
      result.files.get('.github/workflows/deploy.yml')!.toString(),
    );
    expect(workflow.jobs.deploy.environment).toBe('production');
    expect(workflow.jobs.deploy.steps.map((s: any) => s.run)).toContain(
      'npx cdk deploy --require-approval never',
    );
  });

  it('packages a serverless endpoint without autoscaling or capture', async () => {
    const result = await dryRunTemplate({
      template: 'model-deployment',
      values: { ...values, type: 'serverless-endpoint' },
      entities,
      reviews: [completed(3)],
    });
    const template = synth(result.files, 'serverless');
    template.hasResourceProperties('AWS::SageMaker::EndpointConfig', {
      ProductionVariants: [
        Match.objectLike({
          ServerlessConfig: { MemorySizeInMB: 2048, MaxConcurrency: 20 },
        }),
      ],
      DataCaptureConfig: Match.absent(),
    });
    template.resourceCountIs('AWS::ApplicationAutoScaling::ScalableTarget', 0);
    template.resourceCountIs('AWS::SageMaker::MonitoringSchedule', 0);
  });

  it('packages a scheduled batch transform job instead of an endpoint', async () => {
    const result = await dryRunTemplate({
      template: 'model-deployment',
      values: {
        ...values,
        type: 'batch-transform',
        batchInputUri: 's3://churn/scoring/input/',
        batchOutputUri: 's3://churn/scoring/output/',
      },
      entities,
      reviews: [completed(3)],
    });
    const template = synth(result.files, 'batch');
    template.resourceCountIs('AWS::SageMaker::Endpoint', 0);
    template.resourceCountIs('AWS::SageMaker::Model', 1);
    template.resourceCountIs('AWS::StepFunctions::StateMachine', 1);
    const [machine] = Object.values(
      template.findResources('AWS::StepFunctions::StateMachine'),
    ) as any[];
    expect(JSON.stringify(machine.Properties.DefinitionString)).toContain(
      's3://churn/scoring/input/',
    );
    template.hasResourceProperties('AWS::Events::Rule', {
      ScheduleExpression: 'cron(0 2 * * ? *)',
    });
    const deployment = parse(result.files.get('catalog-info.yaml')!.toString());
    validateMlEntity(deployment);
    expect(deployment.spec.type).toBe('batch-transform');
  });

  it('refuses a version that has not passed governance for the stage, listing what is unmet', async () => {
    await expect(
      dryRunTemplate({
        template: 'model-deployment',
        values,
        entities,
        reviews: [
          productionReview({
            entityRef: 'modelversion:default/churn-model-3',
            checkpoints: [
              {
                id: 'auc',
                type: 'metric-threshold',
                state: 'failed',
                message: 'validation:auc 0.71 < 0.80',
                evidence: {},
                evaluatedAt: '2026-11-30T10:00:00.000Z',
              },
            ],
          }),
        ],
      }),
    ).rejects.toThrow(
      /has not passed the governance policy for production.*auc \(metric-threshold\): failed/s,
    );
  });
});
