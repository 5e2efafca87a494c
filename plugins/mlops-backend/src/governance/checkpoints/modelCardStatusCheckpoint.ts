import type { MlopsCheckpointType } from '@ml-foundation/plugin-mlops-node';
import { z } from 'zod';
import { validateCheckpointSettings } from './validateCheckpointSettings';

const settings = z
  .object({
    status: z.enum(['Draft', 'PendingReview', 'Approved', 'Archived']),
  })
  .passthrough();

/** The model package's model card (SageMaker ModelCard) has the status. */
export const modelCardStatusCheckpoint: MlopsCheckpointType = {
  type: 'model-card-status',
  validate: definition => validateCheckpointSettings(settings, definition),
  async evaluate({ definition, getModelPackage }) {
    const { status } = validateCheckpointSettings(settings, definition);
    const modelPackage = await getModelPackage();
    const card = modelPackage?.ModelCard as
      | { ModelCardStatus?: string }
      | undefined;
    const actual = card?.ModelCardStatus ?? null;
    if (actual === status) {
      return {
        state: 'passed',
        message: `Model card is ${status}`,
        evidence: { required: status, status: actual },
      };
    }
    return {
      state: 'failed',
      message: modelPackage
        ? `Model card is ${actual ?? 'missing'}, ${status} is required`
        : 'Could not read the model package to find its model card',
      evidence: { required: status, status: actual },
    };
  },
};
