export {
  createLineageRouter,
  DEFAULT_LINEAGE_DEPTH,
} from './createLineageRouter';
