/**
 * Local AWS API simulator (SageMaker, Glue, S3) for tests and the demo: the
 * real AWS SDK talks to it over HTTP as it would to AWS.
 *
 * @packageDocumentation
 */

export { startAwsSimulator } from './startAwsSimulator';
export type { AwsSimulator, AwsSimulatorOptions } from './startAwsSimulator';
export type { SimulatorFaults } from './FaultInjector';
export { emptyRegionEstate } from './Estate';
export type {
  AwsRecord,
  AwsTag,
  Estate,
  GlueEstate,
  RegionEstate,
  SageMakerEstate,
} from './Estate';
export { generateDemoEstate } from './generateDemoEstate';
export { generateBenchmarkEstate } from './generateBenchmarkEstate';
export type { BenchmarkEstateSizes } from './generateBenchmarkEstate';
export { parseGlueScript } from './parseGlueScript';
export type { DagEdge, DagNode } from './parseGlueScript';
