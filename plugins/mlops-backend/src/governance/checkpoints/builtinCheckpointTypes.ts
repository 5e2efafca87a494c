import type { MlopsCheckpointType } from '@ml-foundation/plugin-mlops-node';
import { approvalCheckpoint } from './approvalCheckpoint';
import { biasThresholdCheckpoint } from './biasThresholdCheckpoint';
import { lineageCompleteCheckpoint } from './lineageCompleteCheckpoint';
import { metricRegressionCheckpoint } from './metricRegressionCheckpoint';
import { metricThresholdCheckpoint } from './metricThresholdCheckpoint';
import { modelCardStatusCheckpoint } from './modelCardStatusCheckpoint';
import { reportPresentCheckpoint } from './reportPresentCheckpoint';

/** The checkpoint types the mlops backend knows without any module. */
export const builtinCheckpointTypes: MlopsCheckpointType[] = [
  metricThresholdCheckpoint,
  metricRegressionCheckpoint,
  reportPresentCheckpoint,
  biasThresholdCheckpoint,
  modelCardStatusCheckpoint,
  lineageCompleteCheckpoint,
  approvalCheckpoint,
];

/** The approval type's name: its checkpoints collect human decisions. */
export const APPROVAL_CHECKPOINT_TYPE = approvalCheckpoint.type;
