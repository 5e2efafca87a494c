import { Aws, CfnMapping, Duration, RemovalPolicy, Stack, StackProps } from 'aws-cdk-lib';
import * as appscaling from 'aws-cdk-lib/aws-applicationautoscaling';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as events from 'aws-cdk-lib/aws-events';
import * as targets from 'aws-cdk-lib/aws-events-targets';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as sagemaker from 'aws-cdk-lib/aws-sagemaker';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import * as tasks from 'aws-cdk-lib/aws-stepfunctions-tasks';
import { Construct } from 'constructs';

/** One model version served by the deployment. */
export interface ServedVersion {
  /** Catalog entity ref of the ModelVersion. */
  entityRef: string;
  /** Model package ARN: the approved registry entry is what gets served. */
  modelPackageArn?: string;
  /** Used when there is no model package ARN. */
  image?: string;
  artifactUri?: string;
  /** Relative traffic weight (real-time endpoints). */
  weight: number;
}

/** deployment.json, written by the model-deployment template. */
export interface DeploymentConfig {
  name: string;
  type: 'realtime-endpoint' | 'serverless-endpoint' | 'batch-transform';
  stage: string;
  owner: string;
  primary: ServedVersion;
  /** A second variant for A/B tests (real-time endpoints). */
  challenger?: ServedVersion;
  instanceType: string;
  instanceCount: number;
  autoscaling: { minInstances: number; maxInstances: number; targetInvocationsPerInstance: number };
  serverless: { memorySizeInMb: number; maxConcurrency: number };
  /** Share of requests captured for monitoring, 0 for none (real-time endpoints). */
  dataCapturePercentage: number;
  /** Hourly data quality monitoring (needs data capture). */
  monitoring: boolean;
  /** Model Monitor analyzer images, by region (see the AWS docs on Model Monitor images). */
  monitorImages: Record<string, string>;
  batch: { inputUri: string; outputUri: string; schedule: string };
}

/**
 * Serves a registered model version on SageMaker: a real-time endpoint (with
 * variants, data capture, autoscaling and a data quality schedule), a
 * serverless endpoint, or a scheduled batch transform.
 */
export class DeploymentStack extends Stack {
  constructor(scope: Construct, id: string, config: DeploymentConfig, props?: StackProps) {
    super(scope, id, props);
    const bucket = new s3.Bucket(this, 'Artifacts', {
      encryption: s3.BucketEncryption.S3_MANAGED,
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    const role = new iam.Role(this, 'ExecutionRole', {
      assumedBy: new iam.ServicePrincipal('sagemaker.amazonaws.com'),
      managedPolicies: [iam.ManagedPolicy.fromAwsManagedPolicyName('AmazonSageMakerFullAccess')],
    });
    bucket.grantReadWrite(role);

    const variants = [
      { variantName: 'primary', version: config.primary },
      ...(config.challenger ? [{ variantName: 'challenger', version: config.challenger }] : []),
    ].map(({ variantName, version }) => ({
      variantName,
      version,
      model: this.model(`${variantName}-model`, `${config.name}-${variantName}`, version, role),
    }));

    if (config.type === 'batch-transform') {
      this.batchTransform(config, variants[0].model, bucket);
      return;
    }

    const capture = config.type === 'realtime-endpoint' && config.dataCapturePercentage > 0;
    const endpointConfig = new sagemaker.CfnEndpointConfig(this, 'EndpointConfig', {
      productionVariants: variants.map(({ variantName, version, model }) =>
        config.type === 'serverless-endpoint'
          ? {
              variantName,
              modelName: model.attrModelName,
              serverlessConfig: config.serverless,
            }
          : {
              variantName,
              modelName: model.attrModelName,
              initialInstanceCount: config.instanceCount,
              instanceType: config.instanceType,
              initialVariantWeight: version.weight,
            },
      ),
      dataCaptureConfig: capture
        ? {
            enableCapture: true,
            initialSamplingPercentage: config.dataCapturePercentage,
            destinationS3Uri: bucket.s3UrlForObject('data-capture'),
            captureOptions: [{ captureMode: 'Input' }, { captureMode: 'Output' }],
          }
        : undefined,
    });
    const endpoint = new sagemaker.CfnEndpoint(this, 'Endpoint', {
      endpointName: config.name,
      endpointConfigName: endpointConfig.attrEndpointConfigName,
      tags: [
        { key: 'owner', value: config.owner },
        { key: 'stage', value: config.stage },
      ],
    });

    if (config.type === 'realtime-endpoint') {
      for (const { variantName } of variants) {
        const target = new appscaling.ScalableTarget(this, `${variantName}-scaling`, {
          serviceNamespace: appscaling.ServiceNamespace.SAGEMAKER,
          resourceId: `endpoint/${config.name}/variant/${variantName}`,
          scalableDimension: 'sagemaker:variant:DesiredInstanceCount',
          minCapacity: config.autoscaling.minInstances,
          maxCapacity: config.autoscaling.maxInstances,
        });
        target.node.addDependency(endpoint);
        target.scaleToTrackMetric(`${variantName}-invocations`, {
          targetValue: config.autoscaling.targetInvocationsPerInstance,
          predefinedMetric: appscaling.PredefinedMetric.SAGEMAKER_VARIANT_INVOCATIONS_PER_INSTANCE,
          scaleInCooldown: Duration.minutes(5),
          scaleOutCooldown: Duration.minutes(1),
        });
      }
      if (config.monitoring && capture) {
        this.dataQualityMonitoring(config, endpoint, bucket, role);
      }
    }
  }

  private model(id: string, name: string, version: ServedVersion, role: iam.IRole) {
    return new sagemaker.CfnModel(this, id, {
      modelName: name,
      executionRoleArn: role.roleArn,
      primaryContainer: version.modelPackageArn
        ? { modelPackageName: version.modelPackageArn }
        : { image: version.image, modelDataUrl: version.artifactUri },
    });
  }

  private dataQualityMonitoring(
    config: DeploymentConfig,
    endpoint: sagemaker.CfnEndpoint,
    bucket: s3.IBucket,
    role: iam.IRole,
  ) {
    // Resolved at deploy time, so one synthesised template serves every region listed.
    const image = new CfnMapping(this, 'ModelMonitorImages', {
      mapping: Object.fromEntries(
        Object.entries(config.monitorImages).map(([region, uri]) => [region, { uri }]),
      ),
    }).findInMap(Aws.REGION, 'uri');
    const definitionName = `${config.name}-data-quality`;
    const definition = new sagemaker.CfnDataQualityJobDefinition(this, 'DataQualityJob', {
      jobDefinitionName: definitionName,
      roleArn: role.roleArn,
      dataQualityAppSpecification: { imageUri: image },
      dataQualityJobInput: {
        endpointInput: {
          endpointName: config.name,
          localPath: '/opt/ml/processing/input',
        },
      },
      dataQualityJobOutputConfig: {
        monitoringOutputs: [
          {
            s3Output: {
              s3Uri: bucket.s3UrlForObject('monitoring/data-quality'),
              localPath: '/opt/ml/processing/output',
              s3UploadMode: 'EndOfJob',
            },
          },
        ],
      },
      jobResources: {
        clusterConfig: { instanceCount: 1, instanceType: 'ml.m5.large', volumeSizeInGb: 20 },
      },
      stoppingCondition: { maxRuntimeInSeconds: 3600 },
    });
    definition.node.addDependency(endpoint);
    const schedule = new sagemaker.CfnMonitoringSchedule(this, 'DataQualitySchedule', {
      monitoringScheduleName: `${config.name}-data-quality`,
      monitoringScheduleConfig: {
        monitoringJobDefinitionName: definitionName,
        monitoringType: 'DataQuality',
        scheduleConfig: { scheduleExpression: 'cron(0 * ? * * *)' },
      },
    });
    schedule.node.addDependency(definition);
  }

  private batchTransform(config: DeploymentConfig, model: sagemaker.CfnModel, bucket: s3.IBucket) {
    const transform = new tasks.SageMakerCreateTransformJob(this, 'Transform', {
      transformJobName: sfn.JsonPath.stringAt('$$.Execution.Name'),
      modelName: model.attrModelName,
      integrationPattern: sfn.IntegrationPattern.RUN_JOB,
      transformInput: {
        transformDataSource: { s3DataSource: { s3Uri: config.batch.inputUri } },
        contentType: 'text/csv',
        splitType: tasks.SplitType.LINE,
      },
      transformOutput: { s3OutputPath: config.batch.outputUri || bucket.s3UrlForObject('transform') },
      transformResources: {
        instanceCount: config.instanceCount,
        instanceType: new ec2.InstanceType(config.instanceType.replace(/^ml\./, '')),
      },
    });
    const machine = new sfn.StateMachine(this, 'TransformJob', {
      stateMachineName: `${config.name}-transform`,
      definitionBody: sfn.DefinitionBody.fromChainable(transform),
    });
    if (config.batch.schedule) {
      new events.Rule(this, 'TransformSchedule', {
        schedule: events.Schedule.expression(config.batch.schedule),
        targets: [new targets.SfnStateMachine(machine)],
      });
    }
  }
}
