export { AccessService } from './AccessService';
export { createAccessService } from './createAccessService';
export { createAccessRouter } from './createAccessRouter';
export { readAccessConfig } from './readAccessConfig';
