import type { MlopsAccessFulfiller } from '@ml-foundation/plugin-mlops-node';

/**
 * The built-in fulfilment: grants nothing in AWS, so the requester and the
 * audit trail are told that someone must still grant the access.
 */
export const recordOnlyAccessFulfiller: MlopsAccessFulfiller = {
  id: 'record-only',
  async fulfil() {
    return {
      message:
        'The approval was recorded; no access was granted in AWS. The data owners grant it, or an adopter installs a fulfilment module (mlopsAccessFulfilmentExtensionPoint).',
    };
  },
};
