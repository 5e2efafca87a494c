#!/usr/bin/env node
import { App } from 'aws-cdk-lib';
import { DeploymentConfig, DeploymentStack } from '../lib/deploymentStack';
import config from '../deployment.json';

const app = new App();
new DeploymentStack(app, `${config.name}-deployment`, config as DeploymentConfig, {
  env: { account: process.env.CDK_DEFAULT_ACCOUNT, region: process.env.CDK_DEFAULT_REGION },
});
