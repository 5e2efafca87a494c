export { createExperimentsRouter } from './createExperimentsRouter';
export { createExperimentsService } from './createExperimentsService';
export type { ExperimentsService } from './ExperimentsService';
